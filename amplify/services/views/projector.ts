import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * A stream consumer that applies each record to the views, in order. The first record that fails
 * stops the batch and is reported (ReportBatchItemFailures): Lambda retries from it, bisects down to
 * it and finally sends it to the mapping's on-failure queue. Applying is idempotent, so the records
 * retried after it are harmless.
 */
export const streamProjector =
  (apply: (record: DynamoDBRecord) => Promise<void>) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      try {
        await apply(record);
      } catch (error) {
        const itemIdentifier = record.dynamodb?.SequenceNumber ?? '';
        console.error(JSON.stringify({ message: 'could not project', record: itemIdentifier, error: String(error) }));
        return { batchItemFailures: [{ itemIdentifier }] };
      }
    }
    return { batchItemFailures: [] };
  };

/** The table a stream record came from (`arn:aws:dynamodb:…:table/<name>/stream/<label>`). */
export const sourceTableOf = (record: DynamoDBRecord) => record.eventSourceARN?.split(':table/')[1]?.split('/')[0];
