/** DynamoDB stream event source mappings: the templates' mappings, read from DynamoDB Local's streams. */
export { LocalStreams } from './local-streams';
export type {
  DeliveryLogEntry,
  LocalStreamsOptions,
  MappingMetrics,
  MappingStatus,
  StreamInvoker,
} from './local-streams';
export { MAPPING_TYPE, streamMappingsOf, tableOfStreamArn } from './mappings';
export type { SkippedMapping, StreamMapping } from './mappings';
export { StreamArns, awsStreamArn } from './stream-arns';
export { deliver, firstFailure } from './delivery';
export type { DeliveryContext, DeliveryEvent, Discarded, Invocation, RetryPolicy } from './delivery';
export { failureRecord } from './failure-record';
export type { StreamFailureRecord } from './failure-record';
export { lambdaRecord } from './records';
export type { DynamoDbStreamEventRecord } from './records';
export { streamsRoutes } from './routes';

/** The mappings' checkpoints, under the local cloud's data folder. */
export const STREAM_CHECKPOINTS_FILE = 'streams/checkpoints.json';
