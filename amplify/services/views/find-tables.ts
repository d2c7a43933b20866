import { ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SourceTables } from './rebuild';
import type { ViewTables } from './tables';

/**
 * The source and view tables of a running local cloud, found by name: CDK tables end in their
 * logical id and an 8-digit hash, Amplify's model tables are `<Model>-<api>-<env>`.
 */
export const findTables = async (client: DynamoDBClient): Promise<{ sources: SourceTables; views: ViewTables }> => {
  const names: string[] = [];
  let ExclusiveStartTableName: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName }));
    names.push(...(page.TableNames ?? []));
    ExclusiveStartTableName = page.LastEvaluatedTableName;
  } while (ExclusiveStartTableName);
  const one = (what: string, pattern: RegExp) => {
    const found = names.filter((n) => pattern.test(n));
    if (found.length !== 1) throw new Error(`expected one ${what} table, found ${found.join(', ') || 'none'}`);
    return found[0];
  };
  const cdk = (logicalId: string) => one(logicalId, new RegExp(`-${logicalId}[0-9A-F]{8}$`));
  return {
    sources: { products: one('Product', /^Product-[^-]+-[^-]+$/), stock: cdk('Stock'), orders: cdk('Orders') },
    views: {
      productCards: cdk('ProductCards'),
      orderHistory: cdk('OrderHistory'),
      dailySales: cdk('DailySales'),
      contributions: cdk('DailySalesContributions'),
    },
  };
};
