import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileOutbox, startCloudServer, type RunningCloudServer } from '../sns';
import { LocalSqs, queueArn, queueUrl, sqsRoutes, type QueueDefinition } from '.';
import { localSdkConfig } from '../ports';

/** The SQS API through the SDK's own client: protocol, MD5 checks, errors and long polling. */
describe('SQS API through @aws-sdk/client-sqs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sqs-int-'));
  let server: RunningCloudServer;
  let client: SQSClient;
  let sqs: LocalSqs;
  let work: string;
  let dlq: string;

  beforeAll(async () => {
    // The queue URLs need the port, and the server needs the queues: reserve the port with a first start.
    const probe = await startCloudServer({ outbox: new FileOutbox(join(dir, 'o.jsonl')) }, { port: 0 });
    const port = probe.port;
    await probe.close();
    const cloud = `http://127.0.0.1:${port}`;
    const q = (name: string, more: Partial<QueueDefinition> = {}): QueueDefinition => ({
      name,
      url: queueUrl(cloud, name),
      arn: queueArn(name),
      visibilityTimeout: 30,
      messageRetentionPeriod: 345_600,
      delaySeconds: 0,
      ...more,
    });
    sqs = new LocalSqs(
      [q('work', { redrivePolicy: { deadLetterTargetArn: queueArn('work-dlq'), maxReceiveCount: 2 } }), q('work-dlq')],
      { dir },
    );
    server = await startCloudServer({ outbox: new FileOutbox(join(dir, 'o.jsonl')), routes: sqsRoutes(sqs) }, { port });
    client = new SQSClient(localSdkConfig(server.url));
    work = queueUrl(cloud, 'work');
    dlq = queueUrl(cloud, 'work-dlq');
  });
  afterAll(async () => {
    sqs.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds queues by name and lists them', async () => {
    expect((await client.send(new GetQueueUrlCommand({ QueueName: 'work' }))).QueueUrl).toBe(work);
    expect((await client.send(new ListQueuesCommand({ QueueNamePrefix: 'work' }))).QueueUrls).toEqual([work, dlq]);
    const missing = client.send(new GetQueueUrlCommand({ QueueName: 'nope' }));
    await expect(missing).rejects.toBeInstanceOf(QueueDoesNotExist);
    await expect(missing).rejects.toMatchObject({ Code: 'AWS.SimpleQueueService.NonExistentQueue' });
  });

  it('sends and receives with MD5s the SDK accepts, attributes and the receive count', async () => {
    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl: work,
        MessageBody: 'héllo ✓',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } },
      }),
    );
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    const { Messages } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: work,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
        VisibilityTimeout: 1,
      }),
    );
    expect(Messages).toHaveLength(1);
    const [m] = Messages!;
    expect(m).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'héllo ✓',
      MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } },
      Attributes: { ApproximateReceiveCount: '1' },
    });
    expect(Number(m.Attributes!.SentTimestamp)).toBeGreaterThan(Date.now() - 10_000);
    // Invisible for its 1 s visibility timeout, then back with a second receive.
    expect((await client.send(new ReceiveMessageCommand({ QueueUrl: work }))).Messages).toBeUndefined();
    const attrs = await client.send(new GetQueueAttributesCommand({ QueueUrl: work, AttributeNames: ['All'] }));
    expect(attrs.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '1',
    });
    const again = await client.send(
      new ReceiveMessageCommand({ QueueUrl: work, WaitTimeSeconds: 3, MessageSystemAttributeNames: ['All'] }),
    );
    expect(again.Messages![0].Attributes!.ApproximateReceiveCount).toBe('2');
    await client.send(new DeleteMessageCommand({ QueueUrl: work, ReceiptHandle: again.Messages![0].ReceiptHandle }));
    expect(sqs.messages('work')).toEqual([]);
  });

  it('long polls until a message arrives', async () => {
    const started = Date.now();
    const polled = client.send(new ReceiveMessageCommand({ QueueUrl: work, WaitTimeSeconds: 10 }));
    setTimeout(() => sqs.send(work, 'arrived'), 300);
    const { Messages } = await polled;
    expect(Messages?.[0].Body).toBe('arrived');
    expect(Date.now() - started).toBeLessThan(5000);
    await client.send(new DeleteMessageCommand({ QueueUrl: work, ReceiptHandle: Messages![0].ReceiptHandle }));
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', async () => {
    await client.send(new SendMessageCommand({ QueueUrl: work, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl: work }));
      expect(Messages![0].Body).toBe('poison');
      await client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: work,
          ReceiptHandle: Messages![0].ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    }
    expect((await client.send(new ReceiveMessageCommand({ QueueUrl: work }))).Messages).toBeUndefined();
    const { Messages } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: dlq, MessageSystemAttributeNames: ['All'] }),
    );
    expect(Messages![0]).toMatchObject({
      Body: 'poison',
      Attributes: { DeadLetterQueueSourceArn: queueArn('work'), ApproximateReceiveCount: '3' },
    });
    await client.send(new PurgeQueueCommand({ QueueUrl: dlq }));
  });

  it('sends and deletes in batches, reporting failed entries', async () => {
    const sent = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: work,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'two', DelaySeconds: 0 },
          { Id: 'c', MessageBody: 'bad \u0001 char' },
        ],
      }),
    );
    expect(sent.Successful!.map((e) => e.Id)).toEqual(['a', 'b']);
    expect(sent.Failed).toMatchObject([{ Id: 'c', Code: 'InvalidMessageContents', SenderFault: true }]);
    const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl: work, MaxNumberOfMessages: 10 }));
    expect(Messages!.map((m) => m.Body)).toEqual(['one', 'two']);
    const deleted = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: work,
        Entries: Messages!.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    expect(deleted.Successful).toHaveLength(2);
    expect(sqs.messages('work')).toEqual([]);
  });
});
