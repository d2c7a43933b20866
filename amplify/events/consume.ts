import type { EventBridgeEvent } from 'aws-lambda';
import { detailSchema, eventNamed, type EventDetail, type EventName } from './contracts';

/** An event a consumer cannot read: retrying cannot help, so it should end in a dead-letter queue. */
export class MalformedEvent extends Error {
  override readonly name = 'MalformedEvent';
}

/**
 * Reads an EventBridge event as one of the names a consumer accepts, checked against its contract.
 * Anything else is a `MalformedEvent` that names the problem.
 */
export const readEvent = <N extends EventName>(
  event: EventBridgeEvent<string, unknown>,
  accepted: readonly N[],
): { name: N; detail: EventDetail<N> } => {
  const name = eventNamed(event['detail-type']);
  if (!name || !(accepted as readonly EventName[]).includes(name))
    throw new MalformedEvent(`this consumer does not take ${event['detail-type']} (it takes ${accepted.join(', ')})`);
  const parsed = detailSchema(name).safeParse(event.detail);
  if (!parsed.success)
    throw new MalformedEvent(
      `${event['detail-type']} ${event.id}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'detail'} ${i.message}`).join('; ')}`,
    );
  return { name: name as N, detail: parsed.data as EventDetail<N> };
};
