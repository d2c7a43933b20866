import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureAssembly } from '../lambda/testing';
import { FileOutbox } from '../sns/outbox';
import { startCloudServer, type RunningCloudServer } from '../sns/cloud-server';
import { eventBusNaming, eventBusesOf } from './buses';
import { LocalEventBridge } from './event-bridge';
import { EventLog } from './event-log';
import { eventBridgeRoutes } from './routes';
import { localSdkConfig } from '../ports';

const SHOP_ARN = 'arn:aws:events:us-east-1:000000000000:event-bus/shop-events';
const dir = mkdtempSync(join(tmpdir(), 'cloudshop-events-'));
const logFile = join(dir, 'events.jsonl');

const assembly = fixtureAssembly(
  {
    resources: {
      ShopEvents: { Type: 'AWS::Events::EventBus', Properties: { Name: 'shop-events' } },
      Param: {
        Type: 'AWS::SSM::Parameter',
        Properties: {
          Type: 'String',
          Value: { 'Fn::Join': [',', [{ Ref: 'ShopEvents' }, { 'Fn::GetAtt': ['ShopEvents', 'Arn'] }]] },
        },
      },
    },
  },
  eventBusNaming,
);
const bridge = new LocalEventBridge(eventBusesOf(assembly), new EventLog(logFile));
const entry = (overrides: Record<string, unknown> = {}) => ({
  Source: 'cloudshop.orders',
  DetailType: 'OrderConfirmed.v1',
  Detail: JSON.stringify({ orderId: 'o-1' }),
  EventBusName: 'shop-events',
  ...overrides,
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(assembly.dir, { recursive: true, force: true });
});

describe('local EventBridge', () => {
  it('knows the buses of the templates, named as CloudFormation names them, and default', () => {
    const param = assembly.resources('AWS::SSM::Parameter')[0];
    expect(assembly.properties<{ Value: string }>(param).Value).toBe(`shop-events,${SHOP_ARN}`);
    expect(bridge.buses.map((b) => [b.name, b.arn])).toEqual([
      ['default', 'arn:aws:events:us-east-1:000000000000:event-bus/default'],
      ['shop-events', SHOP_ARN],
    ]);
  });

  it('records each valid entry with an id and the time, on the bus named or given by ARN', () => {
    const result = bridge.putEvents([
      entry(),
      entry({ EventBusName: SHOP_ARN, Resources: ['arn:aws:x'], Time: 1_700_000_000 }),
      entry({ EventBusName: undefined, DetailType: 'Ping' }),
    ]);
    expect(result.FailedEntryCount).toBe(0);
    const ids = result.Entries.map((e) => ('EventId' in e ? e.EventId : ''));
    const recorded = bridge.events();
    expect(recorded.map((e) => e.id)).toEqual(ids);
    expect(recorded[0]).toEqual({
      version: '0',
      id: ids[0],
      'detail-type': 'OrderConfirmed.v1',
      source: 'cloudshop.orders',
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'us-east-1',
      resources: [],
      detail: { orderId: 'o-1' },
      bus: 'shop-events',
    });
    expect(recorded[1]).toMatchObject({ time: '2023-11-14T22:13:20Z', resources: ['arn:aws:x'], bus: 'shop-events' });
    expect(recorded[2].bus).toBe('default');
    expect(bridge.events({ detailType: 'Ping' })).toHaveLength(1);
    expect(bridge.events({ bus: SHOP_ARN })).toHaveLength(2);
    expect(bridge.metrics()).toMatchObject({ putEventsRequests: 1, entriesPut: 3, failedEntries: 0, eventsMatched: 0 });
  });

  it('fails each bad entry on its own, as EventBridge does', () => {
    const before = bridge.events().length;
    const result = bridge.putEvents([
      entry({ Source: undefined }),
      entry({ DetailType: '' }),
      entry({ Detail: undefined }),
      entry({ Detail: '{not json' }),
      entry({ Detail: '[1,2]' }),
      entry({ EventBusName: 'nope' }),
      entry({ Source: 'aws.s3' }),
      entry(),
    ]);
    expect(result.FailedEntryCount).toBe(7);
    expect(result.Entries.map((e) => ('ErrorCode' in e ? e.ErrorCode : 'ok'))).toEqual([
      'InvalidArgument',
      'InvalidArgument',
      'InvalidArgument',
      'MalformedDetail',
      'MalformedDetail',
      'ResourceNotFoundException',
      'NotAuthorizedForSourceException',
      'ok',
    ]);
    expect(result.Entries[0]).toMatchObject({
      ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    });
    expect(result.Entries[5]).toMatchObject({ ErrorMessage: 'Event bus nope does not exist.' });
    expect(bridge.events()).toHaveLength(before + 1);
  });

  it('refuses a request of no entries or more than 10', () => {
    expect(() => bridge.putEvents([])).toThrow(expect.objectContaining({ type: 'ValidationException' }));
    expect(() => bridge.putEvents(Array.from({ length: 11 }, () => entry()))).toThrow(/less than or equal to 10/);
    expect(() => bridge.putEvents(undefined)).toThrow(/must not be null/);
  });

  it('keeps the log in a file that survives a restart, one event a line', () => {
    const lines = readFileSync(logFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(bridge.events().length);
    expect(new EventLog(logFile).list()).toEqual(bridge.events());
  });
});

describe('local EventBridge over @aws-sdk/client-eventbridge (AWS JSON 1.1)', () => {
  let server: RunningCloudServer;
  let client: EventBridgeClient;
  beforeAll(async () => {
    server = await startCloudServer({ outbox: new FileOutbox(), routes: eventBridgeRoutes(bridge) }, { port: 0 });
    client = new EventBridgeClient(localSdkConfig(server.url));
  });
  afterAll(async () => {
    client.destroy();
    await server.close();
  });

  it('puts events and serves them back at GET /events', async () => {
    const time = new Date('2024-05-01T12:00:00Z');
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          entry({ Time: time, Source: 'cloudshop.sdk' }),
          entry({ Source: 'cloudshop.sdk', EventBusName: 'x' }),
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries![0].EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.Entries![1]).toMatchObject({ ErrorCode: 'ResourceNotFoundException' });
    const served = (await (await fetch(`${server.url}/events?source=cloudshop.sdk`)).json()) as { id: string }[];
    expect(served).toEqual([expect.objectContaining({ id: out.Entries![0].EventId, time: '2024-05-01T12:00:00Z' })]);
    await expect(client.send(new PutEventsCommand({ Entries: [] }))).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
