import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ViewTables } from './tables';

/**
 * The view tables as the views stack defines them (amplify/services/views/wiring.ts), for tests and
 * for rebuilding into fresh copies beside the live ones.
 */
export const createViewTables = async (client: DynamoDBClient, names: ViewTables) => {
  const string = (AttributeName: string) => ({ AttributeName, AttributeType: 'S' as const });
  const keys = (hash: string, range?: string) => [
    { AttributeName: hash, KeyType: 'HASH' as const },
    ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : []),
  ];
  const table = (TableName: string, hash: string, range?: string) =>
    client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [string(hash), ...(range ? [string(range)] : [])],
        KeySchema: keys(hash, range),
      }),
    );
  await Promise.all([
    client.send(
      new CreateTableCommand({
        TableName: names.productCards,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [string('sku'), string('category'), string('name')],
        KeySchema: keys('sku'),
        GlobalSecondaryIndexes: [
          { IndexName: 'byCategory', KeySchema: keys('category', 'name'), Projection: { ProjectionType: 'ALL' } },
        ],
      }),
    ),
    table(names.orderHistory, 'userId', 'sk'),
    table(names.dailySales, 'month', 'sk'),
    table(names.contributions, 'orderId'),
  ]);
};
