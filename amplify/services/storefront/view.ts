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

/**
 * How long a change may take to reach the view before the event is handed back to Lambda's retries.
 * The projection usually follows within a second; waiting here beats Lambda's asynchronous retries,
 * which come a minute and then two apart.
 */
export const VIEW_WAIT_MS = 5_000;

/**
 * Reads the card until `holds` says it has the change, backing off from 100 ms; false when it still
 * does not after about `waitMs`.
 */
export const waitForCard = async (
  read: () => Promise<{ productVersion?: string } | undefined>,
  holds: (card: { productVersion?: string } | undefined) => boolean,
  waitMs = VIEW_WAIT_MS,
): Promise<boolean> => {
  for (let waited = 0, delay = 100; ; waited += delay, delay *= 2) {
    if (holds(await read())) return true;
    if (waited >= waitMs) return false;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
};
