import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTopicsCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Assembly } from '../assembly/assembly';
import { realAssembly } from '../lambda/testing';
import { startCloudServer, type RunningCloudServer } from './cloud-server';
import { extractCode, FileOutbox } from './outbox';
import { snsTopicNaming, topicsOf, type Topic } from './topics';
import { localSdkConfig } from '../ports';

describe('extractCode', () => {
  it('finds a run of exactly six digits', () => {
    expect(extractCode('Your verification code is 042917.')).toBe('042917');
    expect(extractCode('Code: <b>123456</b>')).toBe('123456');
    expect(extractCode('order 1234567 shipped')).toBeUndefined();
    expect(extractCode('12345 only')).toBeUndefined();
    expect(extractCode(undefined)).toBeUndefined();
  });
});

describe('FileOutbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudshop-outbox-'));
  const file = join(dir, 'nested', 'outbox.jsonl');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps emails and SNS messages, appends them to a JSON-lines file, and reloads them', () => {
    const outbox = new FileOutbox(file);
    outbox.recordEmail({ to: 'Ana@Example.com', subject: 'Your code', body: 'Your verification code is 314159' });
    outbox.recordEmail({ to: 'bo@example.com', subject: 'Welcome', body: 'Hello' });
    outbox.recordSns({
      topicArn: 'arn:aws:sns:us-east-1:000000000000:t',
      message: 'denied',
      attributes: { userId: 'u1' },
    });
    expect(outbox.emails({ to: 'ana@example.com' })).toEqual([
      expect.objectContaining({ to: 'Ana@Example.com', code: '314159', sentAt: expect.any(String) }),
    ]);
    expect(outbox.emails({ to: 'bo@example.com' })[0].code).toBeUndefined();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);

    appendFileSync(file, '{"kind":"email","to":"torn'); // a write cut short by a crash
    const reloaded = new FileOutbox(file);
    expect(reloaded.emails()).toEqual(outbox.emails());
    expect(reloaded.sns({ userId: 'u1' })).toEqual(outbox.sns());
    expect(reloaded.sns({ userId: 'u2' })).toEqual([]);

    reloaded.clear();
    expect(reloaded.emails()).toEqual([]);
    expect(new FileOutbox(file).sns()).toEqual([]);
  });
});

describe('the cloud server: SNS (query protocol) and the outbox API', () => {
  let assembly: Assembly;
  let topics: Topic[];
  let server: RunningCloudServer;
  let sns: SNSClient;
  const outbox = new FileOutbox();

  beforeAll(async () => {
    assembly = await realAssembly();
    topics = topicsOf(assembly);
    server = await startCloudServer({ outbox, topics }, { port: 0 });
    sns = new SNSClient(localSdkConfig(server.url));
  }, 180_000);
  afterAll(async () => {
    sns?.destroy();
    await server?.close();
  });
  beforeEach(() => outbox.clear());

  it('knows the topics of the templates', async () => {
    expect(topics.length).toBe(assembly.resources('AWS::SNS::Topic').length);
    expect(topics.length).toBeGreaterThan(0);
    const { Topics } = await sns.send(new ListTopicsCommand({}));
    expect(Topics!.map((t) => t.TopicArn)).toEqual(topics.map((t) => t.arn));
  });

  it('records a Publish from @aws-sdk/client-sns in the outbox, with its attributes', async () => {
    const topic = topics[0];
    const out = await sns.send(
      new PublishCommand({
        TopicArn: topic.arn,
        Subject: 'Access denied',
        Message: JSON.stringify({ operation: 'Mutation.adminCreateProduct', note: 'a < b & c' }),
        MessageAttributes: {
          userId: { DataType: 'String', StringValue: 'user-1' },
          attempts: { DataType: 'Number', StringValue: '3' },
        },
      }),
    );
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outbox.sns()).toEqual([
      {
        topicArn: topic.arn,
        subject: 'Access denied',
        message: JSON.stringify({ operation: 'Mutation.adminCreateProduct', note: 'a < b & c' }),
        attributes: { userId: 'user-1', attempts: '3' },
        sentAt: expect.any(String),
      },
    ]);
  });

  it('accepts the topic under what `Ref` gives a handler, and records it under its ARN', async () => {
    const topic = topics[0];
    for (const alias of topic.aliases) await sns.send(new PublishCommand({ TopicArn: alias, Message: `via ${alias}` }));
    expect(outbox.sns().map((m) => m.topicArn)).toEqual(topic.aliases.map(() => topic.arn));
  });

  it('fails a Publish to a topic the templates do not have with SNS NotFound', async () => {
    const error = await sns
      .send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope', Message: 'x' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'NotFoundException',
      message: 'Topic does not exist',
      $metadata: { httpStatusCode: 404 },
    });
    expect(outbox.sns()).toEqual([]);
  });

  it('serves the outbox: emails by address, SNS by topic and user, and clears it', async () => {
    const topic = topics[0];
    outbox.recordEmail({ to: 'ana@example.com', subject: 'Your code', body: 'Your code is 271828' });
    outbox.recordEmail({ to: 'bo@example.com', subject: 'Hi', body: 'Hello' });
    await sns.send(
      new PublishCommand({
        TopicArn: topic.arn,
        Message: 'one',
        MessageAttributes: { userId: { DataType: 'String', StringValue: 'u1' } },
      }),
    );
    await sns.send(
      new PublishCommand({
        TopicArn: topic.arn,
        Message: 'two',
        MessageAttributes: { userId: { DataType: 'String', StringValue: 'u2' } },
      }),
    );

    const emails = await (await fetch(`${server.url}/outbox/emails?to=ana@example.com`)).json();
    expect(emails).toEqual([
      {
        to: 'ana@example.com',
        subject: 'Your code',
        body: 'Your code is 271828',
        code: '271828',
        sentAt: expect.any(String),
      },
    ]);

    const forU2 = await (
      await fetch(`${server.url}/outbox/sns?topic=${encodeURIComponent(topic.arn)}&userId=u2`)
    ).json();
    expect(forU2).toEqual([
      { topicArn: topic.arn, message: 'two', attributes: { userId: 'u2' }, sentAt: expect.any(String) },
    ]);
    const otherTopic = await (
      await fetch(`${server.url}/outbox/sns?topic=${encodeURIComponent('arn:aws:sns:us-east-1:000000000000:nope')}`)
    ).json();
    expect(otherTopic).toEqual([]);

    expect((await fetch(`${server.url}/outbox`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await fetch(`${server.url}/outbox/emails`)).json()).toEqual([]);
    expect(await (await fetch(`${server.url}/outbox/sns`)).json()).toEqual([]);
  });

  it('answers an unknown function on the Lambda route with ResourceNotFoundException when no emulator is attached', async () => {
    const res = await fetch(`${server.url}/2015-03-31/functions/nope/invocations`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });
});

describe('snsTopicNaming', () => {
  it('makes `Ref` of a topic its ARN, as in CloudFormation', async () => {
    const assembly = await realAssembly(snsTopicNaming);
    for (const resource of assembly.resources('AWS::SNS::Topic')) {
      const ref = assembly.resolve(resource.stack, { Ref: resource.logicalId });
      expect(ref).toMatch(/^arn:aws:sns:us-east-1:000000000000:[^:]+$/);
      expect(assembly.attribute(resource, 'TopicArn')).toBe(ref);
    }
    expect(topicsOf(assembly).every((t) => t.aliases.length === 1)).toBe(true);
  }, 180_000);
});
