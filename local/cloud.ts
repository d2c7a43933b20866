import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REVALIDATE_SECRET_VARIABLE } from '../amplify/services/storefront/revalidation';
import { localCertificate, startAppSync, type RunningAppSync } from './appsync';
import { Assembly, type Naming, type Resource } from './assembly/assembly';
import { synth } from './assembly/synth';
import { startCognito, type AdminCredentials, type LocalCognito } from './cognito';
import { consoleRoutes, type ConsoleSources } from './console';
import {
  ensureTables,
  localDynamoDbClient,
  portFree,
  runCustomResources,
  startDynamoDb,
  type RunningDynamoDb,
} from './dynamodb';
import {
  EVENT_LOG_FILE,
  EventLog,
  LocalEventBridge,
  asyncInvokeConfigsOf,
  eventBridgeRoutes,
  eventBusNaming,
  eventBusesOf,
  rulesOf,
} from './eventbridge';
import { LAMBDA_CREDENTIALS, LambdaEmulator } from './lambda';
import { dynamoDbRoutes } from './dynamodb/routes';
import { lambdaFaultRoutes } from './lambda/fault-routes';
import { startDynamoDbMeter, type DynamoDbMeter } from './metering';
import { amplifyOutputs } from './outputs';
import { HOST, url, type Invoker, type Ports } from './ports';
import { schedulesOf, startScheduler, type RunningScheduler } from './scheduler';
import { LocalSecrets } from './secrets';
import { seedCatalog } from './seed/seed';
import { sesRoutes } from './ses';
import { FileOutbox, startCloudServer, topicsOf, type RunningCloudServer } from './sns';
import { LocalSqs, SQS_DIR, sqsNaming, sqsRoutes } from './sqs';
import { LocalStreams, STREAM_CHECKPOINTS_FILE, StreamArns, streamsRoutes } from './streams';
import { LocalStepFunctions, stateMachineNaming, stepFunctionsRoutes } from './stepfunctions';

export interface LocalCloudOptions {
  /** The repository (where `amplify/` and `package.json` are). */
  root: string;
  /** Where every service keeps its data (`.local`, or a throwaway folder for tests). */
  dataDir: string;
  ports: Ports;
  /** `dev` (hot reload, for `npm start`), `production` (`next build` + `next start`, for tests) or `none`. */
  storefront: 'dev' | 'production' | 'none';
  /** Where `amplify_outputs.json` is written for the storefront. */
  outputsFile: string;
  /** Progress lines. */
  log: (line: string) => void;
}

export interface LocalCloud {
  urls: Record<string, string>;
  admin: AdminCredentials;
  /** How long each stage of start-up took, in ms. */
  timings: Record<string, number>;
  synthesis: 'reused' | 'synthesized';
  lambda: LambdaEmulator;
  appsync: RunningAppSync;
  cognito: LocalCognito;
  /** Counts the read and write units of every DynamoDB call the functions and the API make. */
  dynamodbMeter: DynamoDbMeter;
  scheduler: RunningScheduler;
  /** The state machines of the templates: executions, histories, `metrics()` (state transitions...). */
  stepFunctions: LocalStepFunctions;
  /** The event buses and rules of the templates: the event log, `deliveries()`, `settled()` and `metrics()`. */
  eventBridge: LocalEventBridge;
  /** The queues of the templates: `send`, `messages` (a peek), `redrive`, `metrics()`. */
  sqs: LocalSqs;
  /** The DynamoDB stream mappings: `mappings()`, `log()`, `metrics()`, `drained()`. */
  streams: LocalStreams;
  /** What the integration and end-to-end tests need to reach this cloud. */
  testEnvironment(): Record<string, string>;
  stop(): Promise<void>;
}

/** Answers with the first naming that knows the resource. */
const firstOf = (...namings: Naming[]): Naming => ({
  physicalId: (r: Resource) => namings.map((n) => n.physicalId?.(r)).find((v) => v !== undefined),
  attribute: (r: Resource, name: string) => namings.map((n) => n.attribute?.(r, name)).find((v) => v !== undefined),
});

/**
 * Starts the whole local cloud from the synthesized templates: DynamoDB Local with every table,
 * Cognito with the user pool and its triggers, the Lambda functions, SNS and the outbox, the
 * GraphQL API with its authorizer, the seed data, and the storefront.
 */
export const startLocalCloud = async (options: LocalCloudOptions): Promise<LocalCloud> => {
  const { root, dataDir, ports, log } = options;
  const timings: Record<string, number> = {};
  const started = Date.now();
  let mark = started;
  const lap = (stage: string) => {
    const now = Date.now();
    timings[stage] = now - mark;
    mark = now;
  };
  const stops: (() => Promise<unknown> | unknown)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => {});
    stops.length = 0;
  };

  const busy: string[] = [];
  for (const [name, port] of Object.entries(ports)) if (!(await portFree(port))) busy.push(`${port} (${name})`);
  if (busy.length) {
    throw new Error(`another program is using port ${busy.join(', ')}: stop it, then start again`);
  }

  try {
    const synthesized = synth(root);
    log(
      synthesized.reused
        ? 'cloud assembly unchanged: reused'
        : `synthesized the backend in ${(synthesized.ms / 1000).toFixed(1)} s`,
    );
    lap('synthesis');
    const base = new Assembly(synthesized.dir);
    mkdirSync(dataDir, { recursive: true });
    const outbox = new FileOutbox(join(dataDir, 'outbox.jsonl'));

    const db: RunningDynamoDb = await startDynamoDb({ dataDir: join(dataDir, 'dynamodb'), port: ports.dynamodb });
    stops.push(() => db.stop());
    lap('dynamodb');

    // Cognito's triggers run on the Lambda emulator, which needs Cognito's names first.
    let lambda: LambdaEmulator | undefined;
    const invoker: Invoker = { invoke: (fn, event) => lambda!.invoke(fn, event) };
    const cognito = await startCognito({
      assembly: base,
      dataDir: join(dataDir, 'cognito'),
      port: ports.cognito,
      invoker,
      outbox,
      authFlows: 'enforce',
      log: (m) => log(`cognito: ${m}`),
    });
    stops.push(() => cognito.stop());
    lap('cognito');

    const graphqlUrl = url(ports.appsync, '/graphql');
    const cloudUrl = url(ports.cloud);
    const apiNaming: Naming = {
      attribute: (r, name) => (r.type === 'AWS::AppSync::GraphQLApi' && name === 'GraphQLUrl' ? graphqlUrl : undefined),
    };
    const streamArns = new StreamArns(); // `Fn::GetAtt [Table, StreamArn]` once the tables exist
    const assembly = new Assembly(
      synthesized.dir,
      firstOf(cognito.naming, apiNaming, eventBusNaming, stateMachineNaming, sqsNaming(cloudUrl), streamArns.naming),
    );

    const dynamodb = localDynamoDbClient(db.endpoint);
    await ensureTables(assembly, dynamodb, { log: (m) => log(`dynamodb: ${m}`) });
    await streamArns.load(assembly, dynamodb);
    await runCustomResources(
      assembly,
      { dynamodb },
      { stateFile: join(dataDir, 'dynamodb', 'custom-resources.json'), log: (m) => log(`custom resources: ${m}`) },
    );
    lap('tables');

    // The backend's secrets, made up for this run; the storefront's address, if it runs.
    const secrets = new LocalSecrets();
    const storefrontUrl = url(ports.storefront);
    // Functions and the API reach DynamoDB through the meter, so an order's units can be priced.
    const dynamodbMeter = await startDynamoDbMeter({ target: db.endpoint });
    stops.push(() => dynamodbMeter.close());
    lambda = LambdaEmulator.fromAssembly(assembly, {
      secret: (path) => secrets.parameter(path), // instead of SSM
      env: {
        AWS_ENDPOINT_URL_DYNAMODB: dynamodbMeter.endpoint,
        AWS_ENDPOINT_URL_SNS: cloudUrl,
        AWS_ENDPOINT_URL_LAMBDA: cloudUrl,
        AWS_ENDPOINT_URL_SFN: cloudUrl,
        AWS_ENDPOINT_URL_EVENTBRIDGE: cloudUrl,
        AWS_ENDPOINT_URL_SQS: cloudUrl,
        AWS_ENDPOINT_URL_SESV2: cloudUrl,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
      },
      // The templates point token verification at Cognito's public issuer; here it is cognito-local.
      // The storefront is this one (or none).
      overrides: (fn) => ({
        ...('TOKEN_ISSUER' in fn.environment()
          ? { TOKEN_ISSUER: cognito.issuer, TOKEN_JWKS_URI: cognito.jwksUri }
          : {}),
        ...('STOREFRONT_URL' in fn.environment()
          ? { STOREFRONT_URL: options.storefront === 'none' ? '' : storefrontUrl }
          : {}),
      }),
    });
    stops.push(() => lambda!.stop());
    const sqs = LocalSqs.fromAssembly(assembly, cloudUrl, { dir: join(dataDir, SQS_DIR) });
    stops.push(() => sqs.stop());
    const streams = LocalStreams.fromAssembly(assembly, {
      dynamodbEndpoint: db.endpoint,
      lambda,
      sqs,
      outbox,
      checkpointFile: join(dataDir, STREAM_CHECKPOINTS_FILE),
      log: (m) => log(`streams: ${m}`),
    });
    const eventBridge = new LocalEventBridge(eventBusesOf(assembly), new EventLog(join(dataDir, EVENT_LOG_FILE)));
    // Throws (and so stops the start) when a Task state's resource cannot run locally.
    const stepFunctions = LocalStepFunctions.fromAssembly(assembly, {
      tasks: { lambda, events: eventBridge },
      dir: join(dataDir, 'stepfunctions'),
      log: (m) => log(`stepfunctions: ${m}`),
    });
    stops.push(() => stepFunctions.stop()); // before the functions its running executions call
    // The rules deliver from here on (throws, naming the rule and target, when one cannot run locally).
    const rules = rulesOf(assembly, eventBridge.buses);
    for (const skipped of rules.skipped) log(`eventbridge: rule ${skipped.logicalId} not run: ${skipped.reason}`);
    eventBridge.runRules(
      rules.rules,
      {
        lambda,
        asyncConfigs: asyncInvokeConfigsOf(assembly),
        stepFunctions,
        queues: { send: async (arn, body, attributes) => void sqs.send(arn, body, attributes) },
        topics: { publish: async (topicArn, message) => outbox.recordSns({ topicArn, message, attributes: {} }) },
      },
      { log: (m) => log(`eventbridge: ${m}`) },
    );
    stops.push(() => eventBridge.stop()); // pending retries first
    // AppSync and the scheduler join the console once they run.
    const consoleSources: ConsoleSources = {
      outbox,
      lambda,
      eventBridge,
      stepFunctions,
      sqs,
      streams,
      dynamodbMeter,
      asyncConfigs: asyncInvokeConfigsOf(assembly),
      urls: {
        dynamodb: db.endpoint,
        cognito: cognito.endpoint,
        graphql: graphqlUrl,
        ...(options.storefront !== 'none' ? { storefront: url(ports.storefront) } : {}),
      },
    };
    const cloudServer: RunningCloudServer = await startCloudServer(
      {
        outbox,
        lambda,
        topics: topicsOf(assembly),
        routes: [
          ...stepFunctionsRoutes(stepFunctions),
          ...eventBridgeRoutes(eventBridge),
          ...sqsRoutes(sqs),
          ...streamsRoutes(streams),
          ...sesRoutes(outbox),
          ...lambdaFaultRoutes(lambda),
          ...dynamoDbRoutes(db),
          ...consoleRoutes(consoleSources),
        ],
      },
      { port: ports.cloud },
    );
    stops.push(() => cloudServer.close());
    const appsync = await startAppSync({
      assembly,
      invoker: lambda,
      dynamodb: dynamodbMeter.endpoint,
      port: ports.appsync,
      log: (m) => log(`appsync: ${m}`),
      // The functions sign with these; the realtime socket (`wss://`) uses a certificate made here.
      iamCredentials: [LAMBDA_CREDENTIALS],
      tls: await localCertificate(join(dataDir, 'appsync')),
    });
    stops.push(() => appsync.stop());
    consoleSources.appsync = appsync;
    const resumed = stepFunctions.resume();
    if (resumed) log(`stepfunctions: restarted ${resumed} execution(s) the last run left unfinished`);
    await streams.start(); // once the API the functions call is up
    stops.push(() => streams.stop());
    for (const skipped of streams.skipped) log(`streams: mapping ${skipped.logicalId} not run: ${skipped.reason}`);
    const scheduler = startScheduler(schedulesOf(assembly), lambda, { log: (m) => log(`scheduler: ${m}`) });
    stops.push(() => scheduler.stop());
    consoleSources.scheduler = scheduler;
    lap('api');

    writeFileSync(
      options.outputsFile,
      `${JSON.stringify(await amplifyOutputs(assembly, { userPoolEndpoint: cognito.endpoint }), null, 2)}\n`,
    );
    const admin = await cognito.ensureAdmin();
    const seeded = await seedCatalog({
      graphqlUrl,
      cognitoEndpoint: cognito.endpoint,
      clientId: cognito.clientId,
      admin,
    });
    if (seeded) log(`seeded the catalog with ${seeded} products`);
    lap('seed');

    if (options.storefront !== 'none') {
      const next = await startStorefront(root, options.storefront, ports.storefront, options.outputsFile, log, {
        [REVALIDATE_SECRET_VARIABLE]: secrets.value(REVALIDATE_SECRET_VARIABLE),
      });
      stops.push(() => stopProcess(next));
      await waitForHttp(storefrontUrl, 240_000, next);
    }
    lap('storefront');
    timings.total = Date.now() - started;

    const urls = {
      storefront: storefrontUrl,
      graphql: graphqlUrl,
      cognito: cognito.endpoint,
      dynamodb: db.endpoint,
      outbox: `${cloudUrl}/outbox`,
      events: `${cloudUrl}/events`,
      deliveries: `${cloudUrl}/events/deliveries`,
      executions: `${cloudUrl}/stepfunctions/executions`,
      queues: `${cloudUrl}/sqs/queues`,
      streams: `${cloudUrl}/streams/mappings`,
      console: `${cloudUrl}/console`,
    };
    const noticeTopic = topicsOf(assembly).find((t) => /AccessNotice/.test(t.name))?.arn ?? '';
    return {
      urls,
      admin,
      timings,
      synthesis: synthesized.reused ? 'reused' : 'synthesized',
      lambda,
      appsync,
      cognito,
      stepFunctions,
      eventBridge,
      sqs,
      streams,
      dynamodbMeter,
      scheduler,
      testEnvironment: () => ({
        STOREFRONT_URL: storefrontUrl,
        GRAPHQL_URL: graphqlUrl,
        OUTBOX_URL: `${cloudUrl}/outbox`,
        CLOUD_URL: cloudUrl,
        COGNITO_ENDPOINT: cognito.endpoint,
        USER_POOL_ID: cognito.userPoolId,
        USER_POOL_CLIENT_ID: cognito.clientId,
        TOKEN_ISSUER: cognito.issuer,
        TOKEN_JWKS_URI: cognito.jwksUri,
        DYNAMODB_ENDPOINT: db.endpoint,
        ACCESS_NOTICE_TOPIC_ARN: noticeTopic,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        AMPLIFY_OUTPUTS_PATH: options.outputsFile,
        LOCAL_DATA_DIR: dataDir,
      }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

/**
 * A local cloud in a fresh temporary folder, for tests and benchmarks: nothing of a developer's
 * `.local` is touched, and `stop()` also deletes the folder.
 */
export const startThrowawayCloud = async (
  options: Pick<LocalCloudOptions, 'ports' | 'storefront'> & Partial<Pick<LocalCloudOptions, 'log'>>,
): Promise<LocalCloud> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cloudshop-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const cloud = await startLocalCloud({
      root: process.cwd(),
      dataDir,
      outputsFile: join(dataDir, 'amplify_outputs.json'),
      log: () => {},
      ...options,
    });
    return { ...cloud, stop: () => cloud.stop().finally(removeDir) };
  } catch (error) {
    removeDir();
    throw error;
  }
};

const nextBin = (root: string) => join(root, 'node_modules/next/dist/bin/next');

const startStorefront = async (
  root: string,
  mode: 'dev' | 'production',
  port: number,
  outputsFile: string,
  log: (line: string) => void,
  secrets: Record<string, string>,
) => {
  const env = {
    ...process.env,
    ...secrets,
    NEXT_TELEMETRY_DISABLED: '1',
    AMPLIFY_OUTPUTS_PATH: outputsFile,
    PORT: String(port),
  };
  if (mode === 'production') {
    log('building the storefront (next build)...');
    // Not spawnSync: the build prerenders the cached catalog pages from this process's API.
    const build = await runToEnd(process.execPath, [nextBin(root), 'build'], { cwd: root, env });
    if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
  }
  const args = mode === 'dev' ? ['dev', '-H', HOST, '-p', String(port)] : ['start', '-H', HOST, '-p', String(port)];
  // Its own process group, so that stopping it also stops the server processes it starts.
  const child = spawn(process.execPath, [nextBin(root), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on(
    'data',
    (d: Buffer) => process.env.LOCAL_LOG === 'debug' && process.stdout.write(`[storefront] ${d}`),
  );
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[storefront] ${d}`));
  return child;
};

/** Runs a command to its end without blocking this process's servers; its output, collected. */
const runToEnd = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d));
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });

/** Stops a process and everything it started (its process group). */
const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, name);
      } catch {
        child.kill(name); // no group (already gone, or not a leader): the process itself
      }
    };
    if (child.exitCode !== null || child.signalCode !== null) {
      signal('SIGKILL');
      return resolve();
    }
    child.once('exit', () => {
      signal('SIGKILL'); // whatever the group left behind
      resolve();
    });
    signal('SIGTERM');
    setTimeout(() => signal('SIGKILL'), 5000).unref();
  });

/** Waits until `target` answers, failing at once if the process that should serve it exits. */
const waitForHttp = async (target: string, timeoutMs: number, server?: ChildProcess) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server && (server.exitCode !== null || server.signalCode !== null)) {
      throw new Error(
        `the process serving ${target} exited (${server.exitCode ?? server.signalCode}); see its output above`,
      );
    }
    try {
      const response = await fetch(target);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${target} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
};
