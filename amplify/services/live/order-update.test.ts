import type { DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { orderAtVersion as order } from '../orders/fixtures';
import type { Order } from '../orders/order';
import { updateOfChange } from './order-update';
import { PUBLISH_ORDER_UPDATE, publishOrderUpdates } from './publisher';

const failed = order('FAILED', 2, {
  statusHistory: [
    { status: 'PENDING', at: '2026-01-01T00:00:00.000Z' },
    { status: 'FAILED', at: '2026-01-01T00:00:02.000Z', reason: 'Your card was declined.' },
  ],
});

describe('the update an order change announces to its live subscribers', () => {
  it('carries the owner, the new status, the whole history and why it failed, never the payment token', () => {
    expect(updateOfChange(order('PENDING', 1), failed)).toEqual({
      orderId: 'o-1',
      userId: 'u-1',
      status: 'FAILED',
      statusHistory: failed.statusHistory,
      failureReason: 'Your card was declined.',
      refund: null,
      updatedAt: '2026-01-01T00:00:02.000Z',
      version: 2,
    });
    expect(JSON.stringify(updateOfChange(order('PENDING', 1), failed))).not.toContain('tok_visa');
  });

  it('announces nothing for a new order, a deleted one, or a change that keeps the status', () => {
    expect(updateOfChange(undefined, order('PENDING', 1))).toBeUndefined();
    expect(updateOfChange(order('CONFIRMED', 2), undefined)).toBeUndefined();
    expect(updateOfChange(order('CONFIRMED', 2), order('CONFIRMED', 3))).toBeUndefined();
  });

  it('announces the refund of a cancelled order once, when it is recorded', () => {
    const refund = { amount: 3132, currency: 'USD', at: '2026-01-01T00:00:04.000Z' };
    const cancelled = order('CANCELLED', 3);
    const refunded = order('CANCELLED', 4, { refund });
    expect(updateOfChange(cancelled, refunded)).toMatchObject({ status: 'CANCELLED', refund, version: 4 });
    expect(updateOfChange(refunded, order('CANCELLED', 5, { refund }))).toBeUndefined();
  });
});

const record = (before: Order | undefined, after: Order | undefined, sequence: string): DynamoDBRecord => ({
  eventName: 'MODIFY',
  dynamodb: {
    SequenceNumber: sequence,
    ...(before ? { OldImage: marshall(before) as never } : {}),
    ...(after ? { NewImage: marshall(after) as never } : {}),
  },
});

describe('the publisher', () => {
  it('publishes each status change with the publish mutation, and nothing for other changes', async () => {
    const request = vi.fn(async () => ({}));
    const result = await publishOrderUpdates({ request })({
      Records: [
        record(undefined, order('PENDING', 1), '1'),
        record(order('PENDING', 1), order('CONFIRMED', 2), '2'),
        record(order('CONFIRMED', 2), order('CONFIRMED', 3), '3'),
      ],
    });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith(
      PUBLISH_ORDER_UPDATE,
      expect.objectContaining({ orderId: 'o-1', status: 'CONFIRMED', userId: 'u-1' }),
    );
  });

  it('reports the first record it could not publish, so the stream retries from there', async () => {
    const request = vi.fn(async () => {
      throw new Error('AppSync refused the request (401)');
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await publishOrderUpdates({ request })({
      Records: [
        record(order('PENDING', 1), order('CONFIRMED', 2), '7'),
        record(order('CONFIRMED', 2), order('SHIPPED', 3), '8'),
      ],
    });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }] });
    expect(request).toHaveBeenCalledTimes(1);
  });
});
