import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NoticeLedger } from './access';

type Send = Pick<DynamoDBDocumentClient, 'send'>;

/**
 * The notices table (partition key `key` = `<userId>#<operation>`, TTL attribute `expiresAt`).
 * A conditional put claims the slot: it succeeds when no notice was recorded or the recorded one
 * has expired. The `expiresAt < :now` half is needed because DynamoDB deletes expired items
 * lazily (up to days later). A failed condition means "already notified in this window".
 */
export const noticeLedger = (client: Send, tableName: string): NoticeLedger => ({
  async claim({ key, userId, operation, expiresAt }, nowSeconds) {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { key, userId, operation, expiresAt, notifiedAt: nowSeconds },
          ConditionExpression: 'attribute_not_exists(#k) OR expiresAt < :now',
          ExpressionAttributeNames: { '#k': 'key' },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  },
});
