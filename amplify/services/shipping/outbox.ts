import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { eventIdOf, type EventPublisher, type OutgoingEvent } from '../../events/publish';
import type { Shipment } from './shipment';

/** What the outbox needs of `EventPublisher` (a fake in tests). */
export type Publisher = Pick<EventPublisher, 'publish'>;

const imageOf = (image: Record<string, unknown> | undefined): Partial<Shipment> | undefined =>
  image && (unmarshall(image as Record<string, AttributeValue>) as Partial<Shipment>);

/**
 * The `ShipmentDispatched` event a stream record stands for: only a write that made the shipment
 * DISPATCHED (its old image was not). Its id is derived from the shipment's version, so that the
 * record redelivered publishes the same event again, which consumers drop as a repeat.
 */
export const dispatchedEventOf = (record: DynamoDBRecord): OutgoingEvent<'ShipmentDispatched'> | undefined => {
  const next = imageOf(record.dynamodb?.NewImage);
  const previous = imageOf(record.dynamodb?.OldImage);
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
 * Publishes the events of a batch of Shipments stream records, in order. At the first record that
 * fails, stops and reports it: Lambda retries the shard from that record, so the ones after it come
 * again anyway (and the ones before are not published twice).
 */
export const publishDispatches = async (
  records: DynamoDBRecord[],
  publisher: Publisher,
  log: (message: string, error: unknown) => void = () => {},
): Promise<DynamoDBBatchResponse> => {
  for (const record of records) {
    try {
      const event = dispatchedEventOf(record);
      if (event) await publisher.publish([event]);
    } catch (error) {
      log(`shipment stream record ${record.dynamodb?.SequenceNumber} not published`, error);
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};
