import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SentLedger } from './notifications';

/** The table's TTL attribute (epoch seconds): DynamoDB forgets a notification 30 days after it. */
export const SENT_TTL_ATTRIBUTE = 'expiresAt';

/**
 * The `SentNotifications` table (pk `key`, the event id): an item is PENDING while its notification
 * is being sent, SENT after. Claiming is a conditional put, so two deliveries cannot both win.
 */
export class DynamoSentLedger implements SentLedger {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly table: string,
    client = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client);
  }

  async claim(
    key: string,
    { claimedAt, staleBefore, expiresAt, event }: Parameters<SentLedger['claim']>[1],
  ): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { key, event, status: 'PENDING', claimedAt, [SENT_TTL_ATTRIBUTE]: expiresAt },
          ConditionExpression: 'attribute_not_exists(#key) OR (#status = :pending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#key': 'key', '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'PENDING', ':stale': staleBefore },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markSent(key: string, sentAt: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { key },
        UpdateExpression: 'SET #status = :sent, sentAt = :at',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'SENT', ':at': sentAt },
      }),
    );
  }

  async release(key: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { key },
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'PENDING' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // already gone, or sent meanwhile
    }
  }
}
