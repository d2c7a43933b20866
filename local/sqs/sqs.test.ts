import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureAssembly } from '../lambda/testing';
import { LocalSqs, md5OfAttributes, md5OfBody, queueArn, queuesOf, sqsNaming, type QueueDefinition } from '.';

const CLOUD = 'http://127.0.0.1:4010';
const def = (name: string, more: Partial<QueueDefinition> = {}): QueueDefinition => ({
  name,
  url: `${CLOUD}/000000000000/${name}`,
  arn: queueArn(name),
  visibilityTimeout: 30,
  messageRetentionPeriod: 345_600,
  delaySeconds: 0,
  ...more,
});

describe('MD5 as SQS computes it', () => {
  it('of the body', () => expect(md5OfBody('hello')).toBe('5d41402abc4b2a76b9719d911017c592'));
  it('of the attributes (published vectors)', () => {
    expect(md5OfAttributes({ SellerName: { DataType: 'String', StringValue: 'Example Store' } })).toBe(
      'cd28f3b68aeee4b2eac9c66f2f694b58',
    );
    expect(md5OfAttributes({ timestamp: { DataType: 'Number', StringValue: '1493147359900' } })).toBe(
      '235c5c510d26fb653d073faed50ae77c',
    );
    expect(
      md5OfAttributes({
        ordinal: { DataType: 'Number', StringValue: '1' },
        category: { DataType: 'String', StringValue: 'test' },
      }),
    ).toBe('d21ae90c49061e927f57df5f5d72be1f');
    expect(md5OfAttributes({})).toBeUndefined();
  });
});

describe('queues from the templates', () => {
  const assembly = fixtureAssembly(
    {
      resources: {
        Dlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'dead-letters', MessageRetentionPeriod: 1_209_600 } },
        Work: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            VisibilityTimeout: 60,
            DelaySeconds: 2,
            RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 3 },
          },
        },
        Echo: {
          Type: 'AWS::SSM::Parameter',
          Properties: { Value: { 'Fn::Join': ['|', [{ Ref: 'Work' }, { 'Fn::GetAtt': ['Work', 'QueueName'] }]] } },
        },
      },
    },
    sqsNaming(CLOUD),
  );

  it('names them as CloudFormation does: Ref is the URL, Arn and QueueName their attributes', () => {
    const [dlq, work] = queuesOf(assembly, CLOUD);
    expect(dlq).toMatchObject({
      name: 'dead-letters',
      url: `${CLOUD}/000000000000/dead-letters`,
      arn: 'arn:aws:sqs:us-east-1:000000000000:dead-letters',
      messageRetentionPeriod: 1_209_600,
      visibilityTimeout: 30,
    });
    expect(work.name).toMatch(/^fixture-Work-[0-9A-F]{12}$/);
    expect(work).toMatchObject({
      visibilityTimeout: 60,
      delaySeconds: 2,
      redrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 },
    });
    const echo = assembly.properties<{ Value: string }>(assembly.resources('AWS::SSM::Parameter')[0]);
    expect(echo.Value).toBe(`${work.url}|${work.name}`);
  });

  it('refuses a FIFO queue', () => {
    const fifo = fixtureAssembly({
      resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders.fifo', FifoQueue: true } } },
    });
    expect(() => queuesOf(fifo, CLOUD)).toThrow(/FIFO queue: the local SQS runs standard queues only/);
  });
});

describe('LocalSqs', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.useRealTimers();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('hides a received message for the visibility timeout and counts its receives', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const sqs = new LocalSqs([def('q', { visibilityTimeout: 10 })]);
    sqs.send('q', 'one', { kind: 'test' });
    const [first] = await sqs.receive('q');
    expect(first).toMatchObject({ body: 'one', receiveCount: 1, messageAttributes: { kind: { StringValue: 'test' } } });
    expect(await sqs.receive('q')).toEqual([]);
    expect(sqs.queues()[0].messages).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    vi.advanceTimersByTime(10_000);
    const [again] = await sqs.receive('q');
    expect(again.receiveCount).toBe(2);
    sqs.queue('q').delete(first.receiptHandle); // stale: deletes nothing
    expect(sqs.messages('q')).toHaveLength(1);
    sqs.queue('q').delete(again.receiptHandle);
    expect(sqs.messages('q')).toEqual([]);
  });

  it('moves a message received maxReceiveCount times to the dead-letter queue, and redrives it back', async () => {
    const dlq = def('dlq');
    const sqs = new LocalSqs([
      def('q', { visibilityTimeout: 0, redrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 } }),
      dlq,
    ]);
    const sent = sqs.send(queueArn('q'), 'poison');
    expect(await sqs.receive('q')).toHaveLength(1);
    expect(await sqs.receive('q')).toHaveLength(1);
    expect(await sqs.receive('q')).toEqual([]);
    expect(sqs.messages('dlq')).toMatchObject([
      { messageId: sent.messageId, body: 'poison', receiveCount: 2, deadLetterQueueSourceArn: queueArn('q') },
    ]);
    expect(sqs.metrics().queues.q.deadLettered).toBe(1);
    expect(sqs.redrive('dlq')).toBe(1);
    expect(sqs.messages('q')).toMatchObject([{ messageId: sent.messageId, receiveCount: 0 }]);
  });

  it('keeps messages across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqs-'));
    dirs.push(dir);
    const first = new LocalSqs([def('q')], { dir });
    first.send('q', 'kept');
    first.stop();
    const second = new LocalSqs([def('q')], { dir });
    expect(second.messages('q').map((m) => m.body)).toEqual(['kept']);
  });

  it('answers a long poll when a message arrives', async () => {
    const sqs = new LocalSqs([def('q')]);
    const started = Date.now();
    const polled = sqs.receive('q', { waitTimeSeconds: 5 });
    setTimeout(() => sqs.send('q', 'late'), 100);
    expect((await polled).map((m) => m.body)).toEqual(['late']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses an unknown queue', () => {
    const sqs = new LocalSqs([def('q')]);
    expect(() => sqs.send('nope', 'x')).toThrow('The specified queue does not exist.');
  });
});
