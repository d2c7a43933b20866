import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { eventIdOf, type EventPublisher, type OutgoingEvent } from '../../events/publish';
import { imagesOf, inOrder } from '../../events/stream';
import type { Shipment } from './shipment';

/** What the outbox needs of `EventPublisher` (a fake in tests). */
export type Publisher = Pick<EventPublisher, 'publish'>;

/**
 * The `ShipmentDispatched` event a stream record stands for: only a write that made the shipment
 * DISPATCHED (its old image was not). Its id is derived from the shipment's version, so that the
 * record redelivered publishes the same event again, which consumers drop as a repeat.
 */
export const dispatchedEventOf = (record: DynamoDBRecord): OutgoingEvent<'ShipmentDispatched'> | undefined => {
  const [previous, next] = imagesOf<Partial<Shipment>>(record);
  if (next?.status !== 'DISPATCHED' || previous?.status === 'DISPATCHED') return undefined;
  const shipment = next as Shipment;
  return {
    name: 'ShipmentDispatched',
    detail: {
      metadata: {
        eventId: eventIdOf('shipment', shipment.orderId, shipment.version),
        correlationId: shipment.orderId,
        occurredAt: shipment.dispatchedAt!,
      },
      data: {
        orderId: shipment.orderId,
        userId: shipment.userId,
        ...(shipment.email ? { email: shipment.email } : {}),
        shipmentId: shipment.shipmentId,
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        dispatchedAt: shipment.dispatchedAt!,
      },
    },
  };
};

/**
 * Publishes the events of a batch of Shipments stream records, in order (see `inOrder`): the
 * first record that fails stops the batch and Lambda retries the shard from it.
 */
export const publishDispatches = (
  records: DynamoDBRecord[],
  publisher: Publisher,
  log: (message: string, error: unknown) => void = () => {},
): Promise<DynamoDBBatchResponse> =>
  inOrder(
    records,
    async (record) => {
      const event = dispatchedEventOf(record);
      if (event) await publisher.publish([event]);
    },
    (sequence, error) => log(`shipment stream record ${sequence} not published`, error),
  );
