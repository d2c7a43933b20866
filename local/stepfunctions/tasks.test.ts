import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { LocalEventBridge } from '../eventbridge/event-bridge';
import { eventBusArn } from '../eventbridge/buses';
import { bindTasks, taskStates } from './tasks';
import { failure, fakeLambda, functionArn } from './testing';

const definition = (states: Record<string, object>, startAt = Object.keys(states)[0]) =>
  ({ StartAt: startAt, States: states }) as unknown as StateMachineDefinition;

const lambda = fakeLambda({
  echo: (e: unknown) => ({ echoed: e }),
  boom: () => {
    throw failure('InventoryBusy', 'try later');
  },
});
const bridge = new LocalEventBridge([{ name: 'shop', arn: eventBusArn('shop') }]);

describe('Task states bound to local services', () => {
  it('finds the Task states inside Parallel branches and Map iterations too', () => {
    const inner = definition({ Inner: { Type: 'Task', Resource: functionArn('echo'), End: true } });
    const states = taskStates(
      definition({
        Top: { Type: 'Task', Resource: functionArn('echo'), Next: 'Fan' },
        Fan: { Type: 'Parallel', Branches: [inner], Next: 'Each' },
        Each: {
          Type: 'Map',
          ItemProcessor: definition({ Deep: { Type: 'Task', Resource: functionArn('echo'), End: true } }),
          End: true,
        },
      }),
    );
    expect(states.map(([name]) => name)).toEqual(['Top', 'Inner', 'Deep']);
  });

  it('names every state it cannot run, and why', () => {
    expect(() =>
      bindTasks(
        'M',
        definition({
          A: { Type: 'Task', Resource: functionArn('missing'), Next: 'B' },
          B: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'gone' },
            Next: 'C',
          },
          C: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Next: 'D' },
          D: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', End: true },
        }),
        { lambda, events: bridge },
      ),
    ).toThrow(
      [
        `state "A" of state machine M: function ${functionArn('missing')} is not run by the local Lambda emulator`,
        'state "B" of state machine M: function gone is not run by the local Lambda emulator',
        'state "C" of state machine M: resource arn:aws:states:::dynamodb:putItem is not emulated locally',
        'state "D" of state machine M: resource arn:aws:states:::lambda:invoke.waitForTaskToken is not emulated locally',
      ].join('\n'),
    );
  });

  it('runs lambda:invoke with Lambda’s response around the payload, and its errors by errorType', async () => {
    const tasks = bindTasks(
      'M',
      definition({ Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } }),
      { lambda },
    );
    const call = tasks.get('Call')!;
    await expect(call.run({ FunctionName: 'echo', Payload: { a: 1 } })).resolves.toMatchObject({
      ExecutedVersion: '$LATEST',
      Payload: { echoed: { a: 1 } },
      StatusCode: 200,
    });
    await expect(call.run({ FunctionName: functionArn('boom') })).rejects.toMatchObject({
      name: 'InventoryBusy',
      message: expect.stringContaining('"errorMessage":"try later"'),
    });
    await expect(call.run({ FunctionName: 'nobody' })).rejects.toMatchObject({
      name: 'Lambda.ResourceNotFoundException',
    });
    await expect(call.run({ FunctionName: 'echo', InvocationType: 'Event' })).resolves.toMatchObject({
      StatusCode: 202,
      Payload: '',
    });
  });

  it('puts events with Detail serialized, and fails the task when an entry fails', async () => {
    const tasks = bindTasks(
      'M',
      definition({ Publish: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', End: true } }),
      { lambda, events: bridge },
    );
    const publish = tasks.get('Publish')!;
    const sent = { Source: 'cloudshop.orders', DetailType: 'OrderConfirmed.v1', Detail: { orderId: 'o-1' } };
    const result = (await publish.run({ Entries: [{ ...sent, EventBusName: eventBusArn('shop') }] })) as {
      Entries: { EventId: string }[];
      FailedEntryCount: number;
    };
    expect(result.FailedEntryCount).toBe(0);
    expect(bridge.events()).toEqual([
      expect.objectContaining({ id: result.Entries[0].EventId, detail: { orderId: 'o-1' }, bus: 'shop' }),
    ]);
    await expect(publish.run({ Entries: [{ ...sent, EventBusName: 'nope' }] })).rejects.toMatchObject({
      name: 'EventBridge.FailedEntry',
      message: expect.stringContaining('ResourceNotFoundException'),
    });
    await expect(publish.run({ Entries: [] })).rejects.toMatchObject({ name: 'EventBridge.ValidationException' });
  });
});
