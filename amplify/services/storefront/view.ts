import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** The product side's version of a card in the ProductCards view (what the grids are made from). */
export const cardVersionOf = async (table: string, sku: string) => {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: { sku }, ProjectionExpression: 'productVersion', ConsistentRead: true }),
  );
  return Item as { productVersion?: string } | undefined;
};
