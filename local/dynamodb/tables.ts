import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  type Projection,
  type StreamSpecification,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { Assembly, Resource } from '../assembly/assembly';

/** The resource types that are DynamoDB tables: CloudFormation's own and Amplify Data's table manager's. */
export const TABLE_TYPES = [
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'Custom::AmplifyDynamoDBTable',
] as const;

/** One table of the templates, as DynamoDB Local will create it. */
export interface TableDefinition {
  readonly resource: Resource;
  readonly name: string;
  /** The `CreateTable` input: keys, indexes and stream; always on-demand (PAY_PER_REQUEST). */
  readonly create: CreateTableCommandInput & { TableName: string };
  readonly timeToLive?: { AttributeName: string; Enabled: boolean };
}

export interface EnsureTablesResult {
  created: string[];
  existing: string[];
  /** Tables that existed and were brought up to date (a missing GSI, stream or TTL added). */
  updated: string[];
  warnings: string[];
}

type Loose = Record<string, unknown>;

/** `attributeName` → `AttributeName`, all the way down (Amplify's table manager spells CloudFormation's properties in camelCase). */
const pascalCase = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(pascalCase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k[0].toUpperCase() + k.slice(1), pascalCase(v)]));
};

const keySchema = (value: unknown): KeySchemaElement[] =>
  ((value as Loose[] | undefined) ?? []).map((k) => ({
    AttributeName: String(k.AttributeName),
    KeyType: String(k.KeyType) as KeySchemaElement['KeyType'],
  }));

const projection = (value: unknown): Projection => {
  const p = (value as Loose | undefined) ?? {};
  return {
    ProjectionType: (p.ProjectionType as Projection['ProjectionType']) ?? 'ALL',
    ...(Array.isArray(p.NonKeyAttributes) && p.NonKeyAttributes.length
      ? { NonKeyAttributes: p.NonKeyAttributes.map(String) }
      : {}),
  };
};

const truthy = (v: unknown) => v === true || v === 'true';

/** Every table of the templates, with intrinsics evaluated and the table's physical name. */
export const tableDefinitions = (assembly: Assembly): TableDefinition[] =>
  TABLE_TYPES.flatMap((type) => assembly.resources(type)).map((resource) => {
    const raw = assembly.properties(resource);
    const p = (resource.type.startsWith('Custom::') ? pascalCase(raw) : raw) as Loose;
    const name = assembly.physicalId(resource);
    const gsis: GlobalSecondaryIndex[] = ((p.GlobalSecondaryIndexes as Loose[] | undefined) ?? []).map((g) => ({
      IndexName: String(g.IndexName),
      KeySchema: keySchema(g.KeySchema),
      Projection: projection(g.Projection),
    }));
    const lsis: LocalSecondaryIndex[] = ((p.LocalSecondaryIndexes as Loose[] | undefined) ?? []).map((l) => ({
      IndexName: String(l.IndexName),
      KeySchema: keySchema(l.KeySchema),
      Projection: projection(l.Projection),
    }));
    const stream = p.StreamSpecification as Loose | undefined;
    const streamSpec: StreamSpecification | undefined =
      stream && stream.StreamViewType && stream.StreamEnabled !== false && stream.StreamEnabled !== 'false'
        ? { StreamEnabled: true, StreamViewType: stream.StreamViewType as StreamSpecification['StreamViewType'] }
        : undefined;
    const ttl = p.TimeToLiveSpecification as Loose | undefined;
    return {
      resource,
      name,
      create: {
        TableName: name,
        AttributeDefinitions: ((p.AttributeDefinitions as Loose[] | undefined) ?? []).map((a) => ({
          AttributeName: String(a.AttributeName),
          AttributeType: String(a.AttributeType) as AttributeDefinition['AttributeType'],
        })),
        KeySchema: keySchema(p.KeySchema),
        BillingMode: 'PAY_PER_REQUEST',
        ...(gsis.length ? { GlobalSecondaryIndexes: gsis } : {}),
        ...(lsis.length ? { LocalSecondaryIndexes: lsis } : {}),
        ...(streamSpec ? { StreamSpecification: streamSpec } : {}),
      },
      ...(ttl?.AttributeName
        ? { timeToLive: { AttributeName: String(ttl.AttributeName), Enabled: truthy(ttl.Enabled) } }
        : {}),
    };
  });

const listTables = async (client: DynamoDBClient): Promise<string[]> => {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
};

const waitActive = async (client: DynamoDBClient, name: string): Promise<TableDescription> => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    const busy =
      Table?.TableStatus !== 'ACTIVE' ||
      (Table.GlobalSecondaryIndexes ?? []).some((g) => g.IndexStatus && g.IndexStatus !== 'ACTIVE');
    if (!busy) return Table!;
    if (Date.now() > deadline) throw new Error(`table ${name} is still ${Table?.TableStatus}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const sameKeys = (a: KeySchemaElement[] = [], b: KeySchemaElement[] = []) =>
  a.length === b.length && a.every((k, i) => k.AttributeName === b[i].AttributeName && k.KeyType === b[i].KeyType);

/** Brings an existing table up to its definition where DynamoDB allows it in place; returns whether it changed. */
const reconcile = async (client: DynamoDBClient, def: TableDefinition, warnings: string[]): Promise<boolean> => {
  let table = await waitActive(client, def.name);
  let changed = false;
  if (!sameKeys(table.KeySchema, def.create.KeySchema)) {
    warnings.push(`table ${def.name} exists with another key schema; delete it (or the local data) to recreate it`);
  }
  const present = new Set((table.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  for (const gsi of def.create.GlobalSecondaryIndexes ?? []) {
    if (present.has(gsi.IndexName)) continue;
    const used = new Set(gsi.KeySchema!.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: def.name,
        AttributeDefinitions: def.create.AttributeDefinitions!.filter((a) => used.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: gsi }],
      }),
    );
    table = await waitActive(client, def.name);
    changed = true;
  }
  const presentLsis = new Set((table.LocalSecondaryIndexes ?? []).map((l) => l.IndexName));
  for (const lsi of def.create.LocalSecondaryIndexes ?? []) {
    if (!presentLsis.has(lsi.IndexName)) {
      warnings.push(`table ${def.name} lacks local index ${lsi.IndexName}, which only a new table can have`);
    }
  }
  if (def.create.StreamSpecification && !table.StreamSpecification?.StreamEnabled) {
    await client.send(
      new UpdateTableCommand({ TableName: def.name, StreamSpecification: def.create.StreamSpecification }),
    );
    await waitActive(client, def.name);
    changed = true;
  }
  return changed;
};

const ensureTimeToLive = async (client: DynamoDBClient, def: TableDefinition): Promise<boolean> => {
  if (!def.timeToLive?.Enabled) return false;
  const { TimeToLiveDescription: now } = await client.send(new DescribeTimeToLiveCommand({ TableName: def.name }));
  if (now?.TimeToLiveStatus === 'ENABLED' && now.AttributeName === def.timeToLive.AttributeName) return false;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: def.name,
      TimeToLiveSpecification: { AttributeName: def.timeToLive.AttributeName, Enabled: true },
    }),
  );
  return true;
};

/**
 * Creates every table of the templates (`AWS::DynamoDB::Table` and Amplify Data's
 * `Custom::AmplifyDynamoDBTable`) with its keys, indexes, stream and TTL, on demand. Idempotent: a
 * table that exists is kept with its items; a GSI, stream or TTL it lacks is added in place.
 */
export const ensureTables = async (
  assembly: Assembly,
  client: DynamoDBClient,
  { log = (m: string) => console.warn(`[dynamodb] ${m}`) }: { log?: (message: string) => void } = {},
): Promise<EnsureTablesResult> => {
  const result: EnsureTablesResult = { created: [], existing: [], updated: [], warnings: [] };
  const existing = new Set(await listTables(client));
  for (const def of tableDefinitions(assembly)) {
    let created = false;
    if (!existing.has(def.name)) {
      try {
        await client.send(new CreateTableCommand(def.create));
        created = true;
      } catch (error) {
        if ((error as Error).name !== 'ResourceInUseException') throw error;
      }
    }
    const changed = created
      ? (await waitActive(client, def.name), false)
      : await reconcile(client, def, result.warnings);
    const ttlChanged = await ensureTimeToLive(client, def);
    if (created) result.created.push(def.name);
    else if (changed || ttlChanged) result.updated.push(def.name);
    else result.existing.push(def.name);
  }
  for (const warning of result.warnings) log(warning);
  return result;
};
