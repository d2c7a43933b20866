import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { eventIdOf, type OutgoingEvent } from '../../events/publish';
import { dispatchedEventOf, publishDispatches, type Publisher } from './outbox';
import type { Shipment } from './shipment';

const ready: Shipment = {
  orderId: 'order-1',
  shipmentId: 'shp_1',
  userId: 'user-alice',
  email: 'alice@example.com',
  lines: [{ sku: 'MUG-1', name: 'Blue mug', quantity: 2 }],
  status: 'READY',
  carrier: 'Cloudshop Post',
  trackingNumber: 'CP12345678901CS',
  createdAt: '2030-01-01T10:00:00.000Z',
  version: 1,
};
const dispatched: Shipment = { ...ready, status: 'DISPATCHED', dispatchedAt: '2030-01-01T10:01:00.000Z', version: 2 };
const cancelled: Shipment = { ...ready, status: 'CANCELLED', cancelledAt: '2030-01-01T10:01:00.000Z', version: 2 };

let sequence = 0;
/** A Shipments stream record (NEW_AND_OLD_IMAGES) as Lambda delivers it. */
const record = (next?: Shipment, previous?: Shipment): DynamoDBRecord => ({
  eventName: !previous ? 'INSERT' : next ? 'MODIFY' : 'REMOVE',
  dynamodb: {
    SequenceNumber: String(++sequence),
    Keys: marshall({ orderId: (next ?? previous)!.orderId }) as never,
    ...(next ? { NewImage: marshall(next, { removeUndefinedValues: true }) as never } : {}),
    ...(previous ? { OldImage: marshall(previous, { removeUndefinedValues: true }) as never } : {}),
  },
});

class FakePublisher implements Publisher {
  published: OutgoingEvent[] = [];
  failOn?: (event: OutgoingEvent) => boolean;
  async publish(events: OutgoingEvent[]) {
    for (const event of events) {
      if (this.failOn?.(event)) throw new Error('EventBridge refused 1 of 1 events');
      this.published.push(event);
    }
  }
}

describe('the shipments outbox', () => {
  it('turns READY → DISPATCHED into ShipmentDispatched, with an id stable across redeliveries', () => {
    const event = dispatchedEventOf(record(dispatched, ready));
    expect(event).toEqual({
      name: 'ShipmentDispatched',
      detail: {
        metadata: {
          eventId: eventIdOf('shipment', 'order-1', 2),
          correlationId: 'order-1',
          occurredAt: '2030-01-01T10:01:00.000Z',
        },
        data: {
          orderId: 'order-1',
          userId: 'user-alice',
          email: 'alice@example.com',
          shipmentId: 'shp_1',
          carrier: 'Cloudshop Post',
          trackingNumber: 'CP12345678901CS',
          dispatchedAt: '2030-01-01T10:01:00.000Z',
        },
      },
    });
    expect(dispatchedEventOf(record(dispatched, ready))).toEqual(event);
  });

  it('publishes nothing for a new, cancelled, re-written or deleted shipment', () => {
    expect(dispatchedEventOf(record(ready))).toBeUndefined();
    expect(dispatchedEventOf(record(cancelled, ready))).toBeUndefined();
    expect(dispatchedEventOf(record({ ...dispatched, version: 3 }, dispatched))).toBeUndefined();
    expect(dispatchedEventOf(record(undefined, dispatched))).toBeUndefined();
  });

  it('publishes each dispatch of a batch once, in order', async () => {
    const publisher = new FakePublisher();
    const other = { ...dispatched, orderId: 'order-2', shipmentId: 'shp_2' };
    const result = await publishDispatches(
      [
        record(ready),
        record(dispatched, ready),
        record(cancelled, ready),
        record(other, { ...other, status: 'READY' }),
      ],
      publisher,
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(publisher.published.map((e) => e.detail.data)).toEqual([
      expect.objectContaining({ orderId: 'order-1' }),
      expect.objectContaining({ orderId: 'order-2' }),
    ]);
  });

  it('stops at the first record it cannot publish and reports it, so the shard is retried from there', async () => {
    const publisher = new FakePublisher();
    publisher.failOn = (e) => (e.detail.data as { orderId: string }).orderId === 'order-2';
    const other = { ...dispatched, orderId: 'order-2' };
    const third = { ...dispatched, orderId: 'order-3' };
    const failing = record(other, { ...other, status: 'READY' });
    const result = await publishDispatches(
      [record(dispatched, ready), failing, record(third, { ...third, status: 'READY' })],
      publisher,
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: failing.dynamodb!.SequenceNumber }] });
    expect(publisher.published).toHaveLength(1);
  });
});
