/** The outbox, the local SNS, and the local cloud's own HTTP endpoint (SNS + Lambda Invoke + outbox API). */
export { FileOutbox, extractCode, OUTBOX_FILE } from './outbox';
export { topicsOf, topicFromArn, snsTopicNaming } from './topics';
export type { Topic } from './topics';
export { createCloudServer, startCloudServer } from './cloud-server';
export type { CloudRoute, CloudServerDeps, InvokeBackend, RunningCloudServer } from './cloud-server';
