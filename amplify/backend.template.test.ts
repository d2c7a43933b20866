import { Match, Template } from 'aws-cdk-lib/assertions';
import validator from 'asl-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assembly, StackTemplate } from '../local/assembly/assembly';
import { synthesized } from '../local/testing/assemblies';
import { seedPolicies } from './services/access/policies';

let assembly: Assembly;
const stack = (part: string): StackTemplate => {
  const found = assembly.stacks.find((s) => s.name.includes(part) && s.parent && !s.parent.stack.parent);
  if (!found) throw new Error(`no ${part} stack`);
  return found;
};
const template = (part: string) => Template.fromJSON(stack(part).template as Record<string, unknown>);

beforeAll(async () => {
  assembly = await synthesized('sandbox');
}, 600_000);

describe('auth', () => {
  it('signs users in with their email and confirms sign-up with an emailed code', () => {
    template('auth').hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      VerificationMessageTemplate: Match.objectLike({ DefaultEmailOption: 'CONFIRM_WITH_CODE' }),
    });
  });

  it('runs the identity service on confirmation and on every token', () => {
    const pool = template('auth').findResources('AWS::Cognito::UserPool');
    const triggers = Object.values(pool)[0].Properties.LambdaConfig;
    expect(Object.keys(triggers).sort()).toEqual(['PostConfirmation', 'PreTokenGeneration']);
    const functions = template('auth').findResources('AWS::Lambda::Function');
    const target = (t: { 'Fn::GetAtt': [string, string] }) => functions[t['Fn::GetAtt'][0]];
    expect(target(triggers.PostConfirmation).Properties.Environment.Variables.CUSTOMER_GROUP).toBe('customers');
    expect(target(triggers.PreTokenGeneration)).toBeDefined();
  });

  it('lets the storefront sign in with a password and refresh, and nothing like custom auth', () => {
    template('auth').hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  it('has the admins and customers groups', () => {
    const groups = Object.values(template('auth').findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['admins', 'customers']);
  });

  it('lets the post-confirmation trigger add users to groups, and nothing more in Cognito', () => {
    const policies = Object.values(template('auth').findResources('AWS::IAM::Policy'));
    const cognitoActions = policies
      .flatMap((p) =>
        p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()),
      )
      .filter((a: string) => a.startsWith('cognito-idp:'));
    expect(cognitoActions).toEqual(['cognito-idp:AdminAddUserToGroup']);
  });
});

describe('the API', () => {
  it('authorizes every request with the access service Lambda, its answers cached for 300 s', () => {
    const api = template('data');
    api.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AWS_LAMBDA',
      LambdaAuthorizerConfig: { AuthorizerResultTtlInSeconds: 300, AuthorizerUri: Match.anyValue() },
    });
    const uri = JSON.stringify(
      Object.values(api.findResources('AWS::AppSync::GraphQLApi'))[0].Properties.LambdaAuthorizerConfig.AuthorizerUri,
    );
    expect(uri).toContain('accessauthorizer');
  });

  it('tells the authorizer every operation of the generated schema', () => {
    const authorizer = Object.values(template('auth').findResources('AWS::Lambda::Function')).find((f) =>
      JSON.stringify(f).includes('API_OPERATIONS'),
    )!;
    const operations: string[] = authorizer.Properties.Environment.Variables.API_OPERATIONS.split(',');
    expect(operations).toEqual(
      expect.arrayContaining(['Query.products', 'Query.me', 'Mutation.adminCreateProduct', 'Query.listProducts']),
    );
    // Every operation a seed policy allows exists, so no policy silently allows nothing.
    for (const policy of seedPolicies) expect(operations).toEqual(expect.arrayContaining(policy.allowedOperations));
  });

  it('keeps introspection on and depth unbounded only in a sandbox', () => {
    const api = Object.values(template('data').findResources('AWS::AppSync::GraphQLApi'))[0].Properties;
    expect(api.IntrospectionConfig).toBeUndefined();
  });

  it('runs every function of ours on Node.js 22', () => {
    const friendlyName = (f: { properties: Record<string, unknown> }) =>
      (f.properties.Tags as { Key: string; Value: string }[] | undefined)?.find(
        (t) => t.Key === 'amplify:friendly-name',
      )?.Value;
    // Amplify's own table manager is named after the API; every other named function is ours.
    const ours = assembly
      .resources('AWS::Lambda::Function')
      .filter((f) => friendlyName(f) && friendlyName(f) !== 'amplifyData');
    expect(ours.length).toBeGreaterThanOrEqual(5);
    for (const f of ours) expect(f.properties.Runtime).toBe('nodejs22.x');
  });
});

describe('the firewall', () => {
  it('puts a regional web ACL with AWS managed rules and a per-IP rate limit in front of AppSync', () => {
    const edge = template('edge');
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
        }),
        Match.objectLike({
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' },
          },
        }),
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP' }) },
        }),
      ]),
    });
    const association = Object.values(edge.findResources('AWS::WAFv2::WebACLAssociation'))[0].Properties;
    expect(association.WebACLArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiWebAcl/), 'Arn'] });
    // The associated resource is the GraphQL API's ARN, passed in from the data stack.
    const parameter = association.ResourceArn.Ref as string;
    const passed = stack('edge').parent!.properties.Parameters as Record<string, unknown>;
    expect(JSON.stringify(passed[parameter])).toMatch(/GraphQLAPI.*Arn/);
  });
});

describe('checkout', () => {
  it('runs the saga over the inventory, payments and orders functions, in its own stack', () => {
    const checkout = template('checkout');
    const machines = Object.values(checkout.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines).toHaveLength(1);
    const definition = JSON.stringify(machines[0].Properties.DefinitionString);
    for (const fn of [
      'inventoryreserve',
      'inventoryrelease',
      'inventorycommit',
      'paymentsauthorize',
      'paymentscapture',
      'paymentsvoid',
      'paymentsrefund',
      'ordersconfirm',
      'ordersfail',
    ]) {
      expect(definition).toContain(fn);
    }
    for (const state of [
      'ReserveStock',
      'AuthorizePayment',
      'CapturePayment',
      'CommitStock',
      'MarkOrderConfirmed',
      'ReleaseStock',
      'VoidPayment',
      'RefundPayment',
      'MarkOrderFailed',
    ]) {
      expect(definition).toContain(`\\"${state}\\"`);
    }
  });

  /** The saga as deployed: the definition string with every intrinsic resolved. */
  const deployedSaga = () => {
    const machine = assembly
      .resources('AWS::StepFunctions::StateMachine')
      .find((r) => r.logicalId.startsWith('CheckoutSaga'))!;
    const properties = assembly.properties<{ DefinitionString: string; StateMachineType?: string }>(machine);
    return { properties, asl: JSON.parse(properties.DefinitionString) as Asl };
  };
  type Asl = {
    StartAt: string;
    States: Record<
      string,
      {
        Type: string;
        Next?: string;
        Resource?: string;
        Retry?: { ErrorEquals: string[]; MaxAttempts: number; IntervalSeconds: number; BackoffRate?: number }[];
        Catch?: { ErrorEquals: string[]; Next: string }[];
      }
    >;
  };

  it('deploys the saga as a Standard workflow: exactly-once steps, executions named per order, history kept', () => {
    const { properties, asl } = deployedSaga();
    expect(properties.StateMachineType ?? 'STANDARD').toBe('STANDARD');
    const { isValid, errors } = validator(asl);
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
    template('checkout').hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
    });
  });

  it('declares retries with backoff for transient errors and catches that compensate in reverse', () => {
    const { asl } = deployedSaga();
    const next = (state: string) => asl.States[state].Next;
    const from = (state: string | undefined): string[] => (state ? [state, ...from(next(state))] : []);
    expect(from(asl.StartAt)).toEqual([
      'ReserveStock',
      'AuthorizePayment',
      'CapturePayment',
      'CommitStock',
      'MarkOrderConfirmed',
    ]);
    const compensation = (state: string) => from(asl.States[state].Catch![0].Next);
    // Each catch undoes the failed step too: an attempt may have written before it failed (decision 15).
    expect(compensation('ReserveStock')).toEqual(['ReleaseStock', 'MarkOrderFailed', 'CheckoutFailed']);
    expect(compensation('AuthorizePayment')).toEqual([
      'VoidPayment',
      'ReleaseStock',
      'MarkOrderFailed',
      'CheckoutFailed',
    ]);
    expect(compensation('CapturePayment')).toEqual([
      'VoidPayment',
      'ReleaseStock',
      'MarkOrderFailed',
      'CheckoutFailed',
    ]);
    expect(compensation('CommitStock')).toEqual(['RefundPayment', 'ReleaseStock', 'MarkOrderFailed', 'CheckoutFailed']);
    // A void that meets a payment captured before its step failed refunds it instead.
    expect(asl.States.VoidPayment.Catch).toEqual([
      expect.objectContaining({ ErrorEquals: ['InvalidPaymentState'], Next: 'RefundPayment' }),
    ]);
    // Past the point of no return only the inventory's refusals lead to the refund; the rest is retried.
    expect(asl.States.CommitStock.Retry).toEqual([
      expect.objectContaining({ ErrorEquals: expect.arrayContaining(['ReservationReleased']), MaxAttempts: 0 }),
      expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 6 }),
    ]);
    const payment = asl.States.AuthorizePayment.Retry!;
    expect(payment[0]).toMatchObject({
      ErrorEquals: expect.arrayContaining(['PaymentProviderUnavailable', 'ProviderTimeout']),
      IntervalSeconds: 1,
      BackoffRate: 2,
      MaxAttempts: 3,
    });
    expect(payment.flatMap((r) => r.ErrorEquals)).not.toContain('PaymentDeclined');
    for (const undo of ['ReleaseStock', 'VoidPayment', 'RefundPayment', 'MarkOrderFailed']) {
      expect(asl.States[undo].Retry).toEqual([
        expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 6 }),
      ]);
    }
  });

  it('binds every task to our functions', () => {
    const { asl } = deployedSaga();
    const lambdaArn = /^arn:aws:lambda:us-east-1:\d+:function:.*(inventory|payments|orders)/;
    for (const [name, state] of Object.entries(asl.States).filter(([, s]) => s.Type === 'Task')) {
      expect(state.Resource, name).toMatch(lambdaArn);
    }
  });

  it('lets placeOrder start the saga, and order(id) only read orders', () => {
    const functions = Object.values(template('data').findResources('AWS::Lambda::Function'));
    const place = functions.find((f) => f.Properties.Environment?.Variables?.CHECKOUT_STATE_MACHINE_ARN);
    expect(place, 'the placeOrder function').toBeDefined();
    const policies = JSON.stringify(template('data').findResources('AWS::IAM::Policy'));
    expect(policies).toContain('states:StartExecution');
    const reader = Object.entries(template('data').findResources('AWS::IAM::Policy')).filter(([id]) =>
      /ordersget/i.test(id),
    );
    const actions = JSON.stringify(reader.map(([, p]) => p.Properties.PolicyDocument));
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions).not.toMatch(/PutItem|UpdateItem|DeleteItem|StartExecution/);
  });

  it('runs the reservation sweeper every 5 minutes', () => {
    template('checkout').hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(*/5 * * * ? *)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('inventoryreleaseexpired'), 'Arn'] } }),
    });
  });

  it('keeps stock, reservations, payments and orders in tables the saga services own', () => {
    const keys = Object.values(template('checkout').findResources('AWS::DynamoDB::Table')).map((t) =>
      t.Properties.KeySchema.map((k: { AttributeName: string }) => k.AttributeName).join('+'),
    );
    expect(keys.sort()).toEqual(['key', 'orderId', 'orderId', 'orderId+sku', 'sku', 'sku+at']);
    template('checkout').hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'orderId', KeyType: 'HASH' },
        { AttributeName: 'sku', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'purgeAt', Enabled: true },
    });
  });
});

describe('the views', () => {
  const viewTables = () =>
    assembly
      .resources('AWS::DynamoDB::Table')
      .filter((t) => /^(ProductCards|OrderHistory|DailySales|DailySalesContributions)[0-9A-F]{8}$/.test(t.logicalId));

  it('keeps the four view tables, pay per request, in a views stack of their own', () => {
    const tables = viewTables();
    expect(tables.map((t) => t.logicalId.slice(0, -8)).sort()).toEqual([
      'DailySales',
      'DailySalesContributions',
      'OrderHistory',
      'ProductCards',
    ]);
    for (const t of tables) {
      expect(t.stack.name).toMatch(/views/i);
      expect(t.properties.BillingMode).toBe('PAY_PER_REQUEST');
    }
    template('views').hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'userId', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    });
    const cards = tables.find((t) => t.logicalId.startsWith('ProductCards'))!;
    expect(cards.properties.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({
        IndexName: 'byCategory',
        KeySchema: [
          { AttributeName: 'category', KeyType: 'HASH' },
          { AttributeName: 'name', KeyType: 'RANGE' },
        ],
      }),
    ]);
  });

  it('feeds each projector from its source streams: 25 a batch, bisected, 10 retries, failures queued', () => {
    const mappings = assembly
      .resources('AWS::Lambda::EventSourceMapping')
      .map((m) => ({ m, props: assembly.properties<Record<string, unknown>>(m) }))
      .filter(({ props }) => /viewsproject/i.test(JSON.stringify(props.FunctionName)));
    const sources = mappings.map(({ props }) => {
      const fn = String(props.FunctionName)
        .match(/viewsproject(cards|orders)/i)![1]
        .toLowerCase();
      // The Product model table's stream resolves to its name; the others to an ARN ending in the logical id.
      const table = String(props.EventSourceArn).match(/(Product|Stock|Orders)(?:-amplifyData|[0-9A-F]{8}\/)/)![1];
      return `${fn}<-${table}`;
    });
    expect(sources.sort()).toEqual(['cards<-Product', 'cards<-Stock', 'orders<-Orders'].sort());
    for (const { props } of mappings) {
      expect(props).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 25,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: expect.stringMatching(/^arn:aws:sqs:/) } },
      });
    }
  });

  it('are read by views-read, which may only read them', () => {
    const reader = Object.entries(template('data').findResources('AWS::IAM::Policy')).filter(([id]) =>
      /viewsread/i.test(id),
    );
    const document = JSON.stringify(reader.map(([, p]) => p.Properties.PolicyDocument));
    expect(document).toMatch(/dynamodb:Query/);
    expect(document).not.toMatch(/PutItem|UpdateItem|DeleteItem|BatchWriteItem/);
  });

  it('are reachable by no GraphQL resolver: no AppSync data source is a view table', () => {
    const names = new Set(viewTables().map((t) => assembly.physicalId(t)));
    const dataSources = assembly.resources('AWS::AppSync::DataSource');
    expect(dataSources.length).toBeGreaterThan(0);
    for (const ds of dataSources) {
      const props = assembly.properties<{ DynamoDBConfig?: { TableName: string } }>(ds);
      if (props.DynamoDBConfig) expect(names.has(props.DynamoDBConfig.TableName), ds.logicalId).toBe(false);
    }
  });
});

describe('the events', () => {
  const ours = (r: { logicalId: string }) => !/AmplifyTableManager|TableWaiter/.test(r.logicalId);
  type Target = { Arn: unknown; RetryPolicy?: Record<string, number>; DeadLetterConfig?: { Arn: unknown } };

  it('go over one custom bus, by versioned detail-type, with a retry policy and a dead-letter queue on every target', () => {
    expect(assembly.resources('AWS::Events::EventBus')).toHaveLength(1);
    const rules = assembly.resources('AWS::Events::Rule').filter((r) => r.properties.EventPattern);
    const patterns = rules.map((r) => r.properties.EventPattern as { 'detail-type': string[] });
    expect(patterns.flatMap((p) => p['detail-type']).sort()).toEqual(
      [
        'OrderCancelled.v1',
        'OrderCancelled.v1',
        'OrderCancelled.v1',
        'OrderConfirmed.v1',
        'OrderConfirmed.v1',
        'PaymentRefunded.v1',
        'ProductChanged.v1',
        'ShipmentDispatched.v1',
        'ShipmentDispatched.v1',
        'StockLow.v1',
      ].sort(),
    );
    for (const rule of rules) {
      expect(rule.properties.EventBusName, rule.logicalId).toBeDefined();
      for (const target of rule.properties.Targets as Target[]) {
        expect(target.RetryPolicy, rule.logicalId).toEqual({ MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600 });
        expect(target.DeadLetterConfig?.Arn, rule.logicalId).toEqual({
          'Fn::GetAtt': [expect.stringMatching(/DeadLetters/), 'Arn'],
        });
      }
    }
  });

  it('send a consumer that keeps throwing to its dead-letter queue after Lambda’s retries', () => {
    const configs = assembly.resources('AWS::Lambda::EventInvokeConfig');
    expect(configs.length).toBeGreaterThanOrEqual(5);
    for (const config of configs) {
      expect(config.properties).toMatchObject({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 3600,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/DeadLetters/), 'Arn'] } },
        },
      });
    }
  });

  it('announce a refund from the payments table’s stream, and record it on the order', () => {
    const payments = assembly.resources('AWS::DynamoDB::Table').find((t) => t.logicalId.startsWith('Payments'))!;
    expect(payments.properties).toMatchObject({ StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    const outbox = assembly
      .resources('AWS::Lambda::EventSourceMapping')
      .map((m) => ({ m, props: assembly.properties<Record<string, unknown>>(m) }))
      .filter(({ props }) => /paymentspublish/i.test(JSON.stringify(props.FunctionName)));
    expect(outbox).toHaveLength(1);
    expect(String(outbox[0].props.EventSourceArn)).toMatch(/Payments[0-9A-F]{8}\//);
    const rule = assembly.resources('AWS::Events::Rule').find((r) => r.logicalId.startsWith('RecordRefunds'))!;
    expect(rule.properties.EventPattern).toEqual({
      source: ['cloudshop.payments'],
      'detail-type': ['PaymentRefunded.v1'],
    });
    const [target] = assembly.properties<{ Targets: Target[] }>(rule).Targets;
    expect(JSON.stringify(target.Arn)).toMatch(/ordersrecordrefund/i);
    expect(target.DeadLetterConfig?.Arn).toBeDefined();
  });

  it('read every stream in batches, bisecting, retrying a bounded number of times, then to an on-failure queue', () => {
    const mappings = assembly.resources('AWS::Lambda::EventSourceMapping').filter(ours);
    expect(mappings.length).toBeGreaterThanOrEqual(7); // 4 outboxes, 3 projectors
    for (const mapping of mappings) {
      expect(mapping.properties, mapping.logicalId).toMatchObject({
        BatchSize: 25,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        StartingPosition: 'TRIM_HORIZON',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
    }
  });
});

describe('the stacks', () => {
  it('depend on each other without a cycle', () => {
    const root = assembly.stacks.find((s) => !s.parent)!;
    const nested = Object.entries(root.template.Resources ?? {}).filter(
      ([, r]) => r.Type === 'AWS::CloudFormation::Stack',
    );
    const edges = new Map(
      nested.map(([id, r]) => [
        id,
        new Set(JSON.stringify(r.Properties).match(new RegExp(nested.map(([n]) => n).join('|'), 'g')) ?? []),
      ]),
    );
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (id: string, path: string[]) => {
      if (done.has(id)) return;
      if (visiting.has(id)) throw new Error(`cycle: ${[...path, id].join(' -> ')}`);
      visiting.add(id);
      for (const next of edges.get(id) ?? []) if (next !== id) visit(next, [...path, id]);
      visiting.delete(id);
      done.add(id);
    };
    for (const [id] of nested) visit(id, []);
    expect(done.size).toBe(nested.length);
  });
});

describe('a branch deployment (not a sandbox)', () => {
  it('turns introspection off and bounds query depth', async () => {
    const [api] = (await synthesized('branch')).resources('AWS::AppSync::GraphQLApi');
    expect(api.properties).toMatchObject({ IntrospectionConfig: 'DISABLED', QueryDepthLimit: 10 });
  }, 600_000);
});
