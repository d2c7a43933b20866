import { createHash } from 'node:crypto';
import { LOCAL_ACCOUNT, LOCAL_REGION, type Assembly, type Naming, type Resource } from '../assembly/assembly';

export const QUEUE_TYPE = 'AWS::SQS::Queue';

/** SQS's defaults for a queue created without the attribute. */
export const DEFAULTS = { visibilityTimeout: 30, messageRetentionPeriod: 345_600, delaySeconds: 0 } as const;

export interface RedrivePolicy {
  /** The dead-letter queue's ARN. */
  deadLetterTargetArn: string;
  /** Receives after which the next receive moves the message to the dead-letter queue instead. */
  maxReceiveCount: number;
}

/** A standard queue of the templates, as the local SQS keeps it. */
export interface QueueDefinition {
  readonly name: string;
  /** `http://<cloud host:port>/<account>/<name>` (`Ref`). */
  readonly url: string;
  /** `arn:aws:sqs:<region>:<account>:<name>` (`Fn::GetAtt Arn`). */
  readonly arn: string;
  readonly logicalId?: string;
  /** Seconds. */
  readonly visibilityTimeout: number;
  /** Seconds. */
  readonly messageRetentionPeriod: number;
  /** Seconds. */
  readonly delaySeconds: number;
  readonly redrivePolicy?: RedrivePolicy;
}

export const queueArn = (name: string): string => `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${name}`;
export const queueUrl = (cloudUrl: string, name: string): string =>
  `${cloudUrl.replace(/\/$/, '')}/${LOCAL_ACCOUNT}/${name}`;

/**
 * The queue's name: its `QueueName`, or one made as CloudFormation makes it (`<stack>-<logicalId>-<suffix>`,
 * at most 80 characters), with a suffix derived from stack and logical id so it is the same on every start.
 */
export const queueNameOf = (r: Resource): string => {
  if (typeof r.properties.QueueName === 'string') return r.properties.QueueName;
  const suffix = createHash('sha256').update(`${r.stack.name}/${r.logicalId}`).digest('hex').slice(0, 12).toUpperCase();
  const base = `${r.stack.name}-${r.logicalId}`.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 80 - suffix.length - 1);
  return `${base}-${suffix}`;
};

/**
 * A `Naming` (for `new Assembly(dir, naming)`) under which an `AWS::SQS::Queue` is named as in
 * CloudFormation: `Ref` is its URL on the local cloud, `Arn`, `QueueName` and `QueueUrl` its attributes.
 */
export const sqsNaming = (cloudUrl: string): Naming => ({
  physicalId: (r) => (r.type === QUEUE_TYPE ? queueUrl(cloudUrl, queueNameOf(r)) : undefined),
  attribute: (r, name) => {
    if (r.type !== QUEUE_TYPE) return undefined;
    if (name === 'Arn') return queueArn(queueNameOf(r));
    if (name === 'QueueName') return queueNameOf(r);
    if (name === 'QueueUrl') return queueUrl(cloudUrl, queueNameOf(r));
    return undefined;
  },
});

const seconds = (value: unknown, fallback: number, what: string, max: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`${what} must be an integer from 0 to ${max}`);
  return n;
};

/** A `RedrivePolicy` as CloudFormation takes it: an object, or its JSON text. */
export const redrivePolicyOf = (value: unknown): RedrivePolicy | undefined => {
  if (value === undefined) return undefined;
  const p = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
  const maxReceiveCount = Number(p.maxReceiveCount);
  if (typeof p.deadLetterTargetArn !== 'string' || !Number.isInteger(maxReceiveCount) || maxReceiveCount < 1)
    throw new Error('RedrivePolicy needs deadLetterTargetArn and a maxReceiveCount of at least 1');
  return { deadLetterTargetArn: p.deadLetterTargetArn, maxReceiveCount };
};

/** Every `AWS::SQS::Queue` of the templates. A FIFO queue stops the start: it is not emulated. */
export const queuesOf = (assembly: Assembly, cloudUrl: string): QueueDefinition[] =>
  assembly.resources(QUEUE_TYPE).map((resource) => {
    const name = queueNameOf(resource);
    const p = assembly.properties(resource);
    if (p.FifoQueue === true || p.FifoQueue === 'true' || name.endsWith('.fifo'))
      throw new Error(`queue ${resource.logicalId} is a FIFO queue: the local SQS runs standard queues only`);
    const redrivePolicy = redrivePolicyOf(p.RedrivePolicy);
    return {
      name,
      url: queueUrl(cloudUrl, name),
      arn: queueArn(name),
      logicalId: resource.logicalId,
      visibilityTimeout: seconds(p.VisibilityTimeout, DEFAULTS.visibilityTimeout, 'VisibilityTimeout', 43_200),
      messageRetentionPeriod: seconds(
        p.MessageRetentionPeriod,
        DEFAULTS.messageRetentionPeriod,
        'MessageRetentionPeriod',
        1_209_600,
      ),
      delaySeconds: seconds(p.DelaySeconds, DEFAULTS.delaySeconds, 'DelaySeconds', 900),
      ...(redrivePolicy ? { redrivePolicy } : {}),
    };
  });
