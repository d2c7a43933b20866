import { type Stack, aws_dynamodb as dynamodb } from 'aws-cdk-lib';
import { defineTable } from '../../tables';
import type { EventFunction } from '../../events/wiring';
import { VIEW_TABLE_VARIABLES, type ViewTables } from './tables';

/**
 * The read side's tables, in the views stack. They are derived data (`npm run views:rebuild` makes
 * them again from the write tables), so they are destroyed with the stack and need no backups.
 */
export const defineViewTables = (stack: Stack): Record<keyof ViewTables, dynamodb.Table> => {
  const table = (id: string, partitionKey: string, sortKey?: string) =>
    defineTable(stack, id, partitionKey, { sortKey });
  const productCards = table('ProductCards', 'sku');
  productCards.addGlobalSecondaryIndex({
    indexName: 'byCategory',
    partitionKey: { name: 'category', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'name', type: dynamodb.AttributeType.STRING },
  });
  return {
    productCards,
    orderHistory: table('OrderHistory', 'userId', 'sk'),
    dailySales: table('DailySales', 'month', 'sk'),
    contributions: table('DailySalesContributions', 'orderId'),
  };
};

/** Names the view tables in a function's environment. */
export const nameViewTables = (
  fn: Pick<EventFunction, 'addEnvironment'>,
  tables: Partial<Record<keyof ViewTables, dynamodb.ITable>>,
) => {
  for (const [key, t] of Object.entries(tables) as [keyof ViewTables, dynamodb.ITable][]) {
    fn.addEnvironment(VIEW_TABLE_VARIABLES[key], t.tableName);
  }
};
