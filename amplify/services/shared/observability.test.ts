import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METRICS, METRICS_NAMESPACE } from '../../observability/metrics';
import { UserInputError } from './errors';
import { correlateRecord, count, logger, observe } from './observability';
import { captureJsonLines } from './test-logs';

const context = (requestId: string): Context =>
  ({
    awsRequestId: requestId,
    functionName: 'orders-confirm',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-confirm',
    memoryLimitInMB: '512',
    getRemainingTimeInMillis: () => 3000,
  }) as unknown as Context;

let lines: Record<string, unknown>[];
beforeEach(() => {
  lines = captureJsonLines();
});
afterEach(() => vi.restoreAllMocks());

const logged = (message: string) => lines.find((l) => l.message === message);
const emf = () => lines.filter((l) => '_aws' in l);

describe('observe', () => {
  it('logs an AppSync field with the request id, the caller the authorizer vouched for and the order asked for', async () => {
    const handler = observe(async () => logger.info('reading the order'));
    await handler(
      { arguments: { orderId: 'o-1' }, identity: { resolverContext: { userId: 'u-1', policyId: 'customers' } } },
      context('req-appsync'),
    );
    expect(logged('reading the order')).toMatchObject({
      level: 'INFO',
      function_request_id: 'req-appsync',
      user_id: 'u-1',
      order_id: 'o-1',
    });
  });

  it("logs a saga task with the order and the execution from the task's input", async () => {
    const handler = observe(async (event: { orderId: string; executionId: string }) =>
      logger.info('confirming', { step: event.orderId }),
    );
    await handler(
      { orderId: 'o-2', executionId: 'arn:aws:states:us-east-1:123456789012:execution:Checkout:o-2' },
      context('req-sfn'),
    );
    expect(logged('confirming')).toMatchObject({
      function_request_id: 'req-sfn',
      order_id: 'o-2',
      execution_id: 'arn:aws:states:us-east-1:123456789012:execution:Checkout:o-2',
    });
  });

  it("logs an event of the shop's bus with the order and the user in its detail", async () => {
    const handler = observe(async () => logger.info('restocking'));
    await handler(
      {
        'detail-type': 'OrderCancelled.v1',
        detail: { metadata: { eventId: 'e-1' }, data: { orderId: 'o-3', userId: 'u-3' } },
      },
      context('req-events'),
    );
    expect(logged('restocking')).toMatchObject({ function_request_id: 'req-events', order_id: 'o-3', user_id: 'u-3' });
  });

  it("forgets one invocation's ids before the next", async () => {
    const handler = observe(async (event: { orderId?: string; executionId?: string }) =>
      logger.info(`about ${event.orderId ?? 'nothing'}`),
    );
    await handler({ orderId: 'o-4', executionId: 'x-4' }, context('req-1'));
    await handler({}, context('req-2'));
    expect(logged('about nothing')).toMatchObject({ function_request_id: 'req-2' });
    expect(logged('about nothing')).not.toHaveProperty('order_id');
    expect(logged('about nothing')).not.toHaveProperty('execution_id');
  });

  it('logs each stream record with its order', async () => {
    const handler = observe(async (event: { Records: { dynamodb: { Keys: Record<string, { S: string }> } }[] }) => {
      for (const record of event.Records) {
        correlateRecord(record);
        logger.info('projecting');
      }
    });
    await handler(
      { Records: [{ dynamodb: { Keys: { orderId: { S: 'o-5' } } } }, { dynamodb: { Keys: { sku: { S: 'S-1' } } } }] },
      context('req-stream'),
    );
    const projecting = lines.filter((l) => l.message === 'projecting');
    expect(projecting[0]).toMatchObject({ order_id: 'o-5' });
    expect(projecting[1]).not.toHaveProperty('order_id');
  });

  it('logs the error a handler throws with the ids, and still throws it for Lambda to report', async () => {
    const handler = observe(async (_event: { orderId: string; executionId: string }) => {
      throw new Error('the orders table is unreachable');
    });
    await expect(handler({ orderId: 'o-6', executionId: 'x-6' }, context('req-fail'))).rejects.toThrow('unreachable');
    expect(logged('failed')).toMatchObject({
      level: 'ERROR',
      function_request_id: 'req-fail',
      order_id: 'o-6',
      execution_id: 'x-6',
      error: { name: 'Error', message: 'the orders table is unreachable' },
    });
  });

  it("logs a caller's mistake as a warning, not as the service failing", async () => {
    const handler = observe(async () => {
      throw new UserInputError('quantity must be at least 1');
    });
    await expect(handler({}, context('req-input'))).rejects.toThrow(UserInputError);
    expect(logged('refused')).toMatchObject({ level: 'WARN', error: { name: 'UserInputError' } });
    expect(lines.filter((l) => l.level === 'ERROR')).toEqual([]);
  });

  it("publishes a business metric as EMF in the shop's namespace when the handler ends", async () => {
    const handler = observe(async () => count(METRICS.OrdersPlaced));
    await handler({}, context('req-metric'));
    const placed = emf().find((l) => l.OrdersPlaced === 1) as
      { _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string; Unit: string }[] }[] } } | undefined;
    expect(placed?._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Metrics: [{ Name: 'OrdersPlaced', Unit: 'Count' }],
    });
  });

  it('says nothing at INFO when an invocation published no metric', async () => {
    const handler = observe(async () => 'done');
    await handler({}, context('req-quiet'));
    expect(lines.filter((l) => l.level === 'WARN')).toEqual([]);
  });
});
