import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Order, OrderStatus, StatusChange } from './order';
import type { OrderRefund, RefundLedger } from './refund';

/**
 * The orders table as `recordRefund` writes it: one conditional `UpdateItem` sets the refund,
 * appends the timeline note and bumps `version` (so the views take the change), or does nothing.
 */
export class DynamoRefundLedger implements RefundLedger {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly table: string,
    client = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(orderId: string): Promise<Order | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { orderId }, ConsistentRead: true }),
    );
    return Item as Order | undefined;
  }

  async recordRefund(orderId: string, status: OrderStatus, refund: OrderRefund, entry: StatusChange) {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { orderId },
          UpdateExpression:
            'SET refund = :refund, updatedAt = :at, statusHistory = list_append(statusHistory, :entry) ADD version :one',
          ConditionExpression: 'attribute_exists(orderId) AND attribute_not_exists(refund) AND #status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':refund': refund,
            ':at': entry.at,
            ':status': status,
            ':entry': [entry],
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as Order;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
