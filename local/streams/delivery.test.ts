import { describe, expect, it } from 'vitest';
import { deliver, firstFailure, type DeliveryContext, type Discarded, type RetryPolicy } from './delivery';
import { failureRecord } from './failure-record';
import type { DynamoDbStreamEventRecord } from './records';

const record = (seq: number, createdAt = 1_700_000_000): DynamoDbStreamEventRecord => ({
  eventID: `e${seq}`,
  eventName: 'INSERT',
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'us-east-1',
  dynamodb: {
    ApproximateCreationDateTime: createdAt,
    Keys: { pk: { S: String(seq) } },
    SequenceNumber: String(seq).padStart(21, '0'),
    SizeBytes: 10,
    StreamViewType: 'NEW_IMAGE',
  },
  eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/label',
});

const policy = (more: Partial<RetryPolicy> = {}): RetryPolicy => ({
  reportBatchItemFailures: false,
  bisectBatchOnFunctionError: false,
  maximumRetryAttempts: 2,
  maximumRecordAgeInSeconds: -1,
  ...more,
});

/** A function that fails every batch holding a poison record, and what the delivery did. */
const harness = (poison: Set<number>, respond?: (batch: number[]) => unknown, now = 1_700_000_000_000) => {
  const invocations: number[][] = [];
  const processed: number[] = [];
  const discarded: Discarded[] = [];
  const ctx: DeliveryContext = {
    invoke: async (records) => {
      const batch = records.map((r) => Number(r.dynamodb.SequenceNumber));
      invocations.push(batch);
      const requestId = `r${invocations.length}`;
      if (respond) return { requestId, response: respond(batch) };
      return batch.some((n) => poison.has(n))
        ? { requestId, error: { errorType: 'Poison', errorMessage: 'poison' } }
        : { requestId, response: null };
    },
    discard: async (d) => void discarded.push(d),
    done: (records, outcome) => {
      if (outcome === 'processed') processed.push(...records.map((r) => Number(r.dynamodb.SequenceNumber)));
    },
    backoff: async () => {},
    now: () => now,
    stopped: () => false,
    note: () => {},
  };
  return { ctx, invocations, processed, discarded };
};

const batch = (...seqs: number[]) => seqs.map((s) => record(s));

describe('delivering a batch', () => {
  it('retries a failing batch whole, then discards it after MaximumRetryAttempts', async () => {
    const h = harness(new Set([2]));
    await deliver(batch(1, 2, 3), policy({ maximumRetryAttempts: 2 }), h.ctx);
    expect(h.invocations).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(h.processed).toEqual([]);
    expect(h.discarded).toMatchObject([{ condition: 'RetryAttemptsExhausted', invokeCount: 3 }]);
  });

  it('bisects around a poison record, discards it alone and processes the others in order', async () => {
    const h = harness(new Set([3]));
    await deliver(batch(1, 2, 3, 4, 5), policy({ bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 }), h.ctx);
    expect(h.invocations).toEqual([[1, 2, 3, 4, 5], [1, 2, 3], [1, 2], [3], [3], [4, 5]]);
    expect(h.processed).toEqual([1, 2, 4, 5]);
    expect(h.discarded.map((d) => d.records.map((r) => Number(r.dynamodb.SequenceNumber)))).toEqual([[3]]);
    expect(h.discarded[0]).toMatchObject({ invokeCount: 2, last: { requestId: 'r5', error: { errorType: 'Poison' } } });
  });

  it('retries from the first reported failure with ReportBatchItemFailures', async () => {
    let calls = 0;
    const h = harness(new Set(), () =>
      ++calls === 1
        ? {
            batchItemFailures: [
              { itemIdentifier: String(4).padStart(21, '0') },
              { itemIdentifier: String(3).padStart(21, '0') },
            ],
          }
        : { batchItemFailures: [] },
    );
    await deliver(batch(1, 2, 3, 4), policy({ reportBatchItemFailures: true }), h.ctx);
    expect(h.invocations).toEqual([
      [1, 2, 3, 4],
      [3, 4],
    ]);
    expect(h.processed).toEqual([1, 2, 3, 4]);
  });

  it('reads a partial batch response as AWS does', () => {
    const records = batch(1, 2);
    expect(firstFailure(null, records)).toBeUndefined();
    expect(firstFailure({}, records)).toBeUndefined();
    expect(firstFailure({ batchItemFailures: [] }, records)).toBeUndefined();
    expect(firstFailure({ batchItemFailures: [{ itemIdentifier: '' }] }, records)).toBe(0);
    expect(firstFailure({ batchItemFailures: [{ itemIdentifier: 'nope' }] }, records)).toBe(0);
    expect(firstFailure({ batchItemFailures: [{ itemIdentifier: records[1].dynamodb.SequenceNumber }] }, records)).toBe(
      1,
    );
  });

  it('ignores a partial batch response unless the mapping reports batch item failures', async () => {
    const h = harness(new Set(), () => ({ batchItemFailures: [{ itemIdentifier: '' }] }));
    await deliver(batch(1, 2), policy(), h.ctx);
    expect(h.invocations).toHaveLength(1);
    expect(h.processed).toEqual([1, 2]);
  });

  it('discards records older than MaximumRecordAgeInSeconds without invoking', async () => {
    const now = 1_700_000_000_000;
    const h = harness(new Set(), undefined, now);
    await deliver(
      [record(1, now / 1000 - 120), record(2, now / 1000)],
      policy({ maximumRecordAgeInSeconds: 60 }),
      h.ctx,
    );
    expect(h.discarded).toMatchObject([{ condition: 'RecordAgeExceeded', invokeCount: 0 }]);
    expect(h.invocations).toEqual([[2]]);
  });
});

describe('the on-failure invocation record', () => {
  it('has the shape of the Lambda guide', () => {
    const records = [record(7, 1_573_690_399), record(9, 1_573_690_420)];
    expect(
      failureRecord(
        {
          records,
          condition: 'RetryAttemptsExhausted',
          invokeCount: 3,
          last: { requestId: 'req', error: { errorType: 'E', errorMessage: 'm' } },
        },
        {
          functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
          shardId: 'shardId-1',
          streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/label',
          requestId: 'unused',
          now: new Date('2019-11-14T00:13:49.717Z'),
        },
      ),
    ).toEqual({
      requestContext: {
        requestId: 'req',
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: '2019-11-14T00:13:49.717Z',
      DDBStreamBatchInfo: {
        shardId: 'shardId-1',
        startSequenceNumber: '000000000000000000007',
        endSequenceNumber: '000000000000000000009',
        approximateArrivalOfFirstRecord: '2019-11-14T00:13:19Z',
        approximateArrivalOfLastRecord: '2019-11-14T00:13:40Z',
        batchSize: 2,
        streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/label',
      },
    });
  });
});
