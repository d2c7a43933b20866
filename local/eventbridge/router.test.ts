import { describe, expect, it } from 'vitest';
import { failure, fakeLambda } from '../stepfunctions/testing';
import { DEFAULT_BUS, eventBusArn } from './buses';
import { LocalEventBridge } from './event-bridge';
import { inputSpecOf } from './input';
import type { AsyncInvokeConfig } from './invoke-configs';
import { parsePattern } from './pattern';
import { ruleArn, targetKindOf, type Rule, type RuleTarget } from './rules';
import type { RouterOptions, TargetBackends } from './router';

const fnArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:events-dlq';
const FAILURES = 'arn:aws:sqs:us-east-1:000000000000:failures';
const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:Fulfil';

const target = (arn: string, extra: Record<string, unknown> = {}): RuleTarget => ({
  id: String(extra.Id ?? 'T1'),
  arn,
  kind: targetKindOf(arn)!,
  input: inputSpecOf(extra),
  maximumRetryAttempts: (extra.retries as number) ?? 185,
  maximumEventAgeSeconds: (extra.age as number) ?? 86_400,
  ...(extra.dlq ? { deadLetterArn: extra.dlq as string } : {}),
});

const rule = (name: string, pattern: object, targets: RuleTarget[], bus = 'shop'): Rule => ({
  logicalId: name,
  name,
  arn: ruleArn(bus, name),
  bus,
  pattern: parsePattern(pattern),
  targets,
});

/** A fake clock: `sleep` moves time on at once, and remembers how long it was asked to wait. */
const fakeTime = () => {
  let now = Date.parse('2024-05-01T12:00:00Z');
  const slept: number[] = [];
  return {
    slept,
    options: {
      now: () => now,
      sleep: async (ms: number) => {
        slept.push(ms);
        now += ms;
      },
    } satisfies RouterOptions,
  };
};

/** An SQS stand-in that records what it is sent (and may refuse). */
const fakeQueues = (refuse?: (arn: string, n: number) => Error | undefined) => {
  const sent: { arn: string; body: string; attributes?: Record<string, string> }[] = [];
  let n = 0;
  return {
    sent,
    send: async (arn: string, body: string, attributes?: Record<string, string>) => {
      const error = refuse?.(arn, ++n);
      if (error) throw error;
      sent.push({ arn, body, ...(attributes ? { attributes } : {}) });
    },
  };
};

const bridgeWith = (rules: Rule[], backends: TargetBackends, options: RouterOptions = {}) => {
  const bridge = new LocalEventBridge([
    { name: DEFAULT_BUS, arn: eventBusArn(DEFAULT_BUS) },
    { name: 'shop', arn: eventBusArn('shop') },
    { name: 'audit', arn: eventBusArn('audit') },
  ]);
  bridge.runRules(rules, backends, options);
  return bridge;
};

const put = (bridge: LocalEventBridge, detailType: string, detail: object, bus = 'shop') =>
  bridge.putEvents([
    { Source: 'cloudshop.orders', DetailType: detailType, Detail: JSON.stringify(detail), EventBusName: bus },
  ]);

describe('rules and targets', () => {
  it('answers PutEvents at once, then invokes the Lambda target with the events its pattern matches', async () => {
    const lambda = fakeLambda({ notify: () => 'ok' });
    const bridge = bridgeWith(
      [
        rule('confirmed', { 'detail-type': ['OrderConfirmed'], detail: { total: [{ numeric: ['>=', 10] }] } }, [
          target(fnArn('notify')),
        ]),
      ],
      { lambda },
    );
    const a = put(bridge, 'OrderConfirmed', { orderId: 'a', total: 25 });
    put(bridge, 'OrderConfirmed', { orderId: 'b', total: 5 });
    put(bridge, 'OrderFailed', { orderId: 'c', total: 25 });
    expect(lambda.calls).toEqual([]);
    await bridge.settled();
    expect(lambda.calls.map((c) => (c.event as { detail: { orderId: string } }).detail.orderId)).toEqual(['a']);
    expect(lambda.calls[0].event).toMatchObject({
      version: '0',
      id: (a.Entries[0] as { EventId: string }).EventId,
      source: 'cloudshop.orders',
      account: '000000000000',
      region: 'us-east-1',
      resources: [],
    });
    expect(lambda.calls[0].event).not.toHaveProperty('bus');
    const [first, second] = bridge.deliveries();
    expect(first).toMatchObject({
      rules: ['confirmed'],
      targets: [{ status: 'delivered', attempts: 1, retries: 0, invocation: { status: 'succeeded', invokeCount: 1 } }],
    });
    expect(second).toMatchObject({ rules: [], targets: [] });
    expect(bridge.deliveries({ rule: 'confirmed' })).toHaveLength(1);
    expect(bridge.metrics()).toMatchObject({ entriesPut: 3, eventsMatched: 1, targetInvocations: 1, targetRetries: 0 });
  });

  it("retries a failing function per its event invoke config, then sends Lambda's record to its on-failure destination; the events behind it go through", async () => {
    const time = fakeTime();
    const queues = fakeQueues();
    const lambda = fakeLambda({
      charge: (e: { detail: { orderId: string } }) => {
        if (e.detail.orderId === 'poison') throw failure('CardDeclined', 'declined');
        return { charged: e.detail.orderId };
      },
    });
    const configs = new Map<string, AsyncInvokeConfig>([
      ['charge', { maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600, onFailure: FAILURES }],
    ]);
    const bridge = bridgeWith(
      [rule('charge', { source: ['cloudshop.orders'] }, [target(fnArn('charge'))])],
      { lambda, asyncConfigs: configs, queues },
      time.options,
    );
    const poison = put(bridge, 'OrderPlaced', { orderId: 'poison' });
    put(bridge, 'OrderPlaced', { orderId: 'ok-1' });
    put(bridge, 'OrderPlaced', { orderId: 'ok-2' });
    await bridge.settled();

    const calls = lambda.calls.map((c) => (c.event as { detail: { orderId: string } }).detail.orderId);
    expect(calls.filter((id) => id === 'poison')).toHaveLength(3);
    expect(calls.filter((id) => id.startsWith('ok'))).toEqual(['ok-1', 'ok-2']);
    expect(time.slept).toEqual([1000, 2000]);
    expect(queues.sent).toHaveLength(1);
    expect(queues.sent[0].arn).toBe(FAILURES);
    const record = JSON.parse(queues.sent[0].body);
    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requestContext: {
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        functionArn: `${fnArn('charge')}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: expect.objectContaining({ id: (poison.Entries[0] as { EventId: string }).EventId }),
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'CardDeclined', errorMessage: 'declined', trace: expect.any(Array) },
    });
    const [delivery] = bridge.deliveries()[0].targets;
    expect(delivery).toMatchObject({
      status: 'delivered',
      invocation: {
        status: 'failed',
        invokeCount: 3,
        error: { errorType: 'CardDeclined' },
        destination: { arn: FAILURES, condition: 'RetriesExhausted' },
      },
    });
    expect(bridge.metrics()).toMatchObject({ asyncRetries: 2, asyncDestinations: 1, deadLetters: 0 });
  });

  it("sends a failed event to the function's own DLQ when it has no on-failure destination, and a success to its on-success destination", async () => {
    const queues = fakeQueues();
    const lambda = fakeLambda({ bad: () => Promise.reject(failure('Boom', 'it broke')), good: () => 'fine' });
    const configs = new Map<string, AsyncInvokeConfig>([
      ['bad', { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60, deadLetterArn: QUEUE }],
      ['good', { maximumRetryAttempts: 2, maximumEventAgeSeconds: 60, onSuccess: FAILURES }],
    ]);
    const bridge = bridgeWith(
      [
        rule('both', { source: ['cloudshop.orders'] }, [
          target(fnArn('bad'), { Id: 'Bad' }),
          target(fnArn('good'), { Id: 'Good' }),
        ]),
      ],
      { lambda, asyncConfigs: configs, queues },
      fakeTime().options,
    );
    put(bridge, 'OrderPlaced', { orderId: 'x' });
    await bridge.settled();
    const dlq = queues.sent.find((m) => m.arn === QUEUE)!;
    expect(JSON.parse(dlq.body)).toMatchObject({ detail: { orderId: 'x' } });
    expect(dlq.attributes).toEqual({ RequestID: expect.any(String), ErrorCode: '200', ErrorMessage: 'it broke' });
    const success = JSON.parse(queues.sent.find((m) => m.arn === FAILURES)!.body);
    expect(success.requestContext).toMatchObject({ condition: 'Success', approximateInvokeCount: 1 });
    expect(success.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
    expect(success.responsePayload).toBe('fine');
  });

  it("puts an event whose function does not exist in the rule target's DLQ at once, with EventBridge's attributes", async () => {
    const queues = fakeQueues();
    const bridge = bridgeWith(
      [rule('lost', { source: ['cloudshop.orders'] }, [target(fnArn('gone'), { Id: 'Gone', dlq: QUEUE })])],
      { lambda: fakeLambda({}), queues },
      fakeTime().options,
    );
    const out = put(bridge, 'OrderPlaced', { orderId: 'x' });
    await bridge.settled();
    expect(queues.sent).toEqual([
      {
        arn: QUEUE,
        body: expect.any(String),
        attributes: {
          ERROR_CODE: 'ResourceNotFoundException',
          ERROR_MESSAGE: `Function not found: ${fnArn('gone')}`,
          RETRY_ATTEMPTS: '0',
          RULE_ARN: ruleArn('shop', 'lost'),
          TARGET_ARN: fnArn('gone'),
        },
      },
    ]);
    expect(JSON.parse(queues.sent[0].body)).toMatchObject({
      id: (out.Entries[0] as { EventId: string }).EventId,
      detail: { orderId: 'x' },
    });
    expect(bridge.deliveries()[0].targets[0]).toMatchObject({
      status: 'dead-lettered',
      attempts: 1,
      deadLetter: { queueArn: QUEUE },
    });
    expect(bridge.metrics()).toMatchObject({ deadLetters: 1, targetRetries: 0 });
  });

  it('retries a delivery that fails for a while with backoff, and gives up after MaximumRetryAttempts or the event age', async () => {
    const time = fakeTime();
    const busy = () => Object.assign(new Error('try later'), { name: 'ThrottlingException' });
    const queues = fakeQueues((arn, n) => (arn === QUEUE || (arn.endsWith(':flaky') && n > 2) ? undefined : busy()));
    const bridge = bridgeWith(
      [
        rule('flaky', { 'detail-type': ['Flaky'] }, [
          target('arn:aws:sqs:us-east-1:000000000000:flaky', { retries: 5 }),
        ]),
        rule('down', { 'detail-type': ['Down'] }, [
          target('arn:aws:sqs:us-east-1:000000000000:down', { retries: 2, dlq: QUEUE }),
        ]),
        rule('old', { 'detail-type': ['Old'] }, [target('arn:aws:sqs:us-east-1:000000000000:down', { age: 5 })]),
      ],
      { queues },
      time.options,
    );
    put(bridge, 'Flaky', { n: 1 });
    await bridge.settled();
    expect(bridge.deliveries()[0].targets[0]).toMatchObject({ status: 'delivered', attempts: 3, retries: 2 });
    expect(time.slept).toEqual([1000, 2000]);

    put(bridge, 'Down', { n: 2 });
    await bridge.settled();
    expect(bridge.deliveries()[1].targets[0]).toMatchObject({
      status: 'dead-lettered',
      attempts: 3,
      retries: 2,
      error: { code: 'ThrottlingException' },
    });
    expect(queues.sent.at(-1)!.attributes).toMatchObject({
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
      RETRY_ATTEMPTS: '2',
      ERROR_MESSAGE: 'try later',
    });

    put(bridge, 'Old', { n: 3 });
    await bridge.settled();
    // 1 s, 2 s, then a 4 s wait would take the event past its 5 s: given up, and with no DLQ, dropped.
    expect(bridge.deliveries()[2].targets[0]).toMatchObject({ status: 'dropped', retries: 2 });
    expect(bridge.metrics()).toMatchObject({ droppedDeliveries: 1, deadLetters: 1 });
  });

  it('starts a state machine execution with the transformed event as input', async () => {
    const started: { stateMachineArn?: unknown; input?: unknown }[] = [];
    const stepFunctions = {
      startExecution: (request: { stateMachineArn?: unknown; input?: unknown }) => {
        started.push(request);
        return { executionArn: `${MACHINE.replace(':stateMachine:', ':execution:')}:e1` };
      },
    };
    const bridge = bridgeWith(
      [
        rule('fulfil', { 'detail-type': ['OrderConfirmed'] }, [
          target(MACHINE, {
            InputTransformer: {
              InputPathsMap: { order: '$.detail.orderId' },
              InputTemplate: '{"orderId": <order>, "rule": "<aws.events.rule-name>"}',
            },
          }),
        ]),
      ],
      { stepFunctions },
    );
    put(bridge, 'OrderConfirmed', { orderId: 'o-9' });
    await bridge.settled();
    expect(started).toEqual([{ stateMachineArn: MACHINE, input: '{"orderId":"o-9","rule":"fulfil"}' }]);
    expect(bridge.deliveries()[0].targets[0]).toMatchObject({
      status: 'delivered',
      executionArn: expect.stringContaining(':execution:Fulfil:'),
    });
  });

  it('forwards to another bus, whose own rules then deliver, and publishes to SNS topics', async () => {
    const published: [string, string][] = [];
    const queues = fakeQueues();
    const bridge = bridgeWith(
      [
        rule('to-audit', { source: ['cloudshop.orders'] }, [
          target(eventBusArn('audit')),
          target('arn:aws:sns:us-east-1:000000000000:ops', { Id: 'T2', Input: '{"alert":1}' }),
        ]),
        rule(
          'audit-all',
          { source: [{ prefix: 'cloudshop.' }] },
          [target('arn:aws:sqs:us-east-1:000000000000:audit')],
          'audit',
        ),
      ],
      { queues, topics: { publish: async (arn, message) => void published.push([arn, message]) } },
    );
    put(bridge, 'OrderPlaced', { orderId: 'z' });
    await bridge.settled();
    expect(published).toEqual([['arn:aws:sns:us-east-1:000000000000:ops', '{"alert":1}']]);
    expect(bridge.events({ bus: 'audit' })).toHaveLength(1);
    expect(JSON.parse(queues.sent[0].body)).toMatchObject({
      source: 'cloudshop.orders',
      'detail-type': 'OrderPlaced',
      detail: { orderId: 'z' },
    });
  });

  it('refuses, naming the rule and target, a target whose service was not given', () => {
    expect(() => bridgeWith([rule('r', { source: ['x'] }, [target(MACHINE)])], {})).toThrow(
      `rule r, target T1: no local stepFunctions to deliver ${MACHINE} to`,
    );
    expect(() =>
      bridgeWith([rule('r', { source: ['x'] }, [target(fnArn('f'), { dlq: QUEUE })])], { lambda: fakeLambda({}) }),
    ).toThrow('rule r, target T1: no local SQS for its dead-letter queue');
  });
});
