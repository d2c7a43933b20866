import { createHash } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { EVENTS, detailSchema, type EventDetail, type EventName } from './contracts';

/** An event ready to publish: its name and its (validated) detail. */
export interface OutgoingEvent<N extends EventName = EventName> {
  name: N;
  detail: EventDetail<N>;
}

/**
 * An event id that is the same every time the same fact is published again (a stream record
 * redelivered, a publisher retried), so that consumers can tell a repeat from a new event.
 */
export const eventIdOf = (...parts: (string | number)[]): string => {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** PutEvents takes at most 10 entries per call. */
const BATCH = 10;

/**
 * Publishes domain events to the shop's bus (`EVENT_BUS_NAME`). Every detail is checked against
 * its contract first, so a publisher can never put a malformed event on the bus. Throws, naming
 * the failed entries, when EventBridge refused any: the caller (a stream batch) is then retried,
 * and the repeats carry the same event ids.
 */
export class EventPublisher {
  constructor(
    private readonly busName: string,
    private readonly client = new EventBridgeClient({}),
  ) {}

  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): EventPublisher {
    if (!env.EVENT_BUS_NAME) throw new Error('the publisher needs EVENT_BUS_NAME in its environment');
    return new EventPublisher(env.EVENT_BUS_NAME);
  }

  async publish(events: OutgoingEvent[]): Promise<void> {
    const entries: PutEventsRequestEntry[] = events.map(({ name, detail }) => ({
      EventBusName: this.busName,
      Source: EVENTS[name].source,
      DetailType: EVENTS[name].detailType,
      Detail: JSON.stringify(detailSchema(name).parse(detail)),
    }));
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch = entries.slice(i, i + BATCH);
      const { FailedEntryCount, Entries = [] } = await this.client.send(new PutEventsCommand({ Entries: batch }));
      if (FailedEntryCount) {
        const failed = Entries.flatMap((e, j) =>
          e.ErrorCode ? [`${batch[j].DetailType}: ${e.ErrorCode} ${e.ErrorMessage}`] : [],
        );
        throw new Error(`EventBridge refused ${FailedEntryCount} of ${batch.length} events: ${failed.join('; ')}`);
      }
    }
  }
}
