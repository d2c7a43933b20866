import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AwsJsonError } from '../sns/aws-json';
import { LocalStepFunctions } from './step-functions';
import { failure, fakeLambda, functionArn, machine } from './testing';

const checkout = machine('Checkout', {
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task',
      Resource: functionArn('charge'),
      Parameters: {
        'orderId.$': '$.orderId',
        'order.$': '$',
        'execution.$': '$$.Execution.Id',
        'executionName.$': '$$.Execution.Name',
        'machine.$': '$$.StateMachine.Name',
        'state.$': '$$.State.Name',
        'enteredAt.$': '$$.State.EnteredTime',
      },
      ResultPath: '$.charge',
      TimeoutSeconds: 1,
      Retry: [{ ErrorEquals: ['PaymentProviderUnavailable'], IntervalSeconds: 1, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Refund' }],
      Next: 'Done',
    },
    Refund: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'refund', 'Payload.$': '$' },
      ResultSelector: { 'refunded.$': '$.Payload.refunded', 'status.$': '$.StatusCode' },
      ResultPath: '$.refund',
      Next: 'Failed',
    },
    Failed: { Type: 'Fail', Error: 'CheckoutFailed', CausePath: '$.failure.Cause' },
    Done: { Type: 'Succeed' },
  },
});

/** What the charge function is given: the order id, the whole input (`order`) and Context values. */
type Event = { orderId: string; order: { fail?: string; failTimes?: number; sleepMs?: number } };

const setup = (options: { dir?: string; charge?: (e: Event) => unknown } = {}) => {
  const attempts = new Map<string, number>();
  const lambda = fakeLambda({
    charge:
      options.charge ??
      (async (e: Event) => {
        const n = (attempts.get(e.orderId) ?? 0) + 1;
        attempts.set(e.orderId, n);
        const { fail, failTimes = Infinity, sleepMs } = e.order;
        if (sleepMs) await new Promise((r) => setTimeout(r, sleepMs));
        if (fail && n <= failTimes) throw failure(fail, `attempt ${n} failed`);
        return { chargeId: `ch-${e.orderId}`, seen: e };
      }),
    refund: async (e: { orderId: string }) => ({ refunded: e.orderId }),
  });
  const sfn = new LocalStepFunctions({
    machines: [checkout],
    tasks: { lambda },
    dir: options.dir,
    // the emulator's own tests need not wait out the definition's intervals (the integration tests do)
    retryIntervalOverrides: { Charge: 0 },
  });
  const run = async (name: string, input: Record<string, unknown>) => {
    const { executionArn } = sfn.startExecution({
      stateMachineArn: checkout.arn,
      name,
      input: JSON.stringify(input),
    });
    return sfn.finished(executionArn, 10_000);
  };
  return { sfn, lambda, run, attempts };
};

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudshop-sfn-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

describe('local Step Functions (fake functions)', () => {
  it('passes a Lambda task its parameters and the Context object, and its result on', async () => {
    const { sfn, run } = setup();
    const done = await run('order-1', { orderId: 'o-1' });
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output.charge.chargeId).toBe('ch-o-1');
    expect(output.charge.seen).toMatchObject({
      orderId: 'o-1',
      execution: 'arn:aws:states:us-east-1:000000000000:execution:Checkout:order-1',
      executionName: 'order-1',
      machine: 'Checkout',
      state: 'Charge',
    });
    expect(Date.parse(output.charge.seen.enteredAt)).toBeGreaterThanOrEqual(Date.parse(done.startDate));
    expect(sfn.metrics()).toMatchObject({ executionsStarted: 1, stateTransitions: 2, running: 0 });
  });

  it('retries a transient error as Retry says, counting each retry as a state transition', async () => {
    const { sfn, run, attempts } = setup();
    const done = await run('order-2', { orderId: 'o-2', fail: 'PaymentProviderUnavailable', failTimes: 2 });
    expect(done.status).toBe('SUCCEEDED');
    expect(attempts.get('o-2')).toBe(3); // MaxAttempts 2: two retries after the first failure
    expect(sfn.metrics().stateTransitions).toBe(2 + 2);
  });

  it('catches a failure with AWS shape {Error: errorType, Cause: the error payload} and compensates', async () => {
    const { sfn, run, lambda } = setup();
    const done = await run('order-3', { orderId: 'o-3', fail: 'CardDeclined' });
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('CheckoutFailed');
    const cause = JSON.parse(done.cause!);
    expect(cause).toEqual({
      errorType: 'CardDeclined',
      errorMessage: 'attempt 1 failed',
      trace: ['CardDeclined: attempt 1 failed', '    at handler (file:///var/task/index.mjs:1:1)'],
    });
    const refund = lambda.calls.find((c) => c.name === 'refund')!.event as Record<string, unknown>;
    expect(refund.failure).toEqual({ Error: 'CardDeclined', Cause: done.cause });
    // not retried: CardDeclined is not in the Retry
    expect(lambda.calls.filter((c) => c.name === 'charge')).toHaveLength(1);
    const types = sfn.history(done.executionArn).map((e) => e.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
  });

  it('fails a task that outlives its TimeoutSeconds with States.Timeout', async () => {
    const { sfn, run } = setup();
    const done = await run('order-4', { orderId: 'o-4', sleepMs: 1500 });
    expect(done.status).toBe('FAILED');
    const refund = sfn.history(done.executionArn).find((e) => e.type === 'LambdaFunctionTimedOut');
    expect(refund?.lambdaFunctionTimedOutEventDetails).toMatchObject({ error: 'States.Timeout' });
    const exited = sfn.history(done.executionArn).find((e) => e.type === 'TaskStateExited')!;
    expect(JSON.parse(String(exited.stateExitedEventDetails.output)).failure.Error).toBe('States.Timeout');
  });

  it('is idempotent by name for the same input while running, and refuses anything else', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { sfn } = setup({ charge: () => gate.then(() => ({ ok: true })) });
    const first = sfn.startExecution({ stateMachineArn: checkout.arn, name: 'same', input: '{"orderId":"a"}' });
    const again = sfn.startExecution({ stateMachineArn: checkout.arn, name: 'same', input: '{"orderId":"a"}' });
    expect(again).toEqual(first);
    expect(() => sfn.startExecution({ stateMachineArn: checkout.arn, name: 'same', input: '{"orderId":"b"}' })).toThrow(
      expect.objectContaining({ type: 'ExecutionAlreadyExists' }),
    );
    release();
    await sfn.finished(first.executionArn);
    expect(() => sfn.startExecution({ stateMachineArn: checkout.arn, name: 'same', input: '{"orderId":"a"}' })).toThrow(
      new AwsJsonError('ExecutionAlreadyExists', `Execution Already Exists: '${first.executionArn}'`),
    );
    expect(sfn.metrics().executionsStarted).toBe(1);
  });

  it('refuses unknown state machines, bad names and bad input as Step Functions does', () => {
    const { sfn } = setup();
    const start = (request: Record<string, unknown>) => () =>
      sfn.startExecution({ stateMachineArn: checkout.arn, ...request });
    expect(start({ stateMachineArn: `${checkout.arn}X` })).toThrow(
      expect.objectContaining({ type: 'StateMachineDoesNotExist' }),
    );
    expect(start({ name: 'has space' })).toThrow(expect.objectContaining({ type: 'InvalidName' }));
    expect(start({ name: 'x'.repeat(81) })).toThrow(expect.objectContaining({ type: 'InvalidName' }));
    expect(start({ input: '{oops' })).toThrow(expect.objectContaining({ type: 'InvalidExecutionInput' }));
    expect(() => sfn.describeExecution(`${checkout.arn.replace('stateMachine', 'execution')}:nope`)).toThrow(
      expect.objectContaining({ type: 'ExecutionDoesNotExist' }),
    );
  });

  it('aborts an execution on StopExecution, with the caller’s error and cause', async () => {
    const { sfn } = setup({ charge: () => new Promise(() => {}) });
    const { executionArn } = sfn.startExecution({
      stateMachineArn: checkout.arn,
      name: 'stopped',
      input: '{"orderId":"o-5"}',
    });
    await new Promise((r) => setTimeout(r, 50));
    sfn.stopExecution(executionArn, { error: 'Operator', cause: 'changed my mind' });
    const done = await sfn.finished(executionArn);
    expect(done).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'changed my mind' });
    expect(sfn.history(executionArn).at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Operator', cause: 'changed my mind' },
    });
  });

  it('keeps executions on disk, and restarts one the cloud stopped in the middle of', async () => {
    const dir = tempDir();
    const first = setup({ dir, charge: () => new Promise(() => {}) });
    const { executionArn } = first.sfn.startExecution({
      stateMachineArn: checkout.arn,
      name: 'interrupted',
      input: '{"orderId":"o-9"}',
    });
    const other = first.run('other', { orderId: 'o-8' });
    await new Promise((r) => setTimeout(r, 50));
    await first.sfn.stop();
    await expect(other).rejects.toThrow(/stopped while/);
    expect(first.sfn.describeExecution(executionArn).status).toBe('RUNNING');
    expect(existsSync(join(dir, 'executions.jsonl'))).toBe(true);

    const second = setup({ dir });
    expect(second.sfn.describeExecution(executionArn)).toMatchObject({ status: 'RUNNING', restarts: 0 });
    expect(second.sfn.resume()).toBe(2);
    const done = await second.sfn.finished(executionArn);
    expect(done).toMatchObject({ status: 'SUCCEEDED', restarts: 1, input: '{"orderId":"o-9"}' });
    const history = second.sfn.history(executionArn);
    expect(history.filter((e) => e.type === 'ExecutionStarted')).toHaveLength(1);
    expect(history.at(-1)!.type).toBe('ExecutionSucceeded');
    expect(second.sfn.metrics()).toMatchObject({ executionsStarted: 0, executionsRestarted: 2 });

    const third = setup({ dir });
    expect(third.sfn.describeExecution(executionArn)).toMatchObject({ status: 'SUCCEEDED', restarts: 1 });
    expect(third.sfn.history(executionArn)).toEqual(history);
    expect(
      readFileSync(join(dir, 'history', 'Checkout', 'interrupted.jsonl'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(history.length);
    expect(third.sfn.resume()).toBe(0);
  });

  it('refuses to start when a Task state calls something that is not emulated', () => {
    const bad = machine('Bad', {
      StartAt: 'Send',
      States: {
        Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'q' }, End: true },
      },
    });
    expect(() => new LocalStepFunctions({ machines: [bad], tasks: { lambda: fakeLambda({}) } })).toThrow(
      'state "Send" of state machine Bad: resource arn:aws:states:::sqs:sendMessage is not emulated locally',
    );
  });
});
