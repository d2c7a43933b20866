/**
 * The handler as deployed: configured only through the environment, with real SDK clients that
 * find their endpoints through AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SNS (as in the local
 * cloud). Here both point at a small fake speaking DynamoDB's JSON and SNS's query protocol.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppSyncAuthorizerEvent, Context } from 'aws-lambda';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { seedPolicies } from './policies';
import { API_OPERATIONS } from './test-fakes';
import { startTokenKit, type TokenKit } from './test-tokens';

type Item = Record<string, Record<string, unknown>>;
const tables = new Map<string, Map<string, Item>>();
const calls: { target: string; input: Record<string, unknown> }[] = [];
let aws: Server;
let kit: TokenKit;
let handler: typeof import('./authorizer').handler;

const fakeAws = () =>
  createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') {
      const input = JSON.parse(body);
      calls.push({ target, input });
      const table = tables.get(input.TableName) ?? new Map<string, Item>();
      tables.set(input.TableName, table);
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(value));
      if (target === 'DynamoDB_20120810.GetItem') {
        const item = table.get(JSON.stringify(input.Key));
        return json(200, item ? { Item: item } : {});
      }
      if (target === 'DynamoDB_20120810.PutItem') {
        const key = JSON.stringify({ key: input.Item.key });
        const existing = table.get(key);
        const now = Number(input.ExpressionAttributeValues[':now'].N);
        if (existing && !(Number(existing.expiresAt.N) < now)) {
          return json(400, {
            __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
            message: 'The conditional request failed',
          });
        }
        table.set(key, input.Item);
        return json(200, {});
      }
    }
    const form = new URLSearchParams(body);
    if (form.get('Action') === 'Publish') {
      calls.push({ target: 'SNS.Publish', input: Object.fromEntries(form) });
      return res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult>' +
            '<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>',
        );
    }
    res.writeHead(400).end();
  });

beforeAll(async () => {
  kit = await startTokenKit();
  aws = fakeAws();
  await new Promise<void>((resolve) => aws.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(aws.address() as AddressInfo).port}`;
  const policies = new Map<string, Item>();
  for (const p of seedPolicies) {
    policies.set(JSON.stringify({ id: { S: p.id } }), {
      id: { S: p.id },
      version: { N: String(p.version) },
      description: { S: p.description },
      allowedOperations: { SS: p.allowedOperations },
    });
  }
  tables.set('Policies', policies);
  const env = {
    TOKEN_ISSUER: kit.issuer,
    TOKEN_JWKS_URI: kit.jwksUri,
    USER_POOL_CLIENT_ID: kit.audience,
    ACCESS_POLICIES_TABLE: 'Policies',
    ACCESS_NOTICES_TABLE: 'Notices',
    ACCESS_NOTICE_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:AccessNotices',
    ACCESS_NOTICE_WINDOW_SECONDS: '900',
    API_OPERATIONS: API_OPERATIONS.join(','),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_SNS: endpoint,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  ({ handler } = await import('./authorizer'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await kit.close();
  await new Promise((resolve) => aws.close(resolve));
});

const invoke = (authorizationToken: string, queryString = '{ products { nextToken } }') =>
  handler(
    {
      authorizationToken,
      requestContext: { apiId: 'api', accountId: '000000000000', requestId: 'r', queryString, variables: {} },
      requestHeaders: {},
    } satisfies AppSyncAuthorizerEvent,
    { functionName: 'access-authorizer', awsRequestId: 'req-1' } as Context,
  );

it('authorizes a customer from the policy table and notifies a denied mutation once per window', async () => {
  const token = kit.idToken({ sub: 'user-7', email: 'kim@example.com' });
  const mutation = 'mutation { adminSetProductActive(sku: "s", active: false) { sku } }';

  const first = await invoke(token, mutation);
  expect(first).toMatchObject({
    isAuthorized: true,
    resolverContext: {
      userId: 'user-7',
      email: 'kim@example.com',
      groups: 'customers',
      policyId: 'customers',
      policyVersion: '1',
    },
    deniedFields: expect.arrayContaining(['Mutation.adminSetProductActive', 'Query.listProducts']),
  });
  await invoke(token, mutation);

  expect(calls.map((c) => c.target)).toEqual([
    'DynamoDB_20120810.GetItem',
    'DynamoDB_20120810.PutItem',
    'SNS.Publish',
    'DynamoDB_20120810.PutItem', // the policy is cached; the second notice is refused by the condition
  ]);
  expect(calls[1].input).toMatchObject({
    TableName: 'Notices',
    Item: { key: { S: 'user-7#Mutation.adminSetProductActive' }, userId: { S: 'user-7' } },
    ConditionExpression: 'attribute_not_exists(#k) OR expiresAt < :now',
  });
  expect(calls[2].input).toMatchObject({
    TopicArn: 'arn:aws:sns:us-east-1:000000000000:AccessNotices',
    'MessageAttributes.entry.1.Name': 'userId',
    'MessageAttributes.entry.1.Value.StringValue': 'user-7',
    'MessageAttributes.entry.2.Name': 'operation',
    'MessageAttributes.entry.2.Value.StringValue': 'Mutation.adminSetProductActive',
  });
});

it('answers the guest token and refuses a bad token', async () => {
  expect(await invoke('guest')).toMatchObject({
    isAuthorized: true,
    resolverContext: { policyId: 'guest', userId: 'guest' },
  });
  expect(await invoke('Bearer not-a-token')).toEqual({ isAuthorized: false });
});
