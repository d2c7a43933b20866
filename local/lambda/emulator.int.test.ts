import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assembly } from '../assembly/assembly';
import { localSdkConfig, LambdaError } from '../ports';
import { FileOutbox } from '../sns/outbox';
import { startCloudServer, type RunningCloudServer } from '../sns/cloud-server';
import { LambdaEmulator } from './emulator';
import { fixtureAssembly, realAssembly } from './testing';

const ENV_FACTS = [
  'AWS_REGION',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_ACCESS_KEY_ID',
  'AMPLIFY_SSM_ENV_CONFIG',
  'USER_POOL_ID',
  'PROFILES_TABLE',
  'TOKEN_ISSUER',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'LAMBDA_TASK_ROOT',
  'TZ',
  'CLOUDSHOP_TEST_SECRET',
];

interface EchoResult {
  event: unknown;
  calls: number;
  pid: number;
  cwd: string;
  env: Record<string, string | null>;
  requestId: string;
  functionName: string;
  arn: string;
  remaining: number;
}

const assembly = fixtureAssembly({
  resources: {
    Profiles: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      },
    },
    UserPool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
    UserPoolIdParameter: {
      Type: 'AWS::SSM::Parameter',
      Properties: { Name: '/amplify/fixture/USER_POOL_ID', Type: 'String', Value: { Ref: 'UserPool' } },
    },
  },
  functions: {
    echolambda0A1B2C3D: {
      friendlyName: 'echo',
      memorySize: 256,
      environment: {
        PROFILES_TABLE: { Ref: 'Profiles' },
        TOKEN_ISSUER: {
          'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'UserPool' }]],
        },
        USER_POOL_ID: '<value will be resolved during runtime>',
        AMPLIFY_SSM_ENV_CONFIG: JSON.stringify({ USER_POOL_ID: { path: '/amplify/fixture/USER_POOL_ID' } }),
      },
      files: {
        'index.mjs': `
          let calls = 0;
          const facts = ${JSON.stringify(ENV_FACTS)};
          export const handler = async (event, context) => {
            calls += 1;
            console.log('echo', JSON.stringify(event));
            if (event.wait) await new Promise((r) => setTimeout(r, event.wait));
            return {
              event, calls, pid: process.pid, cwd: process.cwd(),
              env: Object.fromEntries(facts.map((k) => [k, process.env[k] ?? null])),
              requestId: context.awsRequestId, functionName: context.functionName,
              arn: context.invokedFunctionArn, remaining: context.getRemainingTimeInMillis(),
            };
          };`,
      },
    },
    sleeperlambda0A1B2C3D: {
      friendlyName: 'sleeper',
      timeout: 1,
      files: {
        'index.mjs': `export const handler = async (event) => { await new Promise((r) => setTimeout(r, event.ms)); return { slept: event.ms, pid: process.pid }; };`,
      },
    },
    throwerlambda0A1B2C3D: {
      friendlyName: 'thrower',
      files: {
        'index.mjs': `
          class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError'; } }
          export const handler = async (event) => {
            if (event.kind === 'error') throw new ValidationError('sku is required');
            if (event.kind === 'string') throw 'plain words';
            if (event.kind === 'exit') process.exit(3);
            if (event.kind === 'reject') { Promise.reject(new Error('nobody waits')); await new Promise((r) => setTimeout(r, 500)); }
            return 'fine';
          };`,
      },
    },
    CallbackStyle: {
      handler: 'lib/app.main',
      files: {
        'lib/app.js': `exports.main = (event, context, callback) => { setTimeout(() => callback(null, { style: 'callback', n: event.n }), 5); };`,
      },
    },
    Broken: { files: { 'index.mjs': `throw new TypeError('bad config at init');` } },
    Missing: { handler: 'nowhere.handler', files: { 'index.mjs': `export const handler = async () => 1;` } },
    Python: { runtime: 'python3.13', files: { 'index.py': 'def handler(e, c): return 1' } },
  },
});

describe('Lambda emulator (fixture assembly)', () => {
  let lambda: LambdaEmulator;
  beforeAll(() => {
    process.env.CLOUDSHOP_TEST_SECRET = 'must not leak into containers';
    lambda = LambdaEmulator.fromAssembly(assembly, {
      env: { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9' },
      overrides: (fn) =>
        fn.friendlyName === 'echo' ? { TOKEN_ISSUER: 'http://127.0.0.1:9229/local-pool' } : undefined,
    });
  });
  afterAll(async () => {
    delete process.env.CLOUDSHOP_TEST_SECRET;
    await lambda.stop();
    rmSync(assembly.dir, { recursive: true, force: true });
  });

  it('finds functions by name, ARN and Amplify name, and lists the ones it cannot run', () => {
    const echo = lambda.functionNamed('echo');
    expect(echo.logicalId).toBe('echolambda0A1B2C3D');
    expect(lambda.find(echo.name)).toBe(echo);
    expect(lambda.find(echo.arn)).toBe(echo);
    expect(echo.arn).toBe(`arn:aws:lambda:us-east-1:000000000000:function:${echo.name}`);
    expect(lambda.find(`${echo.arn}:$LATEST`)).toBe(echo);
    expect(lambda.find('nope')).toBeUndefined();
    expect(lambda.skipped().map((s) => s.resource.logicalId)).toEqual(['Python']);
    expect(() => lambda.functionNamed('nope')).toThrow(/no function tagged/);
  });

  it('runs the handler with the function environment the templates define', async () => {
    const echo = lambda.functionNamed('echo');
    const out = (await lambda.invoke(echo.arn, { hello: 'world' })) as EchoResult;
    expect(out.event).toEqual({ hello: 'world' });
    expect(out.functionName).toBe(echo.name);
    expect(out.arn).toBe(echo.arn);
    expect(out.remaining).toBeGreaterThan(2000);
    expect(out.remaining).toBeLessThanOrEqual(3000);
    expect(out.cwd).toBe(echo.codeDir);
    expect(out.env).toMatchObject({
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: echo.name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_ACCESS_KEY_ID: 'local',
      PROFILES_TABLE: assembly.physicalId(assembly.resources('AWS::DynamoDB::Table')[0]),
      // resolved from the template's AWS::SSM::Parameter, and the shim told there is nothing left to fetch
      USER_POOL_ID: assembly.physicalId(assembly.resources('AWS::Cognito::UserPool')[0]),
      AMPLIFY_SSM_ENV_CONFIG: '{}',
      TOKEN_ISSUER: 'http://127.0.0.1:9229/local-pool',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
      LAMBDA_TASK_ROOT: echo.codeDir,
      TZ: ':UTC',
      CLOUDSHOP_TEST_SECRET: null,
    });
  });

  it('keeps the container warm: module state survives, the cold start is recorded once', async () => {
    const first = (await lambda.invoke(lambda.functionNamed('echo').name, { n: 1 })) as { calls: number; pid: number };
    const second = (await lambda.invoke(lambda.functionNamed('echo').name, { n: 2 })) as { calls: number; pid: number };
    expect(second.pid).toBe(first.pid);
    expect(second.calls).toBe(first.calls + 1);
    const records = lambda.invocations({ function: 'echo' });
    expect(records.filter((r) => r.initDurationMs !== undefined)).toHaveLength(1);
    const last = records.at(-1)!;
    expect(last).toMatchObject({ label: 'echo', function: lambda.functionNamed('echo').name });
    expect(last.error).toBeUndefined();
    expect(last.durationMs).toBeGreaterThanOrEqual(0);
    expect(last.logs.join('\n')).toMatch(/\tINFO\techo \{"n":2\}/);
    expect(lambda.logs().some((l) => l.startsWith('[echo] ') && l.includes('echo {"n":2}'))).toBe(true);
  });

  it('runs concurrent invocations in separate containers, up to the cap', async () => {
    const name = lambda.functionNamed('echo').name;
    const started = Date.now();
    const results = (await Promise.all([1, 2, 3, 4].map(() => lambda.invoke(name, { wait: 300 })))) as {
      pid: number;
    }[];
    expect(Date.now() - started).toBeLessThan(1100);
    expect(new Set(results.map((r) => r.pid)).size).toBe(4);
  });

  it('makes invocations beyond the concurrency cap wait for a free container', async () => {
    const capped = LambdaEmulator.fromAssembly(assembly, { maxConcurrency: 2 });
    try {
      const name = capped.functionNamed('echo').name;
      const started = Date.now();
      const results = (await Promise.all([1, 2, 3].map(() => capped.invoke(name, { wait: 250 })))) as { pid: number }[];
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(new Set(results.map((r) => r.pid)).size).toBe(2);
    } finally {
      await capped.stop();
    }
  });

  it('kills a handler that outlives its timeout, as Lambda reports it, and the next call works', async () => {
    const sleeper = lambda.functionNamed('sleeper');
    const warm = (await lambda.invoke(sleeper.name, { ms: 10 })) as { pid: number };
    const started = Date.now();
    const error = await lambda.invoke(sleeper.name, { ms: 5000 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(error).toBeInstanceOf(LambdaError);
    expect((error as LambdaError).failure).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 1.00 seconds',
    });
    expect(() => process.kill(warm.pid, 0)).toThrow();
    const next = (await lambda.invoke(sleeper.name, { ms: 10 })) as { slept: number; pid: number };
    expect(next.slept).toBe(10);
    expect(next.pid).not.toBe(warm.pid);
    expect(lambda.invocations({ function: 'sleeper' }).map((r) => r.error?.errorType ?? 'ok')).toEqual([
      'ok',
      'Sandbox.Timedout',
      'ok',
    ]);
  });

  it('returns a thrown error as Lambda does: errorType, errorMessage, trace', async () => {
    const error = (await lambda
      .invoke(lambda.functionNamed('thrower').name, { kind: 'error' })
      .catch((e: unknown) => e)) as LambdaError;
    expect(error).toBeInstanceOf(LambdaError);
    expect(error.name).toBe('ValidationError');
    expect(error.failure.errorType).toBe('ValidationError');
    expect(error.failure.errorMessage).toBe('sku is required');
    expect(error.failure.trace?.[0]).toBe('ValidationError: sku is required');
    const thrown = (await lambda
      .invoke(lambda.functionNamed('thrower').name, { kind: 'string' })
      .catch((e: unknown) => e)) as LambdaError;
    expect(thrown.failure).toEqual({ errorType: 'string', errorMessage: 'plain words', trace: [] });
    expect(await lambda.invoke(lambda.functionNamed('thrower').name, {})).toBe('fine');
  });

  it('fails the invocations an injected fault matches, as if the handler threw, and only those', async () => {
    const echo = lambda.functionNamed('echo').name;
    const fault = lambda.injectFault({
      function: 'echo',
      errorType: 'InventoryBusy',
      errorMessage: 'injected',
      when: { orderId: 'o-1' },
      times: 2,
    });
    const failure = (event: unknown) =>
      lambda.invoke(echo, event).then(
        () => undefined,
        (e: LambdaError) => e.failure,
      );
    expect(await failure({ orderId: 'o-1' })).toEqual({
      errorType: 'InventoryBusy',
      errorMessage: 'injected',
      trace: [],
    });
    expect(await failure({ orderId: 'o-2' })).toBeUndefined(); // another order runs normally
    expect(lambda.faults()).toEqual([expect.objectContaining({ id: fault.id, hits: 1 })]);
    expect(await failure({ orderId: 'o-1' })).toMatchObject({ errorType: 'InventoryBusy' });
    expect(await failure({ orderId: 'o-1' })).toBeUndefined(); // spent after two
    expect(lambda.faults()).toEqual([]);
    const failed = lambda.invocations({ function: 'echo' }).filter((r) => r.faultId === fault.id);
    expect(failed).toHaveLength(2);
    expect(failed.every((r) => r.logs.length === 0)).toBe(true); // the handler never ran
  });

  it('keeps an unlimited fault until it is cleared, and refuses one for an unknown function', async () => {
    const echo = lambda.functionNamed('echo').name;
    lambda.injectFault({ function: echo, errorType: 'Boom', errorMessage: 'always' });
    for (let i = 0; i < 3; i++) await expect(lambda.invoke(echo, {})).rejects.toThrow('always');
    lambda.clearFaults();
    expect(await lambda.invoke(echo, {})).toMatchObject({ event: {} });
    expect(() => lambda.injectFault({ function: 'nope', errorType: 'X', errorMessage: 'x' })).toThrow('nope');
  });

  it('hits a seeded share of invocations with a rate, the same share again for the same seed', async () => {
    const echo = lambda.functionNamed('echo').name;
    const run = async () => {
      const fault = lambda.injectFault({
        function: 'echo',
        errorType: 'Boom',
        errorMessage: 'x',
        rate: 0.5,
        seed: 's1',
      });
      const outcomes: boolean[] = [];
      for (let i = 0; i < 20; i++)
        outcomes.push(
          await lambda.invoke(echo, {}).then(
            () => true,
            () => false,
          ),
        );
      lambda.clearFaults(fault.id);
      return outcomes;
    };
    const first = await run();
    expect(first.filter((ok) => !ok).length).toBeGreaterThan(3);
    expect(first.filter((ok) => ok).length).toBeGreaterThan(3);
    expect(await run()).toEqual(first);
    expect(() => lambda.injectFault({ function: 'echo', errorType: 'X', errorMessage: 'x', rate: 2 })).toThrow(/rate/);
    expect(() =>
      lambda.injectFault({ function: 'echo', errorType: 'X', errorMessage: 'x', mode: 'odd' as 'error' }),
    ).toThrow(/mode must be one of error, timeout, crash-after/);
  });

  it('times an invocation out as Lambda does, at the function timeout, without running the handler', async () => {
    const sleeper = lambda.functionNamed('sleeper').name;
    const fault = lambda.injectFault({ function: 'sleeper', mode: 'timeout', times: 1 });
    const error = (await lambda.invoke(sleeper, { ms: 1 }).catch((e: unknown) => e)) as LambdaError;
    expect(error.failure).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' });
    const record = lambda.invocations({ function: 'sleeper' }).find((r) => r.faultId === fault.id)!;
    expect(record.durationMs).toBeGreaterThanOrEqual(950);
    expect(await lambda.invoke(sleeper, { ms: 1 })).toMatchObject({ slept: 1 });
  });

  it('crash-after runs the handler, then answers Runtime.ExitError, and the next call gets a fresh container', async () => {
    const echo = lambda.functionNamed('echo').name;
    const warm = (await lambda.invoke(echo, { n: 0 })) as EchoResult;
    const fault = lambda.injectFault({ function: 'echo', mode: 'crash-after', times: 1 });
    const error = (await lambda.invoke(echo, { n: 1 }).catch((e: unknown) => e)) as LambdaError;
    expect(error.failure.errorType).toBe('Runtime.ExitError');
    const crashed = lambda.invocations({ function: 'echo' }).find((r) => r.faultId === fault.id)!;
    expect(crashed.logs.length).toBeGreaterThan(0); // the handler ran: its writes (here, its logs) happened
    const after = (await lambda.invoke(echo, { n: 2 })) as EchoResult;
    expect(after.pid).not.toBe(warm.pid);
  });

  it('reports a container that exits or crashes, and starts a fresh one after', async () => {
    const thrower = lambda.functionNamed('thrower').name;
    const exit = (await lambda.invoke(thrower, { kind: 'exit' }).catch((e: unknown) => e)) as LambdaError;
    expect(exit.failure.errorType).toBe('Runtime.ExitError');
    expect(exit.failure.errorMessage).toMatch(/Runtime exited with error: exit status 3/);
    const rejected = (await lambda.invoke(thrower, { kind: 'reject' }).catch((e: unknown) => e)) as LambdaError;
    expect(rejected.failure.errorType).toBe('Runtime.UnhandledPromiseRejection');
    expect(rejected.failure.errorMessage).toBe('Error: nobody waits');
    expect(await lambda.invoke(thrower, {})).toBe('fine');
  });

  it('supports callback handlers in CommonJS files under a folder', async () => {
    expect(await lambda.invoke('CallbackStyle', { n: 7 })).toEqual({ style: 'callback', n: 7 });
  });

  it('reports init errors and missing handlers as Lambda does', async () => {
    const broken = (await lambda.invoke('Broken', {}).catch((e: unknown) => e)) as LambdaError;
    expect(broken.failure).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad config at init' });
    const missing = (await lambda.invoke('Missing', {}).catch((e: unknown) => e)) as LambdaError;
    expect(missing.failure).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find module 'nowhere'",
    });
  });

  describe('over HTTP, the Lambda Invoke API (@aws-sdk/client-lambda)', () => {
    let server: RunningCloudServer;
    let client: LambdaClient;
    beforeAll(async () => {
      server = await startCloudServer({ outbox: new FileOutbox(), lambda }, { port: 0 });
      client = new LambdaClient(localSdkConfig(server.url));
    });
    afterAll(async () => {
      client.destroy();
      await server.close();
    });

    it('invokes by ARN and returns the payload', async () => {
      const out = await client.send(
        new InvokeCommand({
          FunctionName: lambda.functionNamed('echo').arn,
          Payload: JSON.stringify({ via: 'http' }),
          LogType: 'Tail',
        }),
      );
      expect(out.StatusCode).toBe(200);
      expect(out.FunctionError).toBeUndefined();
      expect(JSON.parse(Buffer.from(out.Payload!).toString()).event).toEqual({ via: 'http' });
      expect(Buffer.from(out.LogResult!, 'base64').toString()).toMatch(/echo \{"via":"http"\}/);
    });

    it('answers a function error with X-Amz-Function-Error: Unhandled and the error payload', async () => {
      const out = await client.send(
        new InvokeCommand({
          FunctionName: lambda.functionNamed('thrower').name,
          Payload: JSON.stringify({ kind: 'error' }),
        }),
      );
      expect(out.FunctionError).toBe('Unhandled');
      expect(JSON.parse(Buffer.from(out.Payload!).toString())).toMatchObject({
        errorType: 'ValidationError',
        errorMessage: 'sku is required',
      });
    });

    it('fails an unknown function with ResourceNotFoundException', async () => {
      await expect(
        client.send(new InvokeCommand({ FunctionName: 'no-such-function', Payload: '{}' })),
      ).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
    });

    it('accepts asynchronous (Event) invocations', async () => {
      const out = await client.send(
        new InvokeCommand({ FunctionName: 'CallbackStyle', InvocationType: 'Event', Payload: '{"n":1}' }),
      );
      expect(out.StatusCode).toBe(202);
    });
  });
});

describe('Lambda emulator (the real assembly)', () => {
  it('derives every Node.js function, its code and its environment from the templates', async () => {
    const real = await realAssembly();
    // Amplify `secret()`s have no parameter in the templates: the local cloud supplies them.
    const lambda = LambdaEmulator.fromAssembly(real, {
      env: { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9' },
      secret: (path) => `secret for ${path}`,
    });
    try {
      const fns = lambda.functions();
      expect(fns.length).toBeGreaterThan(0);
      for (const fn of fns) {
        expect(isAbsolute(fn.codeDir)).toBe(true);
        expect(fn.codeDir.startsWith(resolve(real.dir))).toBe(true);
        expect(fn.runtime).toMatch(/^nodejs/);
      }
      for (const resource of real.resources('AWS::Lambda::Function')) {
        const name = real.physicalId(resource);
        expect(lambda.has(name) || lambda.skipped().some((s) => s.name === name)).toBe(true);
      }
      // Amplify's defineFunction names map through the amplify:friendly-name tag.
      const authorizer = lambda.functionNamed('access-authorizer');
      expect(authorizer.resource.type).toBe('AWS::Lambda::Function');
      const env = lambda.environmentOf(authorizer);
      expect(env).toMatchObject({
        AWS_LAMBDA_FUNCTION_NAME: authorizer.name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(authorizer.memoryMb),
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
        AMPLIFY_SSM_ENV_CONFIG: '{}',
      });
      // Functions whose variables Amplify resolves from SSM at cold start get them from the templates' parameters.
      for (const fn of fns) {
        const raw = (fn.resource.properties.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables?.AMPLIFY_SSM_ENV_CONFIG;
        if (typeof raw !== 'string' || raw === '{}') continue;
        const vars = lambda.environmentOf(fn);
        for (const variable of Object.keys(JSON.parse(raw)))
          expect(vars[variable]).not.toMatch(/resolved during runtime/);
      }
      expect(lambda.environmentOf(lambda.functionNamed('storefront-revalidate'))).toMatchObject({
        STOREFRONT_REVALIDATE_SECRET: expect.stringMatching(/^secret for \/.*STOREFRONT_REVALIDATE_SECRET$/),
      });
    } finally {
      await lambda.stop();
    }
  }, 180_000);

  it("loads each Amplify function's bundled handler (from an assembly given by a relative path)", async () => {
    const real = new Assembly(relative(process.cwd(), (await realAssembly()).dir));
    // Every AWS service at a closed port: whatever a handler calls fails fast, nothing leaves the machine.
    const lambda = LambdaEmulator.fromAssembly(real, { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } });
    try {
      const amplifyFunctions = lambda
        .functions()
        .filter((fn) => fn.friendlyName && fn.resource.logicalId.includes('lambda'));
      expect(amplifyFunctions.length).toBeGreaterThan(0);
      const outcomes = await Promise.all(
        amplifyFunctions.map((fn) =>
          lambda.invoke(fn.name, {}).then(
            () => 'ok',
            (e: LambdaError) => e.failure?.errorType ?? String(e),
          ),
        ),
      );
      // The handlers are free to refuse an empty event; the code must load.
      for (const outcome of outcomes)
        expect(outcome).not.toMatch(/^Runtime\.(ImportModuleError|HandlerNotFound|UserCodeSyntaxError)$/);
    } finally {
      await lambda.stop();
    }
  }, 180_000);
});

describe('Lambda containers', () => {
  it('do not outlive the local cloud when it is killed outright', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', 'local/lambda/fixtures/hold-lambda.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: parent.stdout! }).once('line', resolve);
      parent.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const { pid } = JSON.parse(line) as { pid: number };
    const running = () => {
      try {
        process.kill(pid, 0);
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    expect(running()).toBe(true);
    parent.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(running()).toBe(false);
  }, 30_000);
});
