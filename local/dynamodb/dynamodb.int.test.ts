import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  ListTablesCommand,
  DynamoDBClient,
  PutItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assembly } from '../assembly/assembly';
import { realAssembly } from '../lambda/testing';
import { awsCustomResources, runCustomResources } from './custom-resources';
import { localDynamoDbClient, startDynamoDb, type RunningDynamoDb } from './server';
import { ensureTables, tableDefinitions } from './tables';

/** Whether the process ends within `withinMs` (a zombie counts as ended: here PID 1 may not reap). */
const gone = async (pid: number, withinMs: number) => {
  const deadline = Date.now() + withinMs;
  do {
    try {
      process.kill(pid, 0);
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return true;
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  return false;
};

/** DynamoDB sets have no order. */
const sortedSets = (item: Record<string, unknown> | undefined) =>
  item &&
  Object.fromEntries(
    Object.entries(item).map(([k, v]) => {
      const set = v as { SS?: string[]; NS?: string[] };
      return [k, set.SS ? { SS: [...set.SS].sort() } : set.NS ? { NS: [...set.NS].sort() } : v];
    }),
  );

const tableNamed = (assembly: Assembly, test: (name: string) => boolean) => {
  const def = tableDefinitions(assembly).find((d) => test(d.name));
  if (!def) throw new Error('no such table in the templates');
  return def;
};

describe('DynamoDB Local with the tables of the real assembly', () => {
  let assembly: Assembly;
  let db: RunningDynamoDb;
  let client: DynamoDBClient;
  const work = mkdtempSync(join(tmpdir(), 'cloudshop-dynamodb-'));

  beforeAll(async () => {
    [assembly, db] = await Promise.all([
      realAssembly(),
      startDynamoDb({ dataDir: join(work, 'data'), port: 0, inMemory: true }),
    ]);
    client = localDynamoDbClient(db.endpoint);
  }, 180_000);
  afterAll(async () => {
    client?.destroy();
    await db?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('creates every table of the templates, with keys, GSIs, streams and TTL, and is idempotent', async () => {
    const defs = tableDefinitions(assembly);
    expect(defs.length).toBe(
      assembly.resources('AWS::DynamoDB::Table').length + assembly.resources('Custom::AmplifyDynamoDBTable').length,
    );

    const first = await ensureTables(assembly, client);
    expect(first.created.sort()).toEqual(defs.map((d) => d.name).sort());
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(expect.arrayContaining(defs.map((d) => d.name)));

    for (const def of defs) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: def.name }));
      expect(Table!.KeySchema).toEqual(def.create.KeySchema);
      expect(Table!.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect((Table!.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName).sort()).toEqual(
        (def.create.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName).sort(),
      );
      if (def.create.StreamSpecification) {
        expect(Table!.StreamSpecification).toEqual(def.create.StreamSpecification);
        expect(Table!.LatestStreamArn).toBeTruthy();
      }
      if (def.timeToLive?.Enabled) {
        const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: def.name }));
        expect(TimeToLiveDescription).toMatchObject({
          TimeToLiveStatus: 'ENABLED',
          AttributeName: def.timeToLive.AttributeName,
        });
      }
    }
    // Amplify Data's tables (camelCase properties) come out the same as CloudFormation's own.
    const amplifyTables = defs.filter((d) => d.resource.type === 'Custom::AmplifyDynamoDBTable');
    expect(amplifyTables.length).toBeGreaterThan(0);
    expect(amplifyTables.some((d) => (d.create.GlobalSecondaryIndexes ?? []).length > 0)).toBe(true);

    const again = await ensureTables(assembly, client);
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.existing.sort()).toEqual(defs.map((d) => d.name).sort());
  });

  it('adds a GSI an existing table lacks, keeping its items', async () => {
    const def = tableDefinitions(assembly).find((d) => (d.create.GlobalSecondaryIndexes ?? []).length > 0)!;
    const name = `${def.name}`;
    const { GlobalSecondaryIndexes: _gsis, ...bare } = def.create;
    const keyNames = new Set(def.create.KeySchema!.map((k) => k.AttributeName));
    const { DeleteTableCommand } = await import('@aws-sdk/client-dynamodb');
    await client.send(new DeleteTableCommand({ TableName: name }));
    await client.send(
      new CreateTableCommand({
        ...bare,
        AttributeDefinitions: bare.AttributeDefinitions!.filter((a) => keyNames.has(a.AttributeName!)),
      }),
    );
    const key = def.create.KeySchema!.find((k) => k.KeyType === 'HASH')!.AttributeName!;
    await client.send(new PutItemCommand({ TableName: name, Item: { [key]: { S: 'kept' } } }));

    const result = await ensureTables(assembly, client);
    expect(result.updated).toContain(name);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect((Table!.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName).sort()).toEqual(
      def.create.GlobalSecondaryIndexes!.map((g) => g.IndexName).sort(),
    );
    const { Item } = await client.send(new GetItemCommand({ TableName: name, Key: { [key]: { S: 'kept' } } }));
    expect(Item).toBeDefined();
  });

  it('runs the DynamoDB calls of the AwsCustomResources (the access-policy seed) once per change', async () => {
    const seeds = awsCustomResources(assembly);
    expect(seeds.length).toBeGreaterThan(0);
    const stateFile = join(work, 'custom-resources.json');

    const first = await runCustomResources(assembly, { dynamodb: client }, { stateFile });
    const dynamoSeeds = first.filter((o) => o.call && /dynamodb/i.test(o.call.service));
    expect(dynamoSeeds.length).toBeGreaterThan(0);
    expect(dynamoSeeds.every((o) => o.outcome === 'created')).toBe(true);

    // The seed's own parameters say what must now be in the tables.
    for (const seed of seeds.filter(
      (s) => s.create && /dynamodb/i.test(s.create.service) && /batchWriteItem/i.test(s.create.action),
    )) {
      const requests = (
        seed.create!.parameters as {
          RequestItems: Record<string, { PutRequest?: { Item: Record<string, AttributeValue> } }[]>;
        }
      ).RequestItems;
      for (const [table, writes] of Object.entries(requests)) {
        const def = tableNamed(assembly, (n) => n === table);
        for (const write of writes.filter((w) => w.PutRequest)) {
          const item = write.PutRequest!.Item;
          const Key = Object.fromEntries(def.create.KeySchema!.map((k) => [k.AttributeName!, item[k.AttributeName!]]));
          const { Item } = await client.send(new GetItemCommand({ TableName: table, Key }));
          expect(sortedSets(Item)).toEqual(sortedSets(item));
        }
      }
    }

    const second = await runCustomResources(assembly, { dynamodb: client }, { stateFile });
    expect(second.filter((o) => o.call).length).toBe(0);
    expect(second.filter((o) => o.outcome === 'unchanged').length).toBe(dynamoSeeds.length);
  });
});

describe('DynamoDB Local process', () => {
  it('keeps its tables in dataDir across restarts, and stop() ends Java', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cloudshop-dynamodb-data-'));
    try {
      let db = await startDynamoDb({ dataDir, port: 0 });
      let client = localDynamoDbClient(db.endpoint);
      await client.send(
        new CreateTableCommand({
          TableName: 'persisted',
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        }),
      );
      await client.send(new PutItemCommand({ TableName: 'persisted', Item: { id: { S: 'a' } } }));
      // -sharedDb: other credentials and regions see the same tables.
      const other = new DynamoDBClient({
        endpoint: db.endpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'someoneElse', secretAccessKey: 'x' },
      });
      expect(
        (await other.send(new GetItemCommand({ TableName: 'persisted', Key: { id: { S: 'a' } } }))).Item,
      ).toBeDefined();
      client.destroy();
      other.destroy();
      const pid = db.pid;
      await db.stop();
      expect(await gone(pid, 1000)).toBe(true);
      expect(existsSync(join(dataDir, 'shared-local-instance.db'))).toBe(true);

      db = await startDynamoDb({ dataDir, port: 0 });
      client = localDynamoDbClient(db.endpoint);
      const { Item } = await client.send(new GetItemCommand({ TableName: 'persisted', Key: { id: { S: 'a' } } }));
      expect(Item).toEqual({ id: { S: 'a' } });
      client.destroy();
      await db.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('does not outlive a parent that is killed outright', async () => {
    // One process (tsx as a loader; its CLI would put a second process in between).
    const parent = spawn(process.execPath, ['--import', 'tsx', 'local/dynamodb/fixtures/hold-dynamodb.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: parent.stdout! }).once('line', resolve);
      parent.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const { pid } = JSON.parse(line) as { pid: number };
    expect(await gone(pid, 0)).toBe(false);
    parent.kill('SIGKILL');
    expect(await gone(pid, 8000)).toBe(true);
  }, 60_000);

  it('refuses a port that is taken (rather than talking to whoever holds it)', async () => {
    const db = await startDynamoDb({ dataDir: '', port: 0, inMemory: true });
    try {
      await expect(startDynamoDb({ dataDir: '', port: db.port, inMemory: true })).rejects.toThrow(/in use/);
    } finally {
      await db.stop();
    }
  }, 60_000);
});
