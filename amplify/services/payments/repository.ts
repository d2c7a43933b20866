import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { parseIdempotencyKey, type PaymentRecord, type PaymentStatus } from './payment';
import type { Claim, PaymentRepository, Settlement } from './payments';

type Values = Record<string, NativeAttributeValue>;

/**
 * Payments in DynamoDB, one item per order (partition key `orderId`). Every write is an
 * `UpdateItem` with a condition on `status` and the claim (`claimAction`, `claimedAt`), so the
 * table, not the code, decides which of two racing executions moves a payment.
 */
export class DynamoPaymentRepository implements PaymentRepository {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly table: string,
    client = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(orderId: string): Promise<PaymentRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { orderId }, ConsistentRead: true }),
    );
    if (!Item?.status) return undefined;
    const { claimAction: _action, claimedAt: _at, ...record } = Item;
    return record as PaymentRecord;
  }

  async claim(orderId: string, claim: Claim, from: readonly (PaymentStatus | null)[], staleBefore: string) {
    const values: Values = { ':action': claim.action, ':at': claim.at, ':stale': staleBefore };
    const statuses = from.filter((s): s is PaymentStatus => s !== null);
    statuses.forEach((status, i) => (values[`:from${i}`] = status));
    const allowed = [
      ...(from.includes(null) ? ['attribute_not_exists(#status)'] : []),
      ...(statuses.length ? [`#status IN (${statuses.map((_, i) => `:from${i}`).join(', ')})`] : []),
    ];
    if (allowed.length === 0) throw new Error('a claim needs at least one status to start from');
    return this.conditionally(
      new UpdateCommand({
        TableName: this.table,
        Key: { orderId },
        UpdateExpression: 'SET #claimAction = :action, #claimedAt = :at',
        ConditionExpression: `(${allowed.join(' OR ')}) AND (attribute_not_exists(#claimedAt) OR #claimedAt < :stale)`,
        ExpressionAttributeNames: { '#status': 'status', '#claimAction': 'claimAction', '#claimedAt': 'claimedAt' },
        ExpressionAttributeValues: values,
      }),
    );
  }

  async settle(orderId: string, claim: Claim, { status, set = {}, failure, entry }: Settlement) {
    const fields: Record<string, unknown> = { ...set, ...(status ? { status } : {}), ...(failure ? { failure } : {}) };
    const names: Record<string, string> = {};
    const values: Values = {
      ':action': claim.action,
      ':claimedAt': claim.at,
      ':now': entry.at,
      ':entry': [entry],
      ':none': [],
    };
    // Every name is aliased: `status` is a reserved word, and so may be the next attribute added.
    const alias = (name: string) => ((names[`#${name}`] = name), `#${name}`);
    const assignments = [
      `${alias('updatedAt')} = :now`,
      `${alias('createdAt')} = if_not_exists(#createdAt, :now)`,
      `${alias('history')} = list_append(if_not_exists(#history, :none), :entry)`,
    ];
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      values[`:${name}`] = value;
      assignments.push(`${alias(name)} = :${name}`);
    }
    const removals = ['claimAction', 'claimedAt', ...(failure === null ? ['failure'] : [])].map(alias);
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { orderId },
          UpdateExpression: `SET ${assignments.join(', ')} REMOVE ${removals.join(', ')}`,
          ConditionExpression: '#claimAction = :action AND #claimedAt = :claimedAt',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      const { claimAction: _action, claimedAt: _at, ...record } = Attributes!;
      return record as PaymentRecord;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new Error(`the ${claim.action} claim on order ${orderId} expired before its outcome was written`);
      throw error;
    }
  }

  /**
   * Counts a provider call in the order's `attempts` map, atomically. DynamoDB cannot add to a key
   * of a map that does not exist yet, so the first call of an order creates the map instead.
   */
  async recordAttempt(idempotencyKey: string): Promise<number> {
    const { orderId, action } = parseIdempotencyKey(idempotencyKey);
    for (;;) {
      try {
        const { Attributes } = await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { orderId },
            UpdateExpression: 'SET #attempts.#action = if_not_exists(#attempts.#action, :zero) + :one',
            ConditionExpression: 'attribute_exists(#attempts)',
            ExpressionAttributeNames: { '#attempts': 'attempts', '#action': action },
            ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        return (Attributes as { attempts: Record<string, number> }).attempts[action];
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const created = await this.conditionally(
        new UpdateCommand({
          TableName: this.table,
          Key: { orderId },
          UpdateExpression: 'SET #attempts = :first',
          ConditionExpression: 'attribute_not_exists(#attempts)',
          ExpressionAttributeNames: { '#attempts': 'attempts' },
          ExpressionAttributeValues: { ':first': { [action]: 1 } },
        }),
      );
      if (created) return 1;
      // Another call created the map in between: count on it.
    }
  }

  /** Runs a conditional write; false when its condition did not hold. */
  private async conditionally(command: UpdateCommand): Promise<boolean> {
    try {
      await this.db.send(command);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
