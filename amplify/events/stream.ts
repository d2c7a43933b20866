import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { correlateRecord, logger } from '../services/shared/observability';
import { EventPublisher, type OutgoingEvent } from './publish';

const imageOf = <T>(image: Record<string, unknown> | undefined) =>
  image ? (unmarshall(image as Record<string, AttributeValue>) as T) : undefined;

/** A stream record's before and after images as plain objects. */
export const imagesOf = <T>(record: DynamoDBRecord): [T | undefined, T | undefined] => [
  imageOf<T>(record.dynamodb?.OldImage),
  imageOf<T>(record.dynamodb?.NewImage),
];

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? '';

/**
 * Applies a batch of stream records in order. The first record that fails stops the batch and is
 * reported (ReportBatchItemFailures), so Lambda retries from it and nothing after it is applied out
 * of order; a record that keeps failing is bisected down to itself and ends in the mapping's
 * on-failure queue. Each record's order is on the log lines written while it is applied.
 */
export const inOrder = async (
  records: DynamoDBRecord[],
  apply: (record: DynamoDBRecord) => Promise<void>,
  report: (sequence: string, error: unknown) => void,
): Promise<DynamoDBBatchResponse> => {
  for (const record of records) {
    correlateRecord(record);
    try {
      await apply(record);
    } catch (error) {
      report(sequenceOf(record), error);
      return { batchItemFailures: [{ itemIdentifier: sequenceOf(record) }] };
    }
  }
  return { batchItemFailures: [] };
};

/**
 * A table's stream as its service's outbox: each record's before and after images become the
 * events `eventsOf` says the change announces, published in order (see `inOrder`).
 */
export const streamOutbox =
  <T>(
    eventsOf: (before: T | undefined, after: T | undefined) => OutgoingEvent[],
    publisher = EventPublisher.fromEnvironment(),
  ) =>
  (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
    inOrder(
      event.Records,
      async (record) => {
        const events = eventsOf(...imagesOf<T>(record));
        if (events.length) await publisher.publish(events);
      },
      (sequence, error) => logger.error('could not publish', { record: sequence, error }),
    );
