import { describe, expect, it } from 'vitest';
import { fixtureAssembly } from '../lambda/testing';
import { eventBusNaming, eventBusesOf } from './buses';
import { asyncInvokeConfigsOf } from './invoke-configs';
import { rulesOf } from './rules';

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:notify';
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:dlq';

const load = (resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>) => {
  const assembly = fixtureAssembly(
    { resources: { Shop: { Type: 'AWS::Events::EventBus', Properties: { Name: 'shop' } }, ...resources } },
    eventBusNaming,
  );
  return { assembly, ...rulesOf(assembly, eventBusesOf(assembly)) };
};

const rule = (properties: Record<string, unknown>) => ({ Type: 'AWS::Events::Rule', Properties: properties });

describe('rules of the templates', () => {
  it('reads enabled rules with a pattern, their bus (Ref, name, ARN or default) and their targets', () => {
    const { rules, skipped } = load({
      OnShop: rule({
        EventBusName: { Ref: 'Shop' },
        EventPattern: { source: ['cloudshop.orders'] },
        State: 'ENABLED',
        Targets: [
          {
            Id: 'Notify',
            Arn: FN,
            RetryPolicy: { MaximumRetryAttempts: 3 },
            DeadLetterConfig: { Arn: QUEUE },
            InputPath: '$.detail',
          },
        ],
      }),
      ByArn: rule({
        Name: 'by-arn',
        EventBusName: { 'Fn::GetAtt': ['Shop', 'Arn'] },
        EventPattern: '{"source":["x"]}',
        Targets: [{ Id: 'Q', Arn: QUEUE }],
      }),
      OnDefault: rule({ Name: 'on-default', EventPattern: { source: ['y'] }, Targets: [] }),
      Off: rule({ EventPattern: { source: ['z'] }, State: 'DISABLED' }),
      Nightly: rule({ ScheduleExpression: 'rate(1 day)' }),
    });
    expect(rules.map((r) => [r.name, r.bus, r.arn])).toEqual([
      ['fixture-OnShop', 'shop', 'arn:aws:events:us-east-1:000000000000:rule/shop/fixture-OnShop'],
      ['by-arn', 'shop', 'arn:aws:events:us-east-1:000000000000:rule/shop/by-arn'],
      ['on-default', 'default', 'arn:aws:events:us-east-1:000000000000:rule/on-default'],
    ]);
    expect(rules[0].targets).toEqual([
      {
        id: 'Notify',
        arn: FN,
        kind: 'lambda',
        input: { kind: 'path', path: ['detail'] },
        maximumRetryAttempts: 3,
        maximumEventAgeSeconds: 86_400,
        deadLetterArn: QUEUE,
      },
    ]);
    expect(rules[1].targets[0]).toMatchObject({ kind: 'sqs', maximumRetryAttempts: 185, input: { kind: 'event' } });
    expect(skipped.map((s) => s.logicalId)).toEqual(['Off', 'Nightly']);
  });

  it('refuses, naming the rule and target, what cannot run locally', () => {
    const refused = (properties: Record<string, unknown>) => () => load({ R: rule({ Name: 'r', ...properties }) });
    const pattern = { EventPattern: { source: ['x'] } };
    expect(
      refused({
        ...pattern,
        Targets: [
          {
            Id: 'Api',
            Arn: 'arn:aws:appsync:us-east-1:0:apis/abc',
            AppSyncParameters: { GraphQLOperation: 'mutation {x}' },
          },
        ],
      }),
    ).toThrow('rule r, target Api: AppSync (GraphQL operation) targets are not emulated locally');
    expect(refused({ ...pattern, Targets: [{ Id: 'Logs', Arn: 'arn:aws:logs:us-east-1:0:log-group:x' }] })).toThrow(
      'rule r, target Logs: targets of arn:aws:logs:us-east-1:0:log-group:x are not emulated locally',
    );
    expect(refused({ ...pattern, Targets: [{ Id: 'Q', Arn: QUEUE, DeadLetterConfig: { Arn: FN } }] })).toThrow(
      'rule r, target Q: DeadLetterConfig.Arn must be an SQS queue',
    );
    expect(refused({ ...pattern, Targets: [{ Id: 'Q', Arn: QUEUE, Input: 'nope' }] })).toThrow(
      'rule r, target Q: Input must be valid JSON',
    );
    expect(refused({ EventPattern: { source: [] } })).toThrow(
      'rule r: Event pattern is not valid. Reason: Empty arrays are not allowed (at source)',
    );
    expect(refused({ ...pattern, EventBusName: 'elsewhere' })).toThrow(
      'rule r: its bus elsewhere is not in the templates',
    );
  });

  it("reads each function's event invoke config and dead-letter queue", () => {
    const assembly = fixtureAssembly({
      functions: {
        Worker: { functionName: 'worker', files: { 'index.mjs': 'export const handler = async () => 1;' } },
      },
      resources: {
        Config: {
          Type: 'AWS::Lambda::EventInvokeConfig',
          Properties: {
            FunctionName: { Ref: 'Worker' },
            Qualifier: '$LATEST',
            MaximumRetryAttempts: 1,
            DestinationConfig: { OnFailure: { Destination: QUEUE } },
          },
        },
        Other: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            FunctionName: 'other',
            DeadLetterConfig: { TargetArn: 'arn:aws:sns:us-east-1:000000000000:dead' },
          },
        },
      },
    });
    expect(Object.fromEntries(asyncInvokeConfigsOf(assembly))).toEqual({
      other: {
        maximumRetryAttempts: 2,
        maximumEventAgeSeconds: 21_600,
        deadLetterArn: 'arn:aws:sns:us-east-1:000000000000:dead',
      },
      worker: { maximumRetryAttempts: 1, maximumEventAgeSeconds: 21_600, onFailure: QUEUE },
    });
  });
});
