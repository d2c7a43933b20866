import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Naming, Resource } from '../assembly/assembly';
import { LambdaEmulator } from '../lambda/emulator';
import { fixtureAssembly } from '../lambda/testing';
import { startCloudServer, type RunningCloudServer } from '../sns/cloud-server';
import { FileOutbox } from '../sns/outbox';
import { LocalSqs, sqsNaming } from '../sqs';
import { LocalStepFunctions, stateMachineNaming } from '../stepfunctions';
import { eventBusNaming, eventBusesOf } from './buses';
import type { EventDeliveries } from './delivery-log';
import { LocalEventBridge } from './event-bridge';
import { asyncInvokeConfigsOf } from './invoke-configs';
import type { DestinationRecord } from './lambda-async';
import { eventBridgeRoutes } from './routes';
import { rulesOf } from './rules';
import { localSdkConfig } from '../ports';

const CLOUD = 'http://127.0.0.1:1';
const firstOf = (...namings: Naming[]): Naming => ({
  physicalId: (r: Resource) => namings.map((n) => n.physicalId?.(r)).find((v) => v !== undefined),
  attribute: (r: Resource, name: string) => namings.map((n) => n.attribute?.(r, name)).find((v) => v !== undefined),
});
const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const GONE = 'arn:aws:lambda:us-east-1:000000000000:function:no-such-function';

const rule = (name: string, detailType: string, targets: object[]) => ({
  Type: 'AWS::Events::Rule',
  Properties: {
    Name: name,
    EventBusName: { Ref: 'ShopEvents' },
    EventPattern: { source: ['cloudshop.orders'], 'detail-type': [detailType] },
    State: 'ENABLED',
    Targets: targets,
  },
});

const assembly = fixtureAssembly(
  {
    functions: {
      Notify: {
        functionName: 'notify',
        files: {
          'index.mjs':
            'export const handler = async (event) => { console.log(JSON.stringify(event)); return "sent"; };',
        },
      },
      Charge: {
        functionName: 'charge',
        files: {
          'index.mjs': `
            class CardDeclined extends Error { name = 'CardDeclined'; }
            export const handler = async (event) => {
              if (event.detail.orderId === 'poison') throw new CardDeclined('card declined for ' + event.detail.orderId);
              return { charged: event.detail.orderId };
            };`,
        },
      },
    },
    resources: {
      ShopEvents: { Type: 'AWS::Events::EventBus', Properties: { Name: 'shop-events' } },
      Failures: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'charge-failures' } },
      Undelivered: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'undelivered' } },
      ChargeInvokeConfig: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: {
          FunctionName: { Ref: 'Charge' },
          Qualifier: '$LATEST',
          MaximumRetryAttempts: 2,
          DestinationConfig: { OnFailure: { Destination: arnOf('Failures') } },
        },
      },
      Fulfil: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          DefinitionString: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } }),
          RoleArn: 'arn:aws:iam::000000000000:role/fulfil',
        },
      },
      NotifyOnConfirmed: rule('notify-on-confirmed', 'OrderConfirmed', [
        {
          Id: 'Notify',
          Arn: arnOf('Notify'),
          InputTransformer: {
            InputPathsMap: { order: '$.detail.orderId', total: '$.detail.total' },
            InputTemplate: '{"message": "order <order> confirmed", "total": <total>}',
          },
        },
      ]),
      ChargeOnPlaced: rule('charge-on-placed', 'OrderPlaced', [{ Id: 'Charge', Arn: arnOf('Charge') }]),
      FulfilOnConfirmed: rule('fulfil-on-confirmed', 'OrderConfirmed', [
        { Id: 'Fulfil', Arn: { Ref: 'Fulfil' }, InputPath: '$.detail' },
      ]),
      LostOnArchived: rule('lost-on-archived', 'OrderArchived', [
        {
          Id: 'Gone',
          Arn: GONE,
          RetryPolicy: { MaximumRetryAttempts: 3 },
          DeadLetterConfig: { Arn: arnOf('Undelivered') },
        },
      ]),
    },
  },
  firstOf(eventBusNaming, stateMachineNaming, sqsNaming(CLOUD)),
);

const lambda = LambdaEmulator.fromAssembly(assembly);
const bridge = new LocalEventBridge(eventBusesOf(assembly));
const stepFunctions = LocalStepFunctions.fromAssembly(assembly, { tasks: { lambda, events: bridge } });
const sqs = LocalSqs.fromAssembly(assembly, CLOUD);
bridge.runRules(
  rulesOf(assembly, bridge.buses).rules,
  {
    lambda,
    asyncConfigs: asyncInvokeConfigsOf(assembly),
    stepFunctions,
    queues: { send: async (arn, body, attributes) => void sqs.send(arn, body, attributes) },
  },
  // Lambda would wait about 1 and 2 minutes between retries; these are short, and long enough for
  // the other events' invocations to start first.
  { lambdaRetryDelaysMs: [300, 300], retryDelayMs: () => 50 },
);

let server: RunningCloudServer;
let client: EventBridgeClient;
beforeAll(async () => {
  server = await startCloudServer({ outbox: new FileOutbox(), routes: eventBridgeRoutes(bridge) }, { port: 0 });
  client = new EventBridgeClient(localSdkConfig(server.url));
});
afterAll(async () => {
  client.destroy();
  await server.close();
  bridge.stop();
  await stepFunctions.stop();
  await lambda.stop();
  sqs.stop();
});

const put = async (detailType: string, detail: object) => {
  const out = await client.send(
    new PutEventsCommand({
      Entries: [
        {
          Source: 'cloudshop.orders',
          DetailType: detailType,
          Detail: JSON.stringify(detail),
          EventBusName: 'shop-events',
        },
      ],
    }),
  );
  expect(out.FailedEntryCount).toBe(0);
  return out.Entries![0].EventId!;
};

const deliveriesOf = async (eventId: string) =>
  (await (await fetch(`${server.url}/events/deliveries?eventId=${eventId}`)).json()) as EventDeliveries[];

describe('EventBridge rules on the local cloud', () => {
  it('delivers to a Lambda target only the events its pattern matches, transformed by its InputTransformer', async () => {
    await put('OrderPlacedElsewhere', { orderId: 'o-0', total: 1 });
    const confirmed = await put('OrderConfirmed', { orderId: 'o-1', total: 25 });
    await bridge.settled();
    const received = lambda
      .invocations({ function: 'notify' })
      .map((r) => JSON.parse(r.logs.at(-1)!.split('\t').at(-1)!));
    expect(received).toEqual([{ message: 'order o-1 confirmed', total: 25 }]);
    const [entry] = await deliveriesOf(confirmed);
    expect(entry.rules.sort()).toEqual(['fulfil-on-confirmed', 'notify-on-confirmed']);
    expect(entry.targets.find((t) => t.targetId === 'Notify')).toMatchObject({
      status: 'delivered',
      input: '{"message":"order o-1 confirmed","total":25}',
      invocation: { status: 'succeeded', invokeCount: 1 },
    });
  });

  it('starts an execution of a state machine target with the event (here its detail) as input', async () => {
    const confirmed = await put('OrderConfirmed', { orderId: 'o-2', total: 40 });
    await bridge.settled();
    const [entry] = await deliveriesOf(confirmed);
    const fulfil = entry.targets.find((t) => t.targetId === 'Fulfil')!;
    expect(fulfil.status).toBe('delivered');
    const execution = await stepFunctions.finished(fulfil.executionArn!);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: JSON.stringify({ orderId: 'o-2', total: 40 }) });
  });

  it('retries a function that always throws per its EventInvokeConfig, then sends the record to its on-failure queue; the events behind it are delivered', async () => {
    const poison = await put('OrderPlaced', { orderId: 'poison' });
    await put('OrderPlaced', { orderId: 'ok-1' });
    await put('OrderPlaced', { orderId: 'ok-2' });
    await bridge.settled();

    const charges = lambda.invocations({ function: 'charge' });
    const failed = charges.filter((r) => r.error);
    const succeeded = charges.filter((r) => !r.error);
    expect(failed).toHaveLength(3); // the first try and MaximumRetryAttempts: 2
    expect(succeeded).toHaveLength(2);
    // The good events ran before the poison's first retry: nothing waited behind it.
    for (const ok of succeeded) expect(Date.parse(ok.startedAt)).toBeLessThan(Date.parse(failed[1].startedAt));

    const messages = sqs.messages('charge-failures');
    expect(messages).toHaveLength(1);
    const record = JSON.parse(messages[0].body) as DestinationRecord;
    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.any(String),
      requestContext: {
        requestId: expect.any(String),
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:charge:$LATEST',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: expect.objectContaining({
        id: poison,
        'detail-type': 'OrderPlaced',
        detail: { orderId: 'poison' },
      }),
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: expect.objectContaining({ errorType: 'CardDeclined', errorMessage: 'card declined for poison' }),
    });
    const [entry] = await deliveriesOf(poison);
    expect(entry.targets[0]).toMatchObject({
      status: 'delivered',
      invocation: { status: 'failed', invokeCount: 3, destination: { condition: 'RetriesExhausted' } },
    });
  });

  it("puts an event whose target function does not exist in the rule target's dead-letter queue, with EventBridge's attributes", async () => {
    const archived = await put('OrderArchived', { orderId: 'o-3' });
    await bridge.settled();
    const [message] = sqs.messages('undelivered');
    expect(JSON.parse(message.body)).toMatchObject({ id: archived, detail: { orderId: 'o-3' } });
    const attributes = Object.fromEntries(
      Object.entries(message.messageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]),
    );
    expect(attributes).toEqual({
      ERROR_CODE: 'ResourceNotFoundException',
      ERROR_MESSAGE: `Function not found: ${GONE}`,
      RETRY_ATTEMPTS: '0',
      RULE_ARN: 'arn:aws:events:us-east-1:000000000000:rule/shop-events/lost-on-archived',
      TARGET_ARN: GONE,
    });
    expect((await deliveriesOf(archived))[0].targets[0]).toMatchObject({ status: 'dead-lettered', attempts: 1 });
    expect(bridge.metrics()).toMatchObject({ deadLetters: 1, asyncRetries: 2, asyncDestinations: 1 });
  });
});
