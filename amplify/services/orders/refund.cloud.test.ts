/**
 * A cancelled order's refund, through the whole local cloud: cancelOrder → OrderCancelled → payments
 * refunds → PaymentRefunded (from the payments table's stream) → orders records the refund on the
 * order, which the shopper reads on the order and in their order history. Recorded once, however
 * often the event comes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eventsAbout, putOnBus } from '../../../local/testing/bus';
import { eventually } from '../../../local/testing/eventually';
import { confirmedOrder, ok, paymentOf, productWithStock } from '../../../local/testing/shop';
import { signInAdmin, signUpCustomer, type Customer } from '../../../local/testing/users';

let admin: string;
let shopper: Customer;
beforeAll(async () => {
  admin = (await signInAdmin()).idToken;
  shopper = await signUpCustomer();
});

interface RefundedOrder {
  orderId: string;
  status: string;
  total: number;
  currency: string;
  statusHistory: { status: string; at: string; reason: string | null }[];
  refund: { amount: number; currency: string; at: string } | null;
  updatedAt: string;
}

const ORDER = `query ($orderId: ID!) {
  order(orderId: $orderId) { orderId status total currency statusHistory { status at reason } refund { amount currency at } updatedAt }
}`;
const HISTORY = `query { myOrders(limit: 20) { items { orderId status timeline { status reason } refund { amount currency at } } } }`;

const orderNow = async (orderId: string) =>
  ((await ok(shopper.idToken, ORDER, { orderId })) as { order: RefundedOrder }).order;

const refundNotes = (order: { statusHistory: { reason: string | null }[] }) =>
  order.statusHistory.filter((c) => c.reason?.startsWith('Refunded'));

const cancelledOrder = async () => {
  const sku = await productWithStock(admin, 10, 1234);
  const { orderId } = await confirmedOrder(shopper.idToken, sku);
  await ok(shopper.idToken, `mutation ($orderId: ID!) { cancelOrder(orderId: $orderId) { status } }`, { orderId });
  return orderId;
};

describe('a cancelled order’s refund', () => {
  it('reaches the order and the order history: the amount, the currency, when, and a note in the timeline', async () => {
    const orderId = await cancelledOrder();
    const refunded = await eventually(async () => {
      const order = await orderNow(orderId);
      return order.refund && order;
    }, 'the refund on the order');

    expect(refunded.status).toBe('CANCELLED');
    expect(refunded.refund).toEqual({ amount: refunded.total, currency: 'USD', at: expect.any(String) });
    expect(await paymentOf(orderId)).toMatchObject({ status: 'REFUNDED', amount: refunded.total });
    const total = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(refunded.total / 100);
    expect(refundNotes(refunded)).toEqual([
      { status: 'CANCELLED', at: refunded.refund!.at, reason: `Refunded ${total}` },
    ]);
    expect(refunded.statusHistory.map((c) => c.status)).toEqual(['PENDING', 'CONFIRMED', 'CANCELLED', 'CANCELLED']);

    const [event, ...more] = await eventsAbout('PaymentRefunded.v1', orderId);
    expect(more).toEqual([]);
    expect(event.detail.data).toEqual({
      orderId,
      amount: refunded.total,
      currency: 'USD',
      refundedAt: refunded.refund!.at,
    });

    const summary = await eventually(async () => {
      const { myOrders } = (await ok(shopper.idToken, HISTORY)) as {
        myOrders: {
          items: { orderId: string; refund: RefundedOrder['refund']; timeline: { reason: string | null }[] }[];
        };
      };
      const found = myOrders.items.find((o) => o.orderId === orderId);
      return found?.refund && found;
    }, 'the refund in the order history');
    expect(summary.refund).toEqual(refunded.refund);
    expect(summary.timeline.at(-1)?.reason).toBe(`Refunded ${total}`);
  }, 60_000);

  it('is recorded once when PaymentRefunded is delivered again', async () => {
    const orderId = await cancelledOrder();
    const recorded = await eventually(async () => {
      const order = await orderNow(orderId);
      return order.refund && order;
    }, 'the refund on the order');
    const [event] = await eventsAbout('PaymentRefunded.v1', orderId);

    // The same event (same id), delivered twice more, as EventBridge may.
    const again = {
      Source: 'cloudshop.payments',
      DetailType: 'PaymentRefunded.v1',
      Detail: JSON.stringify(event.detail),
    };
    await putOnBus([again, again]);
    await eventually(
      async () => (await eventsAbout('PaymentRefunded.v1', orderId)).length === 3,
      'the repeated events on the bus',
    );
    await new Promise((r) => setTimeout(r, 3_000)); // time for the consumer to (not) act on them

    const after = await orderNow(orderId);
    expect(after.refund).toEqual(recorded.refund);
    expect(refundNotes(after)).toHaveLength(1);
    expect(after.updatedAt).toBe(recorded.updatedAt);
  }, 60_000);
});
