import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBusesOf, eventBusNaming } from '../eventbridge/buses';
import { LocalEventBridge } from '../eventbridge/event-bridge';
import { EventLog } from '../eventbridge/event-log';
import { eventBridgeRoutes } from '../eventbridge/routes';
import { LambdaEmulator } from '../lambda/emulator';
import { fixtureAssembly, realAssembly } from '../lambda/testing';
import { FileOutbox } from '../sns/outbox';
import { startCloudServer, type RunningCloudServer } from '../sns/cloud-server';
import type { Naming, Resource } from '../assembly/assembly';
import { stateMachineNaming, stateMachinesOf } from './machines';
import { stepFunctionsRoutes } from './routes';
import { LocalStepFunctions } from './step-functions';
import { localSdkConfig } from '../ports';

const both = (a: Naming, b: Naming): Naming => ({
  physicalId: (r: Resource) => a.physicalId?.(r) ?? b.physicalId?.(r),
  attribute: (r: Resource, n: string) => a.attribute?.(r, n) ?? b.attribute?.(r, n),
});

/** A state machine definition with the ARNs of the fixture's functions and bus put in, as CDK writes it. */
const definition = (asl: object) => {
  const parts = JSON.stringify(asl).split(/("@(?:fn|bus):[A-Za-z]+")/);
  return {
    'Fn::Join': [
      '',
      parts.map((p) => {
        const m = /^"@(fn|bus):([A-Za-z]+)"$/.exec(p);
        return m ? { 'Fn::Join': ['', ['"', { 'Fn::GetAtt': [m[2], 'Arn'] }, '"']] } : p;
      }),
    ],
  };
};

const CHARGE = `
  const attempts = new Map();
  class Named extends Error { constructor(name, message) { super(message); this.name = name; } }
  export const handler = async ({ orderId, mode, failures = 0, ms = 0 }) => {
    const n = (attempts.get(orderId) ?? 0) + 1;
    attempts.set(orderId, n);
    if (ms) await new Promise((r) => setTimeout(r, ms));
    if (mode === 'transient' && n <= failures) throw new Named('PaymentProviderUnavailable', 'provider down (attempt ' + n + ')');
    if (mode === 'decline') throw new Named('CardDeclined', 'card 4000 0000 0000 0002 was declined');
    return { chargeId: 'ch-' + orderId, attempt: n };
  };`;

const assembly = fixtureAssembly(
  {
    functions: {
      Charge: { timeout: 10, files: { 'index.mjs': CHARGE } },
      Refund: { files: { 'index.mjs': `export const handler = async (e) => ({ refunded: e.orderId });` } },
      Slow: {
        timeout: 10,
        files: { 'index.mjs': `export const handler = () => new Promise((r) => setTimeout(() => r('late'), 3000));` },
      },
      Stuck: {
        timeout: 1,
        files: { 'index.mjs': `export const handler = () => new Promise((r) => setTimeout(() => r('late'), 3000));` },
      },
    },
    resources: {
      ShopEvents: { Type: 'AWS::Events::EventBus', Properties: { Name: 'shop' } },
      Checkout: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          DefinitionString: definition({
            StartAt: 'Charge',
            TimeoutSeconds: 60,
            States: {
              Charge: {
                Type: 'Task',
                Resource: '@fn:Charge',
                Parameters: {
                  'orderId.$': '$.orderId',
                  'mode.$': '$.mode',
                  'failures.$': '$.failures',
                  'ms.$': '$.ms',
                },
                ResultPath: '$.charge',
                TimeoutSeconds: 5,
                Retry: [
                  { ErrorEquals: ['PaymentProviderUnavailable'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 },
                ],
                Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Refund' }],
                Next: 'Publish',
              },
              Publish: {
                Type: 'Task',
                Resource: 'arn:aws:states:::events:putEvents',
                Parameters: {
                  Entries: [
                    {
                      Source: 'cloudshop.orders',
                      DetailType: 'OrderConfirmed.v1',
                      EventBusName: '@bus:ShopEvents',
                      Detail: { 'orderId.$': '$.orderId', 'chargeId.$': '$.charge.chargeId' },
                    },
                  ],
                },
                ResultPath: '$.published',
                Next: 'Done',
              },
              Refund: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: '@fn:Refund', 'Payload.$': '$' },
                ResultSelector: { 'refunded.$': '$.Payload.refunded' },
                ResultPath: '$.refund',
                Next: 'Failed',
              },
              Failed: { Type: 'Fail', Error: 'CheckoutFailed', CausePath: '$.failure.Cause' },
              Done: { Type: 'Succeed' },
            },
          }),
        },
      },
      Timeouts: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          DefinitionString: definition({
            StartAt: 'Slow',
            States: {
              Slow: {
                Type: 'Task',
                Resource: '@fn:Slow',
                TimeoutSeconds: 1,
                Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.slow', Next: 'Stuck' }],
                Next: 'Stuck',
              },
              Stuck: {
                Type: 'Task',
                Resource: '@fn:Stuck',
                TimeoutSeconds: 10,
                Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.stuck', Next: 'Done' }],
                Next: 'Done',
              },
              Done: { Type: 'Succeed' },
            },
          }),
        },
      },
    },
  },
  both(eventBusNaming, stateMachineNaming),
);

const [checkout, timeouts] = stateMachinesOf(assembly);
const dataDir = mkdtempSync(join(tmpdir(), 'cloudshop-sfn-int-'));
let lambda: LambdaEmulator;
let bridge: LocalEventBridge;
let sfn: LocalStepFunctions;
let server: RunningCloudServer;
let client: SFNClient;

beforeAll(async () => {
  lambda = LambdaEmulator.fromAssembly(assembly);
  bridge = new LocalEventBridge(eventBusesOf(assembly), new EventLog(join(dataDir, 'events.jsonl')));
  sfn = LocalStepFunctions.fromAssembly(assembly, {
    tasks: { lambda, events: bridge },
    dir: join(dataDir, 'stepfunctions'),
  });
  server = await startCloudServer(
    { outbox: new FileOutbox(), lambda, routes: [...stepFunctionsRoutes(sfn), ...eventBridgeRoutes(bridge)] },
    { port: 0 },
  );
  client = new SFNClient(localSdkConfig(server.url));
});
afterAll(async () => {
  client.destroy();
  await server.close();
  await sfn.stop();
  await lambda.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(assembly.dir, { recursive: true, force: true });
});

const order = (orderId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ orderId, mode: 'ok', failures: 0, ms: 0, ...extra });

const start = (name: string, input: string, stateMachineArn = checkout.arn) =>
  client.send(new StartExecutionCommand({ stateMachineArn, name, input }));

/** Polls DescribeExecution, as a caller would, until the execution is closed. */
const settled = async (executionArn: string) => {
  for (const deadline = Date.now() + 25_000; Date.now() < deadline;) {
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${executionArn} did not finish`);
};

const historyOf = async (executionArn: string): Promise<HistoryEvent[]> =>
  (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events!;

const exitOf = (events: HistoryEvent[], state: string) =>
  JSON.parse(events.find((e) => e.stateExitedEventDetails?.name === state)!.stateExitedEventDetails!.output!);

describe('local Step Functions with the Lambda emulator and EventBridge (SFNClient)', () => {
  it('lists the state machines of the templates', async () => {
    const { stateMachines } = await client.send(new ListStateMachinesCommand({}));
    expect(stateMachines!.map((m) => m.name)).toEqual([
      expect.stringMatching(/^Checkout-\w{12}$/),
      expect.stringMatching(/^Timeouts-\w{12}$/),
    ]);
  });

  it('runs a Lambda task, passes its result on and publishes the event to the bus', async () => {
    const { executionArn } = await start('happy', order('o-1'));
    const done = await settled(executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output.charge).toEqual({ chargeId: 'ch-o-1', attempt: 1 });
    expect(output.published).toEqual({ Entries: [{ EventId: expect.any(String) }], FailedEntryCount: 0 });
    const events = (await (await fetch(`${server.url}/events?detailType=OrderConfirmed.v1`)).json()) as object[];
    expect(events).toEqual([
      expect.objectContaining({
        id: output.published.Entries[0].EventId,
        source: 'cloudshop.orders',
        bus: 'shop',
        detail: { orderId: 'o-1', chargeId: 'ch-o-1' },
      }),
    ]);
    expect((await historyOf(executionArn!)).map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('retries a transient error after the definition’s interval, counting every attempt', async () => {
    const before = sfn.metrics().stateTransitions;
    const started = Date.now();
    const { executionArn } = await start('transient', order('o-2', { mode: 'transient', failures: 2 }));
    const done = await settled(executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1950); // IntervalSeconds 1, twice (timers may fire 1 ms early)
    expect(JSON.parse(done.output!).charge).toEqual({ chargeId: 'ch-o-2', attempt: 3 });
    const history = await historyOf(executionArn!);
    const failed = history.filter((e) => e.type === 'LambdaFunctionFailed');
    expect(failed.map((e) => e.lambdaFunctionFailedEventDetails!.error)).toEqual([
      'PaymentProviderUnavailable',
      'PaymentProviderUnavailable',
    ]);
    expect(history.filter((e) => e.type === 'LambdaFunctionScheduled')).toHaveLength(3);
    expect(sfn.metrics().stateTransitions - before).toBe(3 + 2); // Charge, Publish, Done + 2 retries
  });

  it('catches a function error as {Error: errorType, Cause: Lambda’s error JSON}, as Step Functions does', async () => {
    const { executionArn } = await start('declined', order('o-3', { mode: 'decline' }));
    const done = await settled(executionArn!);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('CheckoutFailed');
    const cause = JSON.parse(done.cause!);
    expect(cause).toMatchObject({ errorType: 'CardDeclined', errorMessage: 'card 4000 0000 0000 0002 was declined' });
    expect(cause.trace[0]).toBe('CardDeclined: card 4000 0000 0000 0002 was declined');
    const history = await historyOf(executionArn!);
    expect(exitOf(history, 'Charge').failure).toEqual({ Error: 'CardDeclined', Cause: done.cause });
    expect(exitOf(history, 'Refund').refund).toEqual({ refunded: 'o-3' });
    const refund = history.find((e) => e.type === 'TaskScheduled')!.taskScheduledEventDetails!;
    expect(refund).toMatchObject({ resourceType: 'lambda', resource: 'invoke' });
    expect(history.at(-1)).toMatchObject({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'CheckoutFailed', cause: done.cause },
    });
  });

  it('fails a task past its TimeoutSeconds with States.Timeout, and a function past its own timeout as Lambda does', async () => {
    const { executionArn } = await start('timeouts', '{}', timeouts.arn);
    const done = await settled(executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output.slow.Error).toBe('States.Timeout');
    expect(output.stuck.Error).toBe('Sandbox.Timedout');
    expect(JSON.parse(output.stuck.Cause)).toMatchObject({ errorMessage: 'Task timed out after 1.00 seconds' });
    const types = (await historyOf(executionArn!)).map((e) => e.type);
    expect(types).toContain('LambdaFunctionTimedOut');
    expect(types).toContain('LambdaFunctionFailed');
  });

  it('starts an execution once per name: the same input gets the running one back, anything else is refused', async () => {
    const input = order('o-4', { ms: 1000 });
    const first = await start('once', input);
    const again = await start('once', input);
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    await expect(start('once', order('o-4', { ms: 999 }))).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    expect((await settled(first.executionArn!)).status).toBe('SUCCEEDED');
    await expect(start('once', input)).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('starts an execution the cloud stopped in the middle of again, from the beginning, on the next start', async () => {
    const dir = join(dataDir, 'restart');
    const charges = () => lambda.invocations({ function: lambda.find('Charge')!.name }).length;
    const chargedBefore = charges();
    const before = LocalStepFunctions.fromAssembly(assembly, { tasks: { lambda, events: bridge }, dir });
    const { executionArn } = before.startExecution({
      stateMachineArn: checkout.arn,
      name: 'interrupted',
      input: order('o-5', { ms: 1500 }),
    });
    await new Promise((r) => setTimeout(r, 300));
    await before.stop();
    expect(before.describeExecution(executionArn).status).toBe('RUNNING');
    // the interrupted attempt's invocation goes on (as on AWS) and finishes, unheard
    while (charges() === chargedBefore) await new Promise((r) => setTimeout(r, 50));

    const after = LocalStepFunctions.fromAssembly(assembly, { tasks: { lambda, events: bridge }, dir });
    try {
      expect(after.resume()).toBe(1);
      const done = await after.finished(executionArn, 20_000);
      expect(done).toMatchObject({ status: 'SUCCEEDED', restarts: 1 });
      // the handler ran twice (its module state counts attempts), the history once, from the start
      expect(JSON.parse(done.output!).charge).toEqual({ chargeId: 'ch-o-5', attempt: 2 });
      const types = after.history(executionArn).map((e) => e.type);
      expect(types[0]).toBe('ExecutionStarted');
      expect(types.filter((t) => t === 'ExecutionStarted')).toHaveLength(1);
      expect(types.at(-1)).toBe('ExecutionSucceeded');
    } finally {
      await after.stop();
    }
  });
});

describe('the checkout saga of the real templates', () => {
  it('binds every Task state of the real state machines to a local function', { timeout: 240_000 }, async () => {
    const real = await realAssembly(both(eventBusNaming, stateMachineNaming));
    const functions = LambdaEmulator.fromAssembly(real);
    const events = new LocalEventBridge(eventBusesOf(real));
    const local = LocalStepFunctions.fromAssembly(real, { tasks: { lambda: functions, events } });
    const saga = local.stateMachines().find((m) => m.logicalId.startsWith('CheckoutSaga'))!;
    expect(saga.name).toMatch(/^CheckoutSaga[0-9A-F]{8}-\w{12}$/);
    for (const machine of local.stateMachines()) {
      for (const [name, state] of Object.entries(machine.definition.States)) {
        const resource = (state as { Resource?: string }).Resource;
        if (resource) expect(functions.has(resource), `${machine.name}.${name}`).toBe(true);
      }
    }
    await local.stop();
    await functions.stop();
  });
});
