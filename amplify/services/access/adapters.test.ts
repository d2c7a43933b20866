/** The DynamoDB and SNS adapters, against clients whose `send` records the command it is given. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config';
import { noticeLedger } from './notice-ledger';
import { noticeTopic } from './notice-topic';
import { policyTable } from './policy-table';

const client = (reply: (command: unknown) => unknown) => {
  const commands: unknown[] = [];
  return {
    commands,
    // Stands in for any SDK client's `send`; only the command it is given matters here.
    send: (async (command: unknown) => {
      commands.push(command);
      return reply(command);
    }) as never,
  };
};

describe('policyTable', () => {
  it('reads a policy by id, its string set as an array', async () => {
    const dynamodb = client(() => ({
      Item: {
        id: 'customers',
        version: 4,
        description: 'Signed-in shoppers',
        allowedOperations: new Set(['Query.me', 'Query.products']),
      },
    }));
    expect(await policyTable(dynamodb, 'Policies').get('customers')).toEqual({
      id: 'customers',
      version: 4,
      description: 'Signed-in shoppers',
      allowedOperations: ['Query.me', 'Query.products'],
    });
    expect(dynamodb.commands[0]).toBeInstanceOf(GetCommand);
    expect((dynamodb.commands[0] as GetCommand).input).toEqual({ TableName: 'Policies', Key: { id: 'customers' } });
  });

  it('resolves undefined for a missing policy and rejects a malformed one', async () => {
    expect(
      await policyTable(
        client(() => ({})),
        'Policies',
      ).get('gone'),
    ).toBeUndefined();
    const malformed = client(() => ({ Item: { id: 'x', version: '1', allowedOperations: new Set(['Query.me']) } }));
    await expect(policyTable(malformed, 'Policies').get('x')).rejects.toThrow(/malformed/);
  });
});

describe('noticeLedger', () => {
  const slot = { key: 'u#Query.me', userId: 'u', operation: 'Query.me', expiresAt: 1900 };

  it('claims the slot with a conditional put that lets an expired notice be replaced', async () => {
    const dynamodb = client(() => ({}));
    expect(await noticeLedger(dynamodb, 'Notices').claim(slot, 1000)).toBe(true);
    expect((dynamodb.commands[0] as PutCommand).input).toEqual({
      TableName: 'Notices',
      Item: { key: 'u#Query.me', userId: 'u', operation: 'Query.me', expiresAt: 1900, notifiedAt: 1000 },
      ConditionExpression: 'attribute_not_exists(#k) OR expiresAt < :now',
      ExpressionAttributeNames: { '#k': 'key' },
      ExpressionAttributeValues: { ':now': 1000 },
    });
  });

  it('reads a failed condition as "already notified" and passes other errors on', async () => {
    const taken = client(() => {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    });
    expect(await noticeLedger(taken, 'Notices').claim(slot, 1000)).toBe(false);
    const down = client(() => {
      throw new Error('ResourceNotFoundException');
    });
    await expect(noticeLedger(down, 'Notices').claim(slot, 1000)).rejects.toThrow('ResourceNotFoundException');
  });
});

describe('noticeTopic', () => {
  it('publishes the notice with userId and operation as String attributes', async () => {
    const sns = client(() => ({ MessageId: 'm-1' }));
    await noticeTopic(sns, 'arn:aws:sns:eu-west-1:1:notices').send({
      userId: 'u',
      operation: 'Query.me',
      subject: 'S',
      message: 'M',
    });
    expect(sns.commands[0]).toBeInstanceOf(PublishCommand);
    expect((sns.commands[0] as PublishCommand).input).toEqual({
      TopicArn: 'arn:aws:sns:eu-west-1:1:notices',
      Subject: 'S',
      Message: 'M',
      MessageAttributes: {
        userId: { DataType: 'String', StringValue: 'u' },
        operation: { DataType: 'String', StringValue: 'Query.me' },
      },
    });
  });
});

describe('configFromEnv', () => {
  const env = {
    TOKEN_ISSUER: 'http://127.0.0.1:9229/local_pool',
    TOKEN_JWKS_URI: 'http://127.0.0.1:9229/local_pool/.well-known/jwks.json',
    USER_POOL_CLIENT_ID: 'client',
    ACCESS_POLICIES_TABLE: 'Policies',
    ACCESS_NOTICES_TABLE: 'Notices',
    ACCESS_NOTICE_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:notices',
    ACCESS_NOTICE_WINDOW_SECONDS: '900',
    API_OPERATIONS: 'Query.me, Query.products,,Mutation.adminCreateProduct',
  };

  it('reads every setting', () => {
    expect(configFromEnv(env)).toEqual({
      token: { issuer: env.TOKEN_ISSUER, audience: 'client', jwksUri: env.TOKEN_JWKS_URI },
      policiesTable: 'Policies',
      noticesTable: 'Notices',
      noticeTopicArn: env.ACCESS_NOTICE_TOPIC_ARN,
      noticeWindowSeconds: 900,
      operations: ['Query.me', 'Query.products', 'Mutation.adminCreateProduct'],
      maxTtlSeconds: undefined,
    });
    expect(configFromEnv({ ...env, AUTHORIZER_CACHE_TTL_SECONDS: '300' }).maxTtlSeconds).toBe(300);
  });

  it('names every missing setting, and refuses a malformed window', () => {
    expect(() => configFromEnv({ ...env, TOKEN_ISSUER: undefined, API_OPERATIONS: ' ' })).toThrow(
      'missing environment TOKEN_ISSUER, API_OPERATIONS',
    );
    expect(() => configFromEnv({ ...env, ACCESS_NOTICE_WINDOW_SECONDS: '15m' })).toThrow(/positive integer/);
  });
});
