import { SqsError, invalidParameter, missingParameter } from './errors';
import type { LocalSqs } from './local-sqs';
import { md5OfAttributes, type MessageAttributeValue } from './md5';
import type { StoredMessage } from './queue';

type Input = Record<string, unknown>;

/** SQS's limit on a message (body and attributes): 1 MiB. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
const MAX_BATCH = 10;

// eslint-disable-next-line no-control-regex
const INVALID_CHARACTERS = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\ud800-\udbff\udc00-\udfff]/u;

const integer = (input: Input, name: string, min: number, max: number): number | undefined => {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalidParameter(
      `Value ${String(value)} for parameter ${name} is invalid. Reason: must be between ${min} and ${max}.`,
    );
  return n;
};

const checkAttributes = (value: unknown): Record<string, MessageAttributeValue> | undefined => {
  if (value === undefined || value === null) return undefined;
  const attributes = value as Record<string, MessageAttributeValue>;
  if (Object.keys(attributes).length > 10)
    throw invalidParameter(
      'Number of message attributes [' + Object.keys(attributes).length + '] exceeds the allowed maximum [10].',
    );
  for (const [name, v] of Object.entries(attributes)) {
    if (!v?.DataType)
      throw invalidParameter(`The message attribute '${name}' must contain non-empty message attribute type.`);
    if (!/^(String|Number|Binary)(\..+)?$/.test(v.DataType))
      throw invalidParameter(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    if (v.StringValue === undefined && v.BinaryValue === undefined)
      throw invalidParameter(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${v.DataType}'.`,
      );
  }
  return Object.keys(attributes).length ? attributes : undefined;
};

const checkBody = (body: unknown, attributes?: Record<string, MessageAttributeValue>): string => {
  if (typeof body !== 'string' || body === '') throw missingParameter('MessageBody');
  if (INVALID_CHARACTERS.test(body))
    throw new SqsError(
      'InvalidMessageContents',
      'Invalid binary character in message body. Characters must be #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.',
    );
  const size =
    Buffer.byteLength(body) +
    Object.entries(attributes ?? {}).reduce(
      (n, [k, v]) =>
        n +
        Buffer.byteLength(k) +
        Buffer.byteLength(v.DataType) +
        Buffer.byteLength(v.StringValue ?? v.BinaryValue ?? ''),
      0,
    );
  if (size > MAX_MESSAGE_BYTES)
    throw invalidParameter(
      `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`,
    );
  return body;
};

/** Which of the asked names to keep: `All`, `.*`, exact names and `prefix.*`. */
const selector = (asked: unknown): ((name: string) => boolean) => {
  const names = Array.isArray(asked) ? asked.map(String) : [];
  return (name) =>
    names.some((n) => n === 'All' || n === '.*' || n === name || (n.endsWith('.*') && name.startsWith(n.slice(0, -1))));
};

const systemAttributes = (m: StoredMessage): Record<string, string | undefined> => ({
  ApproximateReceiveCount: String(m.receiveCount),
  ApproximateFirstReceiveTimestamp: m.firstReceiveTimestamp === undefined ? undefined : String(m.firstReceiveTimestamp),
  SentTimestamp: String(m.sentTimestamp),
  SenderId: 'AIDALOCALCLOUD000000',
  DeadLetterQueueSourceArn: m.deadLetterQueueSourceArn,
});

/** A received message as `ReceiveMessage` answers it, with the attributes asked for. */
const receivedMessage = (m: StoredMessage, input: Input) => {
  const wantSystem = selector([
    ...((input.AttributeNames as unknown[]) ?? []),
    ...((input.MessageSystemAttributeNames as unknown[]) ?? []),
  ]);
  const system = Object.fromEntries(
    Object.entries(systemAttributes(m)).filter(([k, v]) => v !== undefined && wantSystem(k)),
  );
  const wantUser = selector(input.MessageAttributeNames);
  const user = Object.fromEntries(Object.entries(m.messageAttributes ?? {}).filter(([k]) => wantUser(k)));
  const md5 = md5OfAttributes(user);
  return {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
    ...(Object.keys(system).length ? { Attributes: system } : {}),
    ...(md5 ? { MD5OfMessageAttributes: md5, MessageAttributes: user } : {}),
  };
};

/** Checks a batch request's entries as SQS does (1 to 10, distinct ids of letters, digits, `-` and `_`). */
const entriesOf = (input: Input): Input[] => {
  const entries = input.Entries;
  if (!Array.isArray(entries) || entries.length === 0)
    throw new SqsError(
      'EmptyBatchRequest',
      'There should be at least one SendMessageBatchRequestEntry in the request.',
      'AWS.SimpleQueueService.EmptyBatchRequest',
    );
  if (entries.length > MAX_BATCH)
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH}. You have sent ${entries.length}.`,
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    );
  const ids = new Set<string>();
  for (const entry of entries as Input[]) {
    const id = String(entry.Id ?? '');
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(id))
      throw new SqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
        'AWS.SimpleQueueService.InvalidBatchEntryId',
      );
    if (ids.has(id))
      throw new SqsError(
        'BatchEntryIdsNotDistinct',
        `Id ${id} repeated.`,
        'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      );
    ids.add(id);
  }
  return entries as Input[];
};

/** Runs each entry; an entry's `SqsError` becomes a `Failed` member, as SQS answers a batch. */
const batch = <T>(entries: Input[], run: (entry: Input) => T) => {
  const Successful: (T & { Id: string })[] = [];
  const Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: String(entry.Id), ...run(entry) });
    } catch (error) {
      if (!(error instanceof SqsError) || error.type === 'QueueDoesNotExist') throw error;
      Failed.push({
        Id: String(entry.Id),
        Code: error.type,
        Message: error.message,
        SenderFault: error.fault === 'Sender',
      });
    }
  }
  return { Successful, Failed };
};

const QUEUE_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'DelaySeconds',
  'LastModifiedTimestamp',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'QueueArn',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
] as const;

/**
 * The SQS operations the local cloud answers, as `@aws-sdk/client-sqs` calls them (AWS JSON 1.0):
 * each takes the request body and returns the response body.
 */
export const sqsOperations = (sqs: LocalSqs, startedAt = Date.now()): Record<string, (input: Input) => unknown> => {
  const sendOne = (queueUrl: unknown, entry: Input) => {
    const queue = sqs.queue(queueUrl);
    const attributes = checkAttributes(entry.MessageAttributes);
    const body = checkBody(entry.MessageBody, attributes);
    const message = queue.send(body, attributes, integer(entry, 'DelaySeconds', 0, 900));
    return {
      MessageId: message.messageId,
      MD5OfMessageBody: message.md5OfBody,
      ...(message.md5OfMessageAttributes ? { MD5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
    };
  };
  const handleOf = (entry: Input) => {
    if (entry.ReceiptHandle === undefined) throw missingParameter('ReceiptHandle');
    return entry.ReceiptHandle;
  };
  return {
    SendMessage: (input) => sendOne(input.QueueUrl, input),
    SendMessageBatch: (input) => {
      sqs.queue(input.QueueUrl);
      return batch(entriesOf(input), (entry) => sendOne(input.QueueUrl, entry));
    },
    ReceiveMessage: async (input) => {
      sqs.queue(input.QueueUrl);
      const messages = await sqs.receive(String(input.QueueUrl), {
        max: integer(input, 'MaxNumberOfMessages', 1, 10) ?? 1,
        visibilityTimeout: integer(input, 'VisibilityTimeout', 0, 43_200),
        waitTimeSeconds: integer(input, 'WaitTimeSeconds', 0, 20) ?? 0,
      });
      return messages.length ? { Messages: messages.map((m) => receivedMessage(m, input)) } : {};
    },
    DeleteMessage: (input) => {
      sqs.queue(input.QueueUrl).delete(handleOf(input));
      return {};
    },
    DeleteMessageBatch: (input) => {
      const queue = sqs.queue(input.QueueUrl);
      return batch(entriesOf(input), (entry) => {
        queue.delete(handleOf(entry));
        return {};
      });
    },
    ChangeMessageVisibility: (input) => {
      const seconds = integer(input, 'VisibilityTimeout', 0, 43_200);
      if (seconds === undefined) throw missingParameter('VisibilityTimeout');
      sqs.queue(input.QueueUrl).changeVisibility(handleOf(input), seconds);
      return {};
    },
    ChangeMessageVisibilityBatch: (input) => {
      const queue = sqs.queue(input.QueueUrl);
      return batch(entriesOf(input), (entry) => {
        const seconds = integer(entry, 'VisibilityTimeout', 0, 43_200);
        if (seconds === undefined) throw missingParameter('VisibilityTimeout');
        queue.changeVisibility(handleOf(entry), seconds);
        return {};
      });
    },
    GetQueueUrl: (input) => {
      if (typeof input.QueueName !== 'string') throw missingParameter('QueueName');
      return { QueueUrl: sqs.queue(input.QueueName).definition.url };
    },
    GetQueueAttributes: (input) => {
      const summary = sqs.queues().find((q) => q.name === sqs.queue(input.QueueUrl).name)!;
      const want = selector(input.AttributeNames);
      for (const name of (input.AttributeNames as unknown[] | undefined) ?? [])
        if (
          name !== 'All' &&
          !(QUEUE_ATTRIBUTES as readonly unknown[]).includes(name) &&
          ![
            'RedriveAllowPolicy',
            'Policy',
            'KmsMasterKeyId',
            'KmsDataKeyReusePeriodSeconds',
            'FifoQueue',
            'ContentBasedDeduplication',
            'DeduplicationScope',
            'FifoThroughputLimit',
          ].includes(String(name))
        )
          throw new SqsError('InvalidAttributeName', `Unknown Attribute ${String(name)}.`);
      const created = String(Math.floor(startedAt / 1000));
      const all: Record<(typeof QUEUE_ATTRIBUTES)[number], string | undefined> = {
        ApproximateNumberOfMessages: String(summary.messages.visible),
        ApproximateNumberOfMessagesNotVisible: String(summary.messages.notVisible),
        ApproximateNumberOfMessagesDelayed: String(summary.messages.delayed),
        CreatedTimestamp: created,
        DelaySeconds: String(summary.delaySeconds),
        LastModifiedTimestamp: created,
        MaximumMessageSize: String(MAX_MESSAGE_BYTES),
        MessageRetentionPeriod: String(summary.messageRetentionPeriod),
        QueueArn: summary.arn,
        ReceiveMessageWaitTimeSeconds: '0',
        RedrivePolicy: summary.redrivePolicy ? JSON.stringify(summary.redrivePolicy) : undefined,
        SqsManagedSseEnabled: 'false',
        VisibilityTimeout: String(summary.visibilityTimeout),
      };
      const Attributes = Object.fromEntries(Object.entries(all).filter(([k, v]) => v !== undefined && want(k)));
      return Object.keys(Attributes).length ? { Attributes } : {};
    },
    ListQueues: (input) => {
      const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
      const urls = sqs
        .queues()
        .filter((q) => q.name.startsWith(prefix))
        .map((q) => q.url);
      const max = integer(input, 'MaxResults', 1, 1000);
      if (max === undefined) return urls.length ? { QueueUrls: urls.slice(0, 1000) } : {};
      const offset =
        input.NextToken === undefined ? 0 : Number(Buffer.from(String(input.NextToken), 'base64url').toString());
      if (!Number.isInteger(offset) || offset < 0) throw invalidParameter('Invalid NextToken value.');
      const page = urls.slice(offset, offset + max);
      return {
        ...(page.length ? { QueueUrls: page } : {}),
        ...(offset + max < urls.length ? { NextToken: Buffer.from(String(offset + max)).toString('base64url') } : {}),
      };
    },
    PurgeQueue: (input) => {
      sqs.queue(input.QueueUrl).purge();
      return {};
    },
  };
};
