import { beforeEach, describe, expect, it } from 'vitest';
import { MalformedEvent } from '../../events/consume';
import { confirmedOrder, eventBridgeEvent } from '../shipping/test-events';
import { Notifications, RETENTION_SECONDS, STALE_CLAIM_SECONDS } from './notifications';
import { FakeAdminAlerts, FakeMailer, FakeSentLedger } from './test-fakes';

const T0 = new Date('2030-01-01T10:00:00.000Z');
const T0_SECONDS = T0.getTime() / 1000;

let ledger: FakeSentLedger;
let mailer: FakeMailer;
let alerts: FakeAdminAlerts;
let logs: string[];
let clock: Date;
let notifications: Notifications;

beforeEach(() => {
  ledger = new FakeSentLedger();
  mailer = new FakeMailer();
  alerts = new FakeAdminAlerts();
  logs = [];
  clock = T0;
  notifications = new Notifications(
    ledger,
    mailer,
    alerts,
    (m) => logs.push(m),
    () => clock,
  );
});

const confirmed = (extra: Parameters<typeof confirmedOrder>[1] = {}) =>
  eventBridgeEvent('OrderConfirmed', confirmedOrder('order-1', extra), 'evt-confirmed');
const dispatched = (email: string | null = 'alice@example.com') =>
  eventBridgeEvent(
    'ShipmentDispatched',
    {
      orderId: 'order-1',
      userId: 'user-alice',
      ...(email ? { email } : {}),
      shipmentId: 'shp_1',
      carrier: 'Cloudshop Post',
      trackingNumber: 'CP12345678901CS',
      dispatchedAt: '2030-01-03T08:30:00.000Z',
    },
    'evt-dispatched',
  );
const stockLow = eventBridgeEvent('StockLow', { sku: 'MUG-1', available: 1, threshold: 5 }, 'evt-stock');

describe('order confirmed', () => {
  it('emails the shopper what they bought, what it cost and where it goes', async () => {
    expect(await notifications.handle(confirmed())).toEqual({ eventId: 'evt-confirmed', outcome: 'SENT' });
    expect(mailer.sent).toHaveLength(1);
    const [email] = mailer.sent;
    expect(email.to).toBe('alice@example.com');
    expect(email.subject).toBe('Your cloudshop order is confirmed');
    expect(email.text).toContain('Hello Alice Liddell,');
    expect(email.text).toContain('Order order-1');
    expect(email.text).toContain('2 × Blue mug (MUG-1): €24.00\n1 × Fountain pen (PEN-2): €19.50');
    expect(email.text).toContain('Total: €43.50');
    expect(email.text).toContain('Shipping to:\nAlice Liddell\n1 Rabbit Hole\nOxford OX1 1AA\nGB');
    expect(email.html).toContain('<p>Total: €43.50</p>');
  });

  it('formats the total in the order’s currency, minor units included', async () => {
    await notifications.handle(
      confirmed({ currency: 'JPY', total: 1250, lines: [{ sku: 'TEA', name: 'Tea', unitPrice: 1250, quantity: 1 }] }),
    );
    expect(mailer.sent[0].text).toContain('Total: ¥1,250');
  });

  it('escapes what the shopper typed in the HTML part', async () => {
    await notifications.handle(
      confirmed({ shippingAddress: { ...confirmedOrder().shippingAddress, name: '<b>Eve</b> & co' } }),
    );
    expect(mailer.sent[0].html).toContain('Hello &lt;b&gt;Eve&lt;/b&gt; &amp; co,');
    expect(mailer.sent[0].html).not.toContain('<b>Eve');
  });

  it('skips, with a log line, an order without an email address', async () => {
    expect(await notifications.handle(confirmed({ email: undefined }))).toMatchObject({ outcome: 'SKIPPED' });
    expect(mailer.sent).toEqual([]);
    expect(ledger.entries.size).toBe(0);
    expect(logs).toEqual([expect.stringContaining('has no email address')]);
  });
});

describe('shipment dispatched', () => {
  it('emails the carrier, the tracking number and the day it left', async () => {
    await notifications.handle(dispatched());
    const [email] = mailer.sent;
    expect(email.subject).toBe('Your cloudshop order is on its way');
    expect(email.text).toContain('your order order-1 left our warehouse on January 3, 2030.');
    expect(email.text).toContain('Carrier: Cloudshop Post\nTracking number: CP12345678901CS');
  });

  it('sends nothing when the shipment has no email address', async () => {
    expect(await notifications.handle(dispatched(null))).toMatchObject({ outcome: 'SKIPPED' });
    expect(mailer.sent).toEqual([]);
  });
});

describe('stock low', () => {
  it('alerts the admins on their topic, and emails no shopper', async () => {
    await notifications.handle(stockLow);
    expect(alerts.published).toEqual([
      {
        subject: 'Stock low: MUG-1 has 1 left',
        message: expect.stringContaining('Only 1 unit of MUG-1 left for sale (the alert threshold is 5).'),
        attributes: { event: 'StockLow', sku: 'MUG-1' },
      },
    ]);
    expect(mailer.sent).toEqual([]);
  });
});

describe('exactly one notification per event', () => {
  it('a redelivered event sends nothing the second time', async () => {
    await notifications.handle(confirmed());
    expect(await notifications.handle(confirmed())).toEqual({ eventId: 'evt-confirmed', outcome: 'DUPLICATE' });
    await notifications.handle(stockLow);
    await notifications.handle(stockLow);
    expect(mailer.sent).toHaveLength(1);
    expect(alerts.published).toHaveLength(1);
    expect(ledger.entries.get('evt-confirmed')).toMatchObject({
      status: 'SENT',
      expiresAt: T0_SECONDS + RETENTION_SECONDS,
    });
  });

  it('a send that failed is sent by the retry: the claim is given back and the error rethrown', async () => {
    mailer.failNext = true;
    await expect(notifications.handle(confirmed())).rejects.toThrow('Maximum sending rate exceeded.');
    expect(ledger.entries.has('evt-confirmed')).toBe(false);
    expect(await notifications.handle(confirmed())).toMatchObject({ outcome: 'SENT' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('a claim left by an invocation that died is taken over once stale, not before', async () => {
    await ledger.claim('evt-confirmed', { claimedAt: T0_SECONDS, staleBefore: 0, expiresAt: 0, event: 'x' });
    expect(await notifications.handle(confirmed())).toMatchObject({ outcome: 'DUPLICATE' });
    clock = new Date(T0.getTime() + (STALE_CLAIM_SECONDS + 1) * 1000);
    expect(await notifications.handle(confirmed())).toMatchObject({ outcome: 'SENT' });
    expect(mailer.sent).toHaveLength(1);
  });
});

describe('malformed events', () => {
  it('are refused as MalformedEvent, naming the problem, and send nothing', async () => {
    const broken = confirmed();
    (broken.detail as { data: { total: unknown } }).data.total = 'a lot';
    await expect(notifications.handle(broken)).rejects.toThrow(MalformedEvent);
    await expect(notifications.handle(broken)).rejects.toThrow(/data\.total/);
    const other = eventBridgeEvent('ProductChanged', { sku: 'A', slug: 'a', category: 'c', change: 'CREATED' });
    await expect(notifications.handle(other)).rejects.toThrow(/does not take ProductChanged/);
    expect(mailer.sent).toEqual([]);
    expect(ledger.entries.size).toBe(0);
  });
});
