import { readFile } from 'node:fs/promises';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { cloudEnv } from './cloud-env';

/** The shop bus as the cloud tests see it: the events it carried, and events put on it by hand. */

export interface BusEvent {
  id: string;
  'detail-type': string;
  detail: { metadata: { eventId: string; correlationId: string }; data: Record<string, unknown> };
}

/** A JSON answer of the local cloud's inspection endpoints (/events, /sqs/queues, /outbox/…). */
export const inspect = async <T>(path: string): Promise<T> => {
  const response = await fetch(`${cloudEnv().CLOUD_URL}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
};

/** The events of `detailType` the bus carried for one order (or product): their correlation id. */
export const eventsAbout = async (detailType: string, correlationId: string) =>
  (await inspect<BusEvent[]>(`/events?detailType=${detailType}`)).filter(
    (e) => e.detail.metadata.correlationId === correlationId,
  );

/** Puts events on the shop bus, found as a client finds it (amplify_outputs.json), as a producer would. */
export const putOnBus = async (entries: { Source: string; DetailType: string; Detail: string }[]) => {
  const outputs = JSON.parse(await readFile(cloudEnv().AMPLIFY_OUTPUTS_PATH, 'utf8')) as {
    custom: { shopEventBusName: string };
  };
  const bus = new EventBridgeClient({
    endpoint: cloudEnv().CLOUD_URL,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await bus.send(
    new PutEventsCommand({
      Entries: entries.map((entry) => ({ EventBusName: outputs.custom.shopEventBusName, ...entry })),
    }),
  );
};
