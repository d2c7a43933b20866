import { beforeAll, describe, expect, it } from 'vitest';
import { Assembly, type Resource } from '../../../local/assembly/assembly';
import { synth } from '../../../local/assembly/synth';
import { readApi, type ApiDefinition, type JsPlan } from '../../../local/appsync/definition';
import { runJsPipeline } from '../../../local/appsync/js-runtime';
import { seedPolicies } from '../access/policies';

let assembly: Assembly;
let api: ApiDefinition;

beforeAll(() => {
  assembly = new Assembly(synth().dir);
  api = readApi(assembly);
}, 180_000);

type Loose = Record<string, unknown>;
const publisher = () =>
  assembly.resources('AWS::Lambda::Function').find((f) => /^livepublishorders/i.test(f.logicalId))!;
const refersTo = (value: unknown, resource: Resource) => JSON.stringify(value).includes(`"${resource.logicalId}"`);

describe('live order status: the API', () => {
  it('has publishOrderUpdate for IAM callers and onOrderUpdated on it for Lambda-authorized ones', () => {
    expect(api.additionalAuthenticationTypes).toContain('AWS_IAM');
    const line = (field: string) => api.sdl.split('\n').find((l) => l.trim().startsWith(`${field}(`))!;
    expect(line('publishOrderUpdate')).toMatch(/\): OrderUpdate! .*@aws_iam/);
    expect(line('onOrderUpdated')).toMatch(
      /^\s*onOrderUpdated\(orderId: ID!\): OrderUpdate! @aws_subscribe\(mutations: \["publishOrderUpdate"\]\)/,
    );
    expect(line('onOrderUpdated')).toMatch(/@aws_lambda/);
  });

  it('lets customers and admins subscribe, and no policy run the publish mutation', () => {
    const allows = (id: string, op: string) => seedPolicies.find((p) => p.id === id)!.allowedOperations.includes(op);
    expect(['guest', 'customers', 'admins'].map((id) => allows(id, 'Subscription.onOrderUpdated'))).toEqual([
      false,
      true,
      true,
    ]);
    expect(seedPolicies.some((p) => p.allowedOperations.includes('Mutation.publishOrderUpdate'))).toBe(false);
  });

  it('runs both on a NONE data source: the publish refuses non-IAM callers, the subscription filters on the owner', () => {
    const publish = api.resolvers.get('Mutation.publishOrderUpdate') as JsPlan;
    const subscribe = api.resolvers.get('Subscription.onOrderUpdated') as JsPlan;
    for (const plan of [publish, subscribe])
      expect(plan).toMatchObject({ kind: 'js', functions: [{ dataSourceType: 'NONE' }] });
    const ctx = (fieldName: string, parentTypeName: string, identity: Loose) => ({
      arguments: { orderId: 'o-1' },
      identity,
      source: null,
      request: { headers: {}, domainName: null },
      info: { fieldName, parentTypeName, variables: {} },
    });
    expect(() =>
      runJsPipeline(publish.code, publish.functions, 'Lambda Authorization', ctx('publishOrderUpdate', 'Mutation', {})),
    ).toThrow(/Not Authorized/);
    const { subscriptionFilter } = runJsPipeline(
      subscribe.code,
      subscribe.functions,
      'Lambda Authorization',
      ctx('onOrderUpdated', 'Subscription', { resolverContext: { userId: 'u-1', policyId: 'customers' } }),
    );
    expect(subscriptionFilter?.filterGroup).toEqual([
      {
        filters: [
          { fieldName: 'orderId', operator: 'eq', value: 'o-1' },
          { fieldName: 'userId', operator: 'eq', value: 'u-1' },
        ],
      },
    ]);
  });
});

describe('live order status: the publisher', () => {
  it('is told the API’s endpoint and may call publishOrderUpdate, and no other GraphQL field', () => {
    const fn = publisher();
    const graphqlApi = assembly.resources('AWS::AppSync::GraphQLApi')[0];
    const variables = (fn.properties.Environment as { Variables: Loose }).Variables;
    expect(variables.GRAPHQL_ENDPOINT).toEqual({ 'Fn::GetAtt': [graphqlApi.logicalId, 'GraphQLUrl'] });

    const statements = assembly
      .resources('AWS::IAM::Policy')
      .filter((p) => JSON.stringify(p.properties.Roles).includes('livepublishorders'))
      .flatMap((p) => (p.properties.PolicyDocument as { Statement: Loose[] }).Statement);
    const appsync = statements.filter((s) => [s.Action].flat().some((a) => String(a).startsWith('appsync:')));
    expect(appsync).toHaveLength(1);
    expect(appsync[0].Action).toBe('appsync:GraphQL');
    expect(refersTo(appsync[0].Resource, graphqlApi)).toBe(true);
    expect(JSON.stringify(appsync[0].Resource)).toMatch(/"\/types\/Mutation\/fields\/publishOrderUpdate"\]\]\}$/);
  });

  it('reads the Orders stream with the same resilience as every other stream mapping', () => {
    const mappings = assembly.resources('AWS::Lambda::EventSourceMapping').map((m) => assembly.properties<Loose>(m));
    const live = mappings.filter((m) => /livepublishorders/i.test(JSON.stringify(m.FunctionName)));
    expect(live).toHaveLength(1);
    expect(String(live[0].EventSourceArn)).toMatch(/Orders[0-9A-F]{8}\//);
    const resilience = (m: Loose) => ({
      StartingPosition: m.StartingPosition,
      BatchSize: m.BatchSize,
      BisectBatchOnFunctionError: m.BisectBatchOnFunctionError,
      MaximumRetryAttempts: m.MaximumRetryAttempts,
      MaximumRecordAgeInSeconds: m.MaximumRecordAgeInSeconds,
      FunctionResponseTypes: m.FunctionResponseTypes,
    });
    const outbox = mappings.find((m) => /orderspublish/i.test(JSON.stringify(m.FunctionName)))!;
    expect(resilience(live[0])).toEqual(resilience(outbox));
    expect(live[0].DestinationConfig).toMatchObject({
      OnFailure: { Destination: expect.stringMatching(/^arn:aws:sqs:/) },
    });
  });
});
