import type { Context, DynamoDBRecord } from 'aws-lambda';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { observe } from '../shared/observability';
import { captureJsonLines } from '../shared/test-logs';
import { streamProjector } from './projector';

const NOW = Date.parse('2025-03-04T05:06:07.000Z');
const written = (secondsAgo: number, orderId: string): DynamoDBRecord => ({
  dynamodb: {
    ApproximateCreationDateTime: NOW / 1000 - secondsAgo,
    Keys: { orderId: { S: orderId } },
    SequenceNumber: orderId,
  },
});

let lines: Record<string, unknown>[];
beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  lines = captureJsonLines();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const context = { awsRequestId: 'req-views', functionName: 'views-orders' } as Context;

it("reports the batch's oldest change as ProjectionLag, in milliseconds", async () => {
  const handler = observe(streamProjector(async () => {}));
  await handler({ Records: [written(2, 'o-1'), written(7, 'o-2')] }, context);
  const lag = lines.find((l) => 'ProjectionLag' in l) as { ProjectionLag: number; _aws: unknown } | undefined;
  expect(lag?.ProjectionLag).toBe(7000);
  expect(JSON.stringify(lag?._aws)).toContain('"Unit":"Milliseconds"');
});

it('logs a record it could not project with its order, and reports it for retry', async () => {
  const handler = observe(
    streamProjector(async (record) => {
      if (record.dynamodb?.SequenceNumber === 'o-2') throw new Error('the view table is unreachable');
    }),
  );
  const result = await handler({ Records: [written(1, 'o-1'), written(1, 'o-2')] }, context);
  expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'o-2' }] });
  expect(lines.find((l) => l.message === 'could not project')).toMatchObject({
    level: 'ERROR',
    function_request_id: 'req-views',
    order_id: 'o-2',
    record: 'o-2',
    error: { message: 'the view table is unreachable' },
  });
});
