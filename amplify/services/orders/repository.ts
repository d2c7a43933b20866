import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { OrdersByStatus } from './admin-orders';
import type { Order, OrderStatus, StatusChange } from './order';
import type { CreateResult, IdempotencyRecord, OrdersRepository } from './orders';

export interface OrdersTables {
  /**
   * pk `orderId`; GSI `byUser` (userId, createdAt) for the order history, GSI `byStatus` (status,
   * createdAt) for the admins' lists.
   */
  orders: string;
  /** pk `key` (`userId#idempotencyKey`). */
  idempotency: string;
}

const MAX_ATTEMPTS = 5;

/** Orders and their idempotency records in DynamoDB. */
export class DynamoOrdersRepository implements OrdersRepository, OrdersByStatus {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tables: OrdersTables,
    client = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async idempotencyRecord(key: string): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tables.idempotency, Key: { key }, ConsistentRead: true }),
    );
    return Item as IdempotencyRecord | undefined;
  }

  /**
   * One transaction puts the order and claims the key, each only if absent. If the key's condition
   * fails, a request with that key got there first: nothing was written, and its record is read back.
   */
  async create(order: Order, record: IdempotencyRecord): Promise<CreateResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tables.idempotency,
                  Item: record,
                  ConditionExpression: 'attribute_not_exists(#key)',
                  ExpressionAttributeNames: { '#key': 'key' },
                },
              },
              {
                Put: {
                  TableName: this.tables.orders,
                  Item: order,
                  ConditionExpression: 'attribute_not_exists(orderId)',
                },
              },
            ],
          }),
        );
        return { created: true };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
        if (codes[0] === 'ConditionalCheckFailed') {
          const existing = await this.idempotencyRecord(record.key);
          if (existing) return { created: false, existing };
        }
        // A concurrent transaction on the same key (its twin) was in flight: once it settles, the
        // retry either writes or finds the key taken. The SDK does not retry a cancelled transaction.
        if (!codes.includes('TransactionConflict') || attempt === MAX_ATTEMPTS) throw error;
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 20));
      }
    }
  }

  async get(orderId: string): Promise<Order | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tables.orders, Key: { orderId }, ConsistentRead: true }),
    );
    return Item as Order | undefined;
  }

  async byStatus(status: OrderStatus, limit: number, startKey?: Record<string, string>) {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tables.orders,
        IndexName: 'byStatus',
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { orders: Items as Order[], lastKey: LastEvaluatedKey };
  }

  async transition(orderId: string, from: OrderStatus, change: StatusChange): Promise<Order | undefined> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tables.orders,
          Key: { orderId },
          UpdateExpression:
            'SET #status = :to, updatedAt = :at, statusHistory = list_append(statusHistory, :change) ADD version :one',
          ConditionExpression: 'attribute_exists(orderId) AND #status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': change.status,
            ':at': change.at,
            ':from': from,
            ':change': [change],
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
