import type { Discarded } from './delivery';

/** What Lambda sends an on-failure destination for records of a DynamoDB stream it gave up on. */
export interface StreamFailureRecord {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: Discarded['condition'];
    approximateInvokeCount: number;
  };
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

/** `2019-11-14T00:13:19Z`: the record's creation time, to the second, as the documented example writes it. */
const arrival = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The invocation record of the Lambda guide ("Retaining discarded records for a DynamoDB event
 * source"): metadata only, the records themselves stay in the stream. `functionError` is set when
 * the last invocation threw; a batch given up on after partial failures (or before any invocation)
 * has none.
 */
export const failureRecord = (
  discarded: Discarded,
  at: { functionArn: string; shardId: string; streamArn: string; requestId: string; now: Date },
): StreamFailureRecord => {
  const { records } = discarded;
  const first = records[0].dynamodb;
  const last = records[records.length - 1].dynamodb;
  return {
    requestContext: {
      requestId: discarded.last?.requestId ?? at.requestId,
      functionArn: at.functionArn,
      condition: discarded.condition,
      approximateInvokeCount: discarded.invokeCount,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: '$LATEST',
      ...(discarded.last?.error ? { functionError: 'Unhandled' } : {}),
    },
    version: '1.0',
    timestamp: at.now.toISOString(),
    DDBStreamBatchInfo: {
      shardId: at.shardId,
      startSequenceNumber: first.SequenceNumber,
      endSequenceNumber: last.SequenceNumber,
      approximateArrivalOfFirstRecord: arrival(first.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: arrival(last.ApproximateCreationDateTime),
      batchSize: records.length,
      streamArn: at.streamArn,
    },
  };
};
