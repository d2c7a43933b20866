import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assembly } from '../assembly/assembly';
import { ensureTables, localDynamoDbClient, startDynamoDb, type RunningDynamoDb } from '../dynamodb';
import { LambdaEmulator } from '../lambda';
import { fixtureAssembly } from '../lambda/testing';
import { LocalSqs, sqsNaming } from '../sqs';
import { LocalStreams, StreamArns, type StreamFailureRecord } from '.';
import type { DynamoDbStreamEventRecord } from './records';

const CLOUD = 'http://127.0.0.1:1';

/**
 * Records every batch in `SEEN_FILE`; throws for a batch holding a `poison` item; with
 * `report` items, reports each as failed the first time it sees it (a partial batch response).
 */
const HANDLER = `
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
export const handler = async (event) => {
  const file = process.env.SEEN_FILE;
  const seen = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const keys = event.Records.map((r) => r.dynamodb.Keys.pk.S);
  appendFileSync(file, JSON.stringify(event) + '\\n');
  if (event.Records.some((r) => r.dynamodb.NewImage?.poison)) throw new Error('poison record');
  return {
    batchItemFailures: event.Records.filter((r) => r.dynamodb.NewImage?.report && !seen.includes('"' + r.dynamodb.Keys.pk.S + '"'))
      .map((r) => ({ itemIdentifier: r.dynamodb.SequenceNumber })),
  };
};`;

const SCENARIOS = ['Order', 'Poison', 'Partial', 'Filtered'] as const;
type Scenario = (typeof SCENARIOS)[number];

const table = (name: string) => ({
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    TableName: name,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
  },
});

const mapping = (scenario: Scenario, more: Record<string, unknown>) => ({
  Type: 'AWS::Lambda::EventSourceMapping',
  Properties: {
    FunctionName: { Ref: `${scenario}Fn` },
    EventSourceArn: { 'Fn::GetAtt': [`${scenario}Table`, 'StreamArn'] },
    StartingPosition: 'TRIM_HORIZON',
    ...more,
  },
});

describe('DynamoDB stream event source mappings on DynamoDB Local', () => {
  const work = mkdtempSync(join(tmpdir(), 'cloudshop-streams-'));
  const seenFile = (s: Scenario) => join(work, `${s}.jsonl`);
  const streamArns = new StreamArns();
  let assembly: Assembly;
  let db: RunningDynamoDb;
  let dynamodb: DynamoDBClient;
  let lambda: LambdaEmulator;
  let sqs: LocalSqs;
  let streams: LocalStreams;

  const start = async () => {
    streams = LocalStreams.fromAssembly(assembly, {
      dynamodbEndpoint: db.endpoint,
      lambda,
      sqs,
      checkpointFile: join(work, 'checkpoints.json'),
      pollMs: 50,
      retryBaseMs: 10,
    });
    await streams.start();
  };
  const put = (s: Scenario, pk: string, more: Record<string, unknown> = {}) =>
    dynamodb.send(
      new PutItemCommand({ TableName: `${s.toLowerCase()}-items`, Item: { pk: { S: pk }, ...(more as object) } }),
    );
  const batches = (s: Scenario): { Records: DynamoDbStreamEventRecord[] }[] =>
    existsSync(seenFile(s))
      ? readFileSync(seenFile(s), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  const keys = (s: Scenario) => batches(s).map((b) => b.Records.map((r) => r.dynamodb.Keys.pk.S));

  beforeAll(async () => {
    const resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> = {
      Failures: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'stream-failures' } },
      OrderMapping: mapping('Order', { BatchSize: 3 }),
      PoisonMapping: mapping('Poison', {
        BatchSize: 10,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 1,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Failures', 'Arn'] } } },
      }),
      PartialMapping: mapping('Partial', { BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] }),
      FilteredMapping: mapping('Filtered', {
        FilterCriteria: {
          Filters: [{ Pattern: JSON.stringify({ dynamodb: { NewImage: { kind: { S: ['keep'] } } } }) }],
        },
      }),
    };
    for (const s of SCENARIOS) resources[`${s}Table`] = table(`${s.toLowerCase()}-items`);
    assembly = fixtureAssembly(
      {
        functions: Object.fromEntries(
          SCENARIOS.map((s) => [
            `${s}Fn`,
            {
              files: { 'index.mjs': HANDLER },
              functionName: `${s.toLowerCase()}-fn`,
              environment: { SEEN_FILE: seenFile(s) },
            },
          ]),
        ),
        resources,
      },
      {
        attribute: (r, name) => streamArns.naming.attribute!(r, name) ?? sqsNaming(CLOUD).attribute!(r, name),
        physicalId: (r) => sqsNaming(CLOUD).physicalId!(r),
      },
    );
    db = await startDynamoDb({ dataDir: join(work, 'db'), port: 0 });
    dynamodb = localDynamoDbClient(db.endpoint);
    await ensureTables(assembly, dynamodb);
    await streamArns.load(assembly, dynamodb);
    lambda = LambdaEmulator.fromAssembly(assembly);
    sqs = LocalSqs.fromAssembly(assembly, CLOUD);
    // Written before the mappings start: TRIM_HORIZON reads them in batches of BatchSize.
    for (let i = 1; i <= 7; i++) await put('Order', `o${i}`);
    await start();
  }, 60_000);

  afterAll(async () => {
    await streams?.stop();
    await lambda?.stop();
    await db?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('resolves StreamArn to the table stream DynamoDB Local made', () => {
    const [status] = streams.mappings().filter((m) => m.logicalId === 'OrderMapping');
    expect(status.streamArn).toMatch(/^arn:aws:dynamodb:us-east-1:000000000000:table\/order-items\/stream\/\d{4}-/);
    expect(status.settings).toMatchObject({ batchSize: 3, startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: -1 });
  });

  it('delivers each shard in order, in batches of BatchSize, in the Lambda event shape', async () => {
    await streams.drained();
    expect(keys('Order')).toEqual([['o1', 'o2', 'o3'], ['o4', 'o5', 'o6'], ['o7']]);
    const [first] = batches('Order')[0].Records;
    expect(first).toEqual({
      eventID: expect.any(String),
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'o1' } },
        NewImage: { pk: { S: 'o1' } },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: streams.mappings().find((m) => m.logicalId === 'OrderMapping')!.streamArn,
    });
    expect(streams.metrics().OrderMapping).toMatchObject({ batches: 3, records: 7, retries: 0 });
  });

  it('bisects a failing batch, sends the poison record to the on-failure queue and processes the rest', async () => {
    await streams.stop();
    for (const pk of ['p1', 'p2', 'p3', 'p4']) await put('Poison', pk, pk === 'p3' ? { poison: { BOOL: true } } : {});
    await start();
    await streams.drained();
    const delivered = keys('Poison');
    expect(delivered[0]).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(delivered.filter((b) => !b.includes('p3')).flat()).toEqual(['p1', 'p2', 'p4']);
    expect(delivered.filter((b) => b.length === 1 && b[0] === 'p3')).toHaveLength(2); // tried, retried once
    const [failure] = sqs.messages('stream-failures');
    const body = JSON.parse(failure.body) as StreamFailureRecord;
    const p3 = batches('Poison')
      .flatMap((b) => b.Records)
      .find((r) => r.dynamodb.Keys.pk.S === 'p3')!;
    expect(body).toEqual({
      requestContext: {
        requestId: expect.any(String),
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:poison-fn',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 2,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: expect.any(String),
      DDBStreamBatchInfo: {
        shardId: expect.stringMatching(/^shardId-/),
        startSequenceNumber: p3.dynamodb.SequenceNumber,
        endSequenceNumber: p3.dynamodb.SequenceNumber,
        approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        approximateArrivalOfLastRecord: expect.stringMatching(/Z$/),
        batchSize: 1,
        streamArn: p3.eventSourceARN,
      },
    });
    expect(streams.metrics().PoisonMapping).toMatchObject({ discarded: 1, failuresSent: 1, records: 3 });
  });

  it('retries from the first record a function reports failed (ReportBatchItemFailures)', async () => {
    await streams.stop();
    await put('Partial', 'a');
    await put('Partial', 'b', { report: { BOOL: true } });
    await put('Partial', 'c');
    await start();
    await streams.drained();
    expect(keys('Partial')).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c'],
    ]);
    expect(streams.metrics().PartialMapping).toMatchObject({ partialFailures: 1, retries: 1, records: 3 });
  });

  it('delivers only the records a filter matches', async () => {
    await put('Filtered', 'f1', { kind: { S: 'keep' } });
    await put('Filtered', 'f2', { kind: { S: 'drop' } });
    await put('Filtered', 'f3', { kind: { S: 'keep' } });
    await streams.drained();
    expect(keys('Filtered').flat()).toEqual(['f1', 'f3']);
    expect(streams.metrics().FilteredMapping.filteredOut).toBe(1);
  });

  it('resumes from its checkpoints after a restart without delivering again', async () => {
    await streams.stop();
    await put('Order', 'o8');
    await start();
    await streams.drained();
    expect(keys('Order').slice(-1)).toEqual([['o8']]);
    expect(keys('Order').flat()).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8']);
  });
});
