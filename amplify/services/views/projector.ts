import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { inOrder } from '../../events/stream';

/**
 * A stream consumer that applies each record to the views, in order (see `inOrder`: the first
 * record that fails stops the batch and is retried). Applying is idempotent, so the records retried
 * after it are harmless.
 */
export const streamProjector =
  (apply: (record: DynamoDBRecord) => Promise<void>) =>
  (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
    inOrder(event.Records, apply, (sequence, error) =>
      console.error(JSON.stringify({ message: 'could not project', record: sequence, error: String(error) })),
    );

/** The table a stream record came from (`arn:aws:dynamodb:…:table/<name>/stream/<label>`). */
export const sourceTableOf = (record: DynamoDBRecord) => record.eventSourceARN?.split(':table/')[1]?.split('/')[0];
