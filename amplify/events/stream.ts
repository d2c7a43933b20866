import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { EventPublisher, type OutgoingEvent } from './publish';

const imageOf = <T>(image: Record<string, unknown> | undefined) =>
  image ? (unmarshall(image as Record<string, AttributeValue>) as T) : undefined;

/**
 * A table's stream as its service's outbox: each record's before and after images become the
 * events `eventsOf` says the change announces, published in order. The first record that fails
 * stops the batch and is reported (ReportBatchItemFailures), so Lambda retries from it and nothing
 * after it is published out of order; a record that keeps failing is bisected down to itself and
 * ends in the mapping's on-failure queue.
 */
export const streamOutbox =
  <T>(
    eventsOf: (before: T | undefined, after: T | undefined) => OutgoingEvent[],
    publisher = EventPublisher.fromEnvironment(),
  ) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      try {
        const events = eventsOf(imageOf<T>(record.dynamodb?.OldImage), imageOf<T>(record.dynamodb?.NewImage));
        if (events.length) await publisher.publish(events);
      } catch (error) {
        console.error(
          JSON.stringify({ message: 'could not publish', record: sequenceOf(record), error: String(error) }),
        );
        return { batchItemFailures: [{ itemIdentifier: sequenceOf(record) }] };
      }
    }
    return { batchItemFailures: [] };
  };

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? '';
