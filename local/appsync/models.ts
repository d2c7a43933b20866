import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ExpressionBuilder, attributes } from './expressions';
import type { ModelPlan } from './definition';

/** An error a resolver raises, as AppSync reports it (`$util.error(message, type)`). */
export class ResolverError extends Error {
  constructor(
    message: string,
    readonly errorType: string,
    readonly errorInfo: unknown = null,
  ) {
    super(message);
    this.name = 'ResolverError';
  }
}

type Item = Record<string, unknown>;
type Args = Record<string, unknown>;

/** The `nextToken` a list returns: opaque to clients, here the DynamoDB key to start from. */
export const encodeNextToken = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64') : null;

const decodeNextToken = (token: unknown): Record<string, unknown> => {
  try {
    const key = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8'));
    if (key && typeof key === 'object' && !Array.isArray(key)) return key;
  } catch {
    // fall through
  }
  throw new ResolverError('Invalid pagination token given.', 'DynamoDB:DynamoDbException');
};

/** A failed DynamoDB call, as AppSync's DynamoDB data source reports it in `$ctx.error`. */
const dynamoError = (error: unknown): ResolverError => {
  const e = error as { name?: string; message?: string; $metadata?: { requestId?: string } };
  const requestId = e.$metadata?.requestId ?? randomUUID().replace(/-/g, '').toUpperCase();
  if (e.name === 'ConditionalCheckFailedException') {
    return new ResolverError(
      `The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: ${requestId})`,
      'DynamoDB:ConditionalCheckFailedException',
    );
  }
  return new ResolverError(
    `${e.message ?? String(error)} (Service: DynamoDb, Status Code: 400, Request ID: ${requestId})`,
    `DynamoDB:${e.name ?? 'DynamoDbException'}`,
  );
};

const call = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (error) {
    throw error instanceof ResolverError ? error : dynamoError(error);
  }
};

const keyOf = (plan: ModelPlan, values: Item): Item => {
  const key: Item = { [plan.table.hashKey]: values[plan.table.hashKey] };
  if (plan.table.rangeKey) key[plan.table.rangeKey] = values[plan.table.rangeKey];
  return key;
};

/** `$util.time.nowISO8601()`. */
const nowISO8601 = () => new Date().toISOString();

/**
 * Amplify's generated model resolvers (get, list, index query, create, update, delete), done as the
 * templates do them: the same DynamoDB operation, key, condition, defaults and result.
 */
export class ModelResolvers {
  constructor(private readonly db: DynamoDBDocumentClient) {}

  run(plan: ModelPlan, args: Args): Promise<unknown> {
    switch (plan.operation) {
      case 'get':
        return this.get(plan, args);
      case 'list':
        return this.list(plan, args);
      case 'query':
        return this.query(plan, args);
      case 'create':
        return this.create(plan, args);
      case 'update':
        return this.update(plan, args);
      case 'delete':
        return this.remove(plan, args);
    }
  }

  /** Get: a `Query` on the primary key; the item, or null. */
  private async get(plan: ModelPlan, args: Args) {
    const b = new ExpressionBuilder();
    const keys = [plan.table.hashKey, ...(plan.table.rangeKey ? [plan.table.rangeKey] : [])];
    const expression = keys.map((k) => `${b.name(k)} = ${b.value(args[k])}`).join(' AND ');
    const result = await call(() =>
      this.db.send(
        new QueryCommand({ TableName: plan.table.name, KeyConditionExpression: expression, ...attributes(b) }),
      ),
    );
    const items = result.Items ?? [];
    return items.length > 0 && result.ScannedCount === 1 ? items[0] : null;
  }

  private checkSortDirection(plan: ModelPlan, args: Args) {
    if (plan.rejectsSortDirection && args.sortDirection !== undefined && args.sortDirection !== null) {
      throw new ResolverError(
        'sortDirection is not supported for List operations without a Sort key defined.',
        'InvalidArgumentsError',
      );
    }
  }

  /** The key condition of a list by primary key or an index query (hash key equality, sort key condition). */
  private keyCondition(plan: ModelPlan, args: Args, b: ExpressionBuilder): string | undefined {
    const { hashKey, rangeKey } = plan.keys;
    if (
      rangeKey &&
      args[rangeKey] !== undefined &&
      args[rangeKey] !== null &&
      (args[hashKey] === undefined || args[hashKey] === null)
    ) {
      throw new ResolverError(
        `When providing argument '${rangeKey}' you must also provide arguments ${hashKey}`,
        'InvalidArgumentsError',
      );
    }
    if (args[hashKey] === undefined || args[hashKey] === null) return undefined;
    let expression = `${b.name(hashKey)} = ${b.value(args[hashKey])}`;
    const sort = rangeKey ? (args[rangeKey] as Record<string, unknown> | null | undefined) : undefined;
    if (rangeKey && sort && typeof sort === 'object') {
      const k = b.name(rangeKey);
      // The template applies each given operator in this order.
      if (sort.beginsWith != null) expression += ` AND begins_with(${k}, ${b.value(sort.beginsWith)})`;
      if (sort.between != null) {
        const [lo, hi] = sort.between as unknown[];
        expression += ` AND ${k} BETWEEN ${b.value(lo)} AND ${b.value(hi)}`;
      }
      for (const [op, sym] of [
        ['eq', '='],
        ['lt', '<'],
        ['le', '<='],
        ['gt', '>'],
        ['ge', '>='],
      ] as const) {
        if (sort[op] != null) expression += ` AND ${k} ${sym} ${b.value(sort[op])}`;
      }
    }
    return expression;
  }

  private page(args: Args, b: ExpressionBuilder) {
    const limit = args.limit === undefined || args.limit === null ? 100 : Number(args.limit);
    const filter = b.filter(args.filter);
    return {
      Limit: limit,
      ...(filter ? { FilterExpression: filter } : {}),
      ...(args.nextToken ? { ExclusiveStartKey: decodeNextToken(args.nextToken) } : {}),
    };
  }

  private connection(result: { Items?: Item[]; LastEvaluatedKey?: Item; ScannedCount?: number }) {
    return {
      items: result.Items ?? [],
      nextToken: encodeNextToken(result.LastEvaluatedKey),
      scannedCount: result.ScannedCount ?? 0,
    };
  }

  /** List: a `Query` when the primary key is given, else a `Scan`; `limit` 100 by default. */
  private async list(plan: ModelPlan, args: Args) {
    this.checkSortDirection(plan, args);
    const b = new ExpressionBuilder();
    const keyCondition = this.keyCondition(plan, args, b);
    const page = this.page(args, b);
    if (keyCondition) {
      const input: QueryCommandInput = {
        TableName: plan.table.name,
        KeyConditionExpression: keyCondition,
        ScanIndexForward: args.sortDirection !== 'DESC',
        ...page,
        ...attributes(b),
      };
      return this.connection(await call(() => this.db.send(new QueryCommand(input))));
    }
    const input: ScanCommandInput = { TableName: plan.table.name, ...page, ...attributes(b) };
    return this.connection(await call(() => this.db.send(new ScanCommand(input))));
  }

  /** An index query (`listProductsByCategory`): a `Query` on the template's index. */
  private async query(plan: ModelPlan, args: Args) {
    this.checkSortDirection(plan, args);
    const b = new ExpressionBuilder();
    const keyCondition = this.keyCondition(plan, args, b);
    if (!keyCondition) {
      throw new ResolverError(
        `Query condition missed key schema element: ${plan.keys.hashKey}`,
        'DynamoDB:ValidationException',
      );
    }
    const page = this.page(args, b);
    const input: QueryCommandInput = {
      TableName: plan.table.name,
      IndexName: plan.index,
      KeyConditionExpression: keyCondition,
      ScanIndexForward: args.sortDirection !== 'DESC',
      ...page,
      ...attributes(b),
    };
    return this.connection(await call(() => this.db.send(new QueryCommand(input))));
  }

  /** The key condition and the caller's `condition`, ANDed (what the templates' condition block builds). */
  private condition(plan: ModelPlan, keyMustExist: boolean, condition: unknown, b: ExpressionBuilder): string {
    const parts = [plan.table.hashKey, ...(plan.table.rangeKey ? [plan.table.rangeKey] : [])].map((k) =>
      keyMustExist ? `attribute_exists(${b.name(k)})` : `attribute_not_exists(${b.name(k)})`,
    );
    const user = b.filter(condition);
    if (user) parts.push(`(${user})`);
    return parts.join(' AND ');
  }

  /** Create: `PutItem` of the input with createdAt/updatedAt and `__typename`, only if the key is new. */
  private async create(plan: ModelPlan, args: Args) {
    const now = nowISO8601();
    const item: Item = {
      createdAt: now,
      updatedAt: now,
      ...((args.input as Item | undefined) ?? {}),
      __typename: plan.modelType,
    };
    const b = new ExpressionBuilder();
    const condition = this.condition(plan, false, args.condition, b);
    await call(() =>
      this.db.send(
        new PutCommand({ TableName: plan.table.name, Item: item, ConditionExpression: condition, ...attributes(b) }),
      ),
    );
    return { ...item, __operation: 'Mutation' };
  }

  /** Update: `UpdateItem` that SETs every given field (REMOVEs the ones given as null) and updatedAt, only if the item exists. */
  private async update(plan: ModelPlan, args: Args) {
    const merged: Item = { updatedAt: nowISO8601(), ...((args.input as Item | undefined) ?? {}) };
    const keyFields = new Set([plan.table.hashKey, ...(plan.table.rangeKey ? [plan.table.rangeKey] : [])]);
    const b = new ExpressionBuilder();
    const set: string[] = [];
    const remove: string[] = [];
    for (const [field, value] of Object.entries(merged)) {
      if (keyFields.has(field) || value === undefined) continue;
      if (value === null) remove.push(b.name(field));
      else set.push(`${b.name(field)} = ${b.value(value)}`);
    }
    const expression = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : '']
      .filter(Boolean)
      .join(' ');
    const condition = this.condition(plan, true, args.condition, b);
    const result = await call(() =>
      this.db.send(
        new UpdateCommand({
          TableName: plan.table.name,
          Key: keyOf(plan, merged),
          UpdateExpression: expression,
          ConditionExpression: condition,
          ReturnValues: 'ALL_NEW',
          ...attributes(b),
        }),
      ),
    );
    return { ...(result.Attributes ?? {}), __operation: 'Mutation' };
  }

  /** Delete: `DeleteItem` only if the item exists; the deleted item. */
  private async remove(plan: ModelPlan, args: Args) {
    const input = (args.input as Item | undefined) ?? {};
    const b = new ExpressionBuilder();
    const condition = this.condition(plan, true, args.condition, b);
    const result = await call(() =>
      this.db.send(
        new DeleteCommand({
          TableName: plan.table.name,
          Key: keyOf(plan, input),
          ConditionExpression: condition,
          ReturnValues: 'ALL_OLD',
          ...attributes(b),
        }),
      ),
    );
    return { ...(result.Attributes ?? {}), __operation: 'Mutation' };
  }
}
