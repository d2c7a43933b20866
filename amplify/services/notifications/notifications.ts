import type { EventBridgeEvent } from 'aws-lambda';
import { readEvent } from '../../events/consume';
import type { EventDetail } from '../../events/contracts';
import { orderConfirmedEmail, shipmentDispatchedEmail, stockLowAlert, type AdminAlert, type Email } from './messages';

/** Sends an email; answers the provider's message id. */
export interface Mailer {
  send(email: Email): Promise<string>;
}

/** Publishes an alert to the admins. */
export interface AdminAlerts {
  publish(alert: AdminAlert): Promise<void>;
}

/**
 * Which events have been notified (the `SentNotifications` table, or a fake). A claim is taken
 * before sending, so that of two deliveries of one event only one sends.
 */
export interface SentLedger {
  /**
   * Claims `key` for sending: true if it was free, or held by a claim older than `staleBefore`
   * (epoch seconds: an invocation that died between claim and send); false if it was sent, or a
   * fresh claim holds it.
   */
  claim(
    key: string,
    claim: { claimedAt: number; staleBefore: number; expiresAt: number; event: string },
  ): Promise<boolean>;
  markSent(key: string, sentAt: string): Promise<void>;
  /** Forgets a claim whose sending failed, so that the retry sends. */
  release(key: string): Promise<void>;
}

export type Outcome = 'SENT' | 'DUPLICATE' | 'SKIPPED';

/** How long a sent event is remembered: longer than any redelivery (EventBridge retries for 24 h). */
export const RETENTION_SECONDS = 30 * 24 * 3600;
/** A claim older than this was left by an invocation that died (the function's timeout is far shorter). */
export const STALE_CLAIM_SECONDS = 5 * 60;

const EVENTS = ['OrderConfirmed', 'ShipmentDispatched', 'StockLow'] as const;
type Taken = (typeof EVENTS)[number];
/** `readEvent`'s answer, as the union it is: each name with its own detail. */
type Incoming = { [N in Taken]: { name: N; detail: EventDetail<N> } }[Taken];

/**
 * Tells people what happened: the shopper when an order is confirmed or shipped, the admins when
 * stock runs low. At most once per event (a redelivered event sends nothing), and a send that
 * failed is sent again by the retry.
 */
export class Notifications {
  constructor(
    private readonly ledger: SentLedger,
    private readonly mailer: Mailer,
    private readonly alerts: AdminAlerts,
    private readonly log: (message: string, details?: Record<string, unknown>) => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Throws MalformedEvent for an event it cannot read: retrying cannot help. */
  async handle(event: EventBridgeEvent<string, unknown>): Promise<{ eventId: string; outcome: Outcome }> {
    const read = readEvent(event, EVENTS) as Incoming;
    const { eventId } = read.detail.metadata;
    const send = this.sending(read);
    if (!send) return { eventId, outcome: 'SKIPPED' };
    return { eventId, outcome: await this.once(eventId, read.name, send) };
  }

  /** What sending the event's notification does; undefined when it has no one to go to. */
  private sending(read: Incoming): (() => Promise<unknown>) | undefined {
    if (read.name === 'StockLow') {
      const alert = stockLowAlert(read.detail.data);
      return () => this.alerts.publish(alert);
    }
    const { data, metadata } = read.detail;
    if (!data.email) {
      this.log(`${read.name} ${metadata.eventId}: order ${data.orderId} has no email address; nothing sent`);
      return undefined;
    }
    const email =
      read.name === 'OrderConfirmed'
        ? orderConfirmedEmail(data.email, read.detail.data)
        : shipmentDispatchedEmail(data.email, read.detail.data);
    return () => this.mailer.send(email);
  }

  private async once(key: string, event: string, send: () => Promise<unknown>): Promise<Outcome> {
    const now = this.now();
    const seconds = Math.floor(now.getTime() / 1000);
    const claimed = await this.ledger.claim(key, {
      claimedAt: seconds,
      staleBefore: seconds - STALE_CLAIM_SECONDS,
      expiresAt: seconds + RETENTION_SECONDS,
      event,
    });
    if (!claimed) {
      this.log(`${event} ${key} was already notified; nothing sent`);
      return 'DUPLICATE';
    }
    try {
      await send();
    } catch (error) {
      await this.ledger.release(key);
      throw error;
    }
    await this.ledger.markSent(key, now.toISOString());
    return 'SENT';
  }
}
