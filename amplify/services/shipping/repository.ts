import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Shipment, ShipmentStatus } from './shipment';
import type { ShipmentChange, ShipmentsRepository } from './shipping';

/**
 * Shipments in DynamoDB (pk `orderId`; the table's stream, NEW_AND_OLD_IMAGES, feeds the outbox).
 * A failed condition is an answer (`false`, `undefined`), never an error: the use case reads again.
 */
export class DynamoShipmentsRepository implements ShipmentsRepository {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly table: string,
    client = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(orderId: string): Promise<Shipment | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { orderId }, ConsistentRead: true }),
    );
    return Item as Shipment | undefined;
  }

  async putIfAbsent(shipment: Shipment): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: shipment, ConditionExpression: 'attribute_not_exists(orderId)' }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async transition(orderId: string, from: ShipmentStatus, change: ShipmentChange): Promise<Shipment | undefined> {
    const at = change.status === 'DISPATCHED' ? 'dispatchedAt' : 'cancelledAt';
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { orderId },
          UpdateExpression: `SET #status = :to, ${at} = :at, version = version + :one`,
          ConditionExpression: 'attribute_exists(orderId) AND #status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': change.status,
            ':at': change.status === 'DISPATCHED' ? change.dispatchedAt : change.cancelledAt,
            ':from': from,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as Shipment;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
