import { describe, expect, it } from 'vitest';
import { HistoryBuilder, type HistoryEvent, type LibraryEvent } from './history';

const build = (feed: (b: HistoryBuilder) => void): HistoryEvent[] => {
  const events: HistoryEvent[] = [];
  const builder = new HistoryBuilder({
    roleArn: 'arn:aws:iam::000000000000:role/R',
    region: 'us-east-1',
    emit: (e) => events.push(e),
  });
  feed(builder);
  return events;
};
const task = (name: string) => ({ name, type: 'Task' });
const FN = 'arn:aws:lambda:us-east-1:000000000000:function:charge';

describe('execution history (from aws-local-stepfunctions events)', () => {
  it('numbers events, and turns a Lambda task that failed once and then succeeded into two attempts', () => {
    const events = build((b) => {
      const add = (e: LibraryEvent) => b.add(e);
      add({ type: 'ExecutionStarted', timestamp: 1000, input: { orderId: 'o' } });
      add({ type: 'StateEntered', timestamp: 1001, state: { ...task('Charge'), input: { orderId: 'o' } } });
      b.attempt({
        state: 'Charge',
        kind: 'lambda-function',
        resource: FN,
        timeoutSeconds: 30,
        parameters: { id: 'o' },
        scheduledAt: 1002,
      });
      add({
        type: 'StateFailed',
        timestamp: 1003,
        state: task('Charge'),
        Error: 'Busy',
        Cause: '{"errorType":"Busy"}',
      });
      add({ type: 'StateRetried', timestamp: 2003, state: task('Charge') });
      const second = b.attempt({
        state: 'Charge',
        kind: 'lambda-function',
        resource: FN,
        parameters: { id: 'o' },
        scheduledAt: 2004,
      });
      second.output = { chargeId: 'c' };
      add({
        type: 'StateExited',
        timestamp: 2005,
        state: { ...task('Charge'), output: { orderId: 'o', charge: { chargeId: 'c' } } },
      });
      add({ type: 'ExecutionSucceeded', timestamp: 2006, output: { orderId: 'o', charge: { chargeId: 'c' } } });
    });
    expect(events.map((e) => [e.id, e.previousEventId, e.type, e.timestamp])).toEqual([
      [1, 0, 'ExecutionStarted', 1000],
      [2, 1, 'TaskStateEntered', 1001],
      [3, 2, 'LambdaFunctionScheduled', 1002],
      [4, 3, 'LambdaFunctionStarted', 1002],
      [5, 4, 'LambdaFunctionFailed', 1003],
      [6, 5, 'LambdaFunctionScheduled', 2004],
      [7, 6, 'LambdaFunctionStarted', 2004],
      [8, 7, 'LambdaFunctionSucceeded', 2005],
      [9, 8, 'TaskStateExited', 2005],
      [10, 9, 'ExecutionSucceeded', 2006],
    ]);
    expect(events[0].executionStartedEventDetails).toEqual({
      input: '{"orderId":"o"}',
      inputDetails: { truncated: false },
      roleArn: 'arn:aws:iam::000000000000:role/R',
    });
    expect(events[2].lambdaFunctionScheduledEventDetails).toEqual({
      resource: FN,
      input: '{"id":"o"}',
      inputDetails: { truncated: false },
      timeoutInSeconds: 30,
    });
    expect(events[4].lambdaFunctionFailedEventDetails).toEqual({ error: 'Busy', cause: '{"errorType":"Busy"}' });
    // the function's own result, before ResultPath
    expect(events[7].lambdaFunctionSucceededEventDetails.output).toBe('{"chargeId":"c"}');
    expect(events[8].stateExitedEventDetails).toEqual({
      name: 'Charge',
      output: '{"orderId":"o","charge":{"chargeId":"c"}}',
      outputDetails: { truncated: false },
    });
  });

  it('writes an optimized integration as Task events, a timeout as TimedOut, a caught failure without a success', () => {
    const events = build((b) => {
      b.add({ type: 'StateEntered', timestamp: 1, state: { ...task('Publish'), input: {} } });
      b.attempt({
        state: 'Publish',
        kind: 'events:putEvents',
        resource: 'arn:aws:states:::events:putEvents',
        parameters: { Entries: [] },
        scheduledAt: 2,
      });
      b.add({
        type: 'StateFailed',
        timestamp: 3,
        state: task('Publish'),
        Error: 'States.Timeout',
        Cause: 'States.Timeout',
      });
      b.add({ type: 'StateCaught', timestamp: 3, state: task('Publish') });
      b.add({ type: 'StateExited', timestamp: 4, state: { ...task('Publish'), output: { failure: {} } } });
      b.add({ type: 'StateEntered', timestamp: 5, state: { name: 'Oops', type: 'Fail', input: {} } });
      b.add({ type: 'StateFailed', timestamp: 5, state: { name: 'Oops', type: 'Fail' }, Error: 'E', Cause: 'C' });
      b.add({ type: 'ExecutionFailed', timestamp: 6, Error: 'E', Cause: 'C' });
    });
    expect(events.map((e) => e.type)).toEqual([
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskTimedOut',
      'TaskStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    expect(events[1].taskScheduledEventDetails).toEqual({
      resourceType: 'events',
      resource: 'putEvents',
      region: 'us-east-1',
      parameters: '{"Entries":[]}',
    });
    expect(events[3].taskTimedOutEventDetails).toEqual({
      resourceType: 'events',
      resource: 'putEvents',
      error: 'States.Timeout',
      cause: 'States.Timeout',
    });
    expect(events[6].executionFailedEventDetails).toEqual({ error: 'E', cause: 'C' });
  });

  it('records a stop with its error and cause, a time-out, and Map iterations', () => {
    const stopped = build((b) => {
      b.stopping('Operator', 'no longer needed');
      b.add({ type: 'ExecutionAborted', timestamp: 1 });
    });
    expect(stopped[0]).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Operator', cause: 'no longer needed' },
    });
    const timedOut = build((b) => b.add({ type: 'ExecutionTimeout', timestamp: 1 }));
    expect(timedOut[0]).toMatchObject({
      type: 'ExecutionTimedOut',
      executionTimedOutEventDetails: { error: 'States.Timeout' },
    });
    const map = build((b) => {
      b.add({ type: 'StateEntered', timestamp: 1, state: { name: 'Each', type: 'Map', input: [1] } });
      b.add({ type: 'MapIterationStarted', timestamp: 2, parentState: { name: 'Each', type: 'Map' }, index: 0 });
      b.add({ type: 'MapIterationSucceeded', timestamp: 3, parentState: { name: 'Each', type: 'Map' }, index: 0 });
      b.add({ type: 'StateExited', timestamp: 4, state: { name: 'Each', type: 'Map', output: [1] } });
    });
    expect(map.map((e) => e.type)).toEqual([
      'MapStateEntered',
      'MapStateStarted',
      'MapIterationStarted',
      'MapIterationSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
    ]);
    expect(map[2].mapIterationStartedEventDetails).toEqual({ name: 'Each', index: 0 });
  });
});
