import { RemovalPolicy, aws_dynamodb as dynamodb } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

export interface TableOptions {
  sortKey?: string;
  ttl?: string;
  /** The outbox or a projector reads the committed changes (amplify/events/stream.ts). */
  stream?: boolean;
  /**
   * A system of record: backed up (point-in-time recovery) and kept when its stack is deleted,
   * except in a sandbox. Without it the table is derived or short-lived data, destroyed with the stack.
   */
  record?: { isSandbox: boolean };
}

/** An on-demand table keyed by strings: every table the services own is one. */
export const defineTable = (
  scope: Construct,
  id: string,
  partitionKey: string,
  { sortKey, ttl, stream, record }: TableOptions = {},
) =>
  new dynamodb.Table(scope, id, {
    partitionKey: { name: partitionKey, type: dynamodb.AttributeType.STRING },
    sortKey: sortKey ? { name: sortKey, type: dynamodb.AttributeType.STRING } : undefined,
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: record ? { pointInTimeRecoveryEnabled: true } : undefined,
    timeToLiveAttribute: ttl,
    stream: stream ? dynamodb.StreamViewType.NEW_AND_OLD_IMAGES : undefined,
    removalPolicy: record && !record.isSandbox ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
