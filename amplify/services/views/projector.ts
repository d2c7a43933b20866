import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { inOrder } from '../../events/stream';
import { METRICS } from '../../observability/metrics';
import { logger, milliseconds } from '../shared/observability';

/** How long ago the batch's oldest change was written (stream times are whole seconds). */
const lagOf = (records: DynamoDBRecord[], now: number) =>
  Math.max(0, ...records.map((r) => now - (r.dynamodb?.ApproximateCreationDateTime ?? now / 1000) * 1000));

/**
 * A stream consumer that applies each record to the views, in order (see `inOrder`: the first
 * record that fails stops the batch and is retried). Applying is idempotent, so the records retried
 * after it are harmless. ProjectionLag is the batch's largest age at the time it is applied.
 */
export const streamProjector =
  (apply: (record: DynamoDBRecord) => Promise<void>) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    if (event.Records.length) milliseconds(METRICS.ProjectionLag, lagOf(event.Records, Date.now()));
    return inOrder(event.Records, apply, (sequence, error) =>
      logger.error('could not project', { record: sequence, error }),
    );
  };

/** The table a stream record came from (`arn:aws:dynamodb:…:table/<name>/stream/<label>`). */
export const sourceTableOf = (record: DynamoDBRecord) => record.eventSourceARN?.split(':table/')[1]?.split('/')[0];
