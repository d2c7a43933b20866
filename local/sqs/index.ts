/** The local SQS: the standard queues of the templates, the SQS API on the cloud server, and a programmatic API. */
export { LocalSqs } from './local-sqs';
export type { QueueSummary, ReceiveOptions, SendAttribute, SqsMetrics } from './local-sqs';
export { DEFAULTS, QUEUE_TYPE, queueArn, queueNameOf, queueUrl, queuesOf, redrivePolicyOf, sqsNaming } from './queues';
export type { QueueDefinition, RedrivePolicy } from './queues';
export type { QueueCounts, QueueMetrics, StoredMessage } from './queue';
export { md5OfAttributes, md5OfBody } from './md5';
export type { MessageAttributeValue } from './md5';
export { SqsError } from './errors';
export { sqsOperations, MAX_MESSAGE_BYTES } from './api';
export { sqsRoutes } from './routes';

/** Where the local cloud keeps the queues' messages, under its data folder. */
export const SQS_DIR = 'sqs';
