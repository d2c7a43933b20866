import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../sqs';
import { originOf } from './redrive';

const message = (body: unknown, attributes: Record<string, string> = {}): StoredMessage => ({
  messageId: 'm-1',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  md5OfBody: '',
  messageAttributes: Object.fromEntries(
    Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]),
  ),
  sentTimestamp: 0,
  visibleAt: 0,
  receiveCount: 0,
});

const fn = 'arn:aws:lambda:us-east-1:000000000000:function:notify';
const event = { 'detail-type': 'OrderConfirmed.v1', detail: { data: { orderId: 'o-1' } } };

describe('originOf', () => {
  it('sends a Lambda on-failure record’s event back to its function', () => {
    const record = { requestContext: { functionArn: `${fn}:$LATEST` }, requestPayload: event, responsePayload: {} };
    expect(originOf(message(record))).toEqual({ kind: 'function', functionArn: fn, payload: JSON.stringify(event) });
  });

  it('sends an event EventBridge could not deliver to the target its attributes name', () => {
    expect(originOf(message(event, { TARGET_ARN: fn, RULE_ARN: 'r' }))).toEqual({
      kind: 'function',
      functionArn: fn,
      payload: JSON.stringify(event),
    });
    const machine = 'arn:aws:states:us-east-1:000000000000:stateMachine:Ship';
    expect(originOf(message(event, { TARGET_ARN: machine }))).toMatchObject({ kind: 'state-machine', arn: machine });
  });

  it('keeps what it cannot place, saying why', () => {
    const batch = { requestContext: { functionArn: fn }, DDBStreamBatchInfo: { shardId: 's' } };
    expect(originOf(message(batch))).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/stream batch/) });
    expect(originOf(message('not json'))).toMatchObject({ kind: 'unknown' });
  });
});
