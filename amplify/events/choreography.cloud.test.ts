/**
 * Choreography through the whole local cloud: services that react to each other's events on the
 * shop bus, never calling each other. Orders, stock, products and shipments publish from their
 * tables' streams; rules carry the events to shipping, notifications, payments and inventory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eventsAbout, inspect, putOnBus, type BusEvent } from '../../local/testing/bus';
import { graphql } from '../../local/testing/cloud-env';
import { eventually } from '../../local/testing/eventually';
import {
  confirmedOrder,
  ok,
  ORDER_FIELDS,
  paymentOf,
  type PlacedOrder,
  productWithStock,
  stockOf,
} from '../../local/testing/shop';
import { emailsTo, signInAdmin, signUpCustomer, type Customer } from '../../local/testing/users';

let admin: string;
let shopper: Customer;
beforeAll(async () => {
  admin = (await signInAdmin()).idToken;
  shopper = await signUpCustomer();
});

const ORDER = `query ($orderId: ID!) { order(orderId: $orderId) { ${ORDER_FIELDS} } }`;
const orderNow = async (orderId: string) =>
  ((await ok(shopper.idToken, ORDER, { orderId })) as { order: PlacedOrder }).order;
const cancel = (orderId: string) =>
  graphql(
    shopper.idToken,
    `
      mutation ($orderId: ID!) {
        cancelOrder(orderId: $orderId) {
          orderId
          status
        }
      }
    `,
    {
      orderId,
    },
  );

describe('a confirmed order', () => {
  it('is announced once, shipped after the warehouse delay, marked SHIPPED and mailed about twice', async () => {
    const sku = await productWithStock(admin, 20);
    const order = await confirmedOrder(shopper.idToken, sku, 2);

    const [confirmed, ...again] = await eventually(async () => {
      const found = await eventsAbout('OrderConfirmed.v1', order.orderId);
      return found.length > 0 && found;
    }, 'OrderConfirmed');
    expect(again).toEqual([]);
    expect(confirmed.detail.data).toMatchObject({ orderId: order.orderId, userId: shopper.sub, email: shopper.email });

    const shipped = await eventually(async () => {
      const now = await orderNow(order.orderId);
      return now.status === 'SHIPPED' && now;
    }, 'the order to ship');
    expect(shipped.statusHistory.map((c) => c.status)).toEqual(['PENDING', 'CONFIRMED', 'SHIPPED']);
    const [dispatched] = await eventsAbout('ShipmentDispatched.v1', order.orderId);
    expect(dispatched.detail.data).toMatchObject({ orderId: order.orderId, carrier: 'Cloudshop Post' });

    const mails = await eventually(async () => {
      const received = await emailsTo(shopper.email);
      const subjects = received.map((m) => m.subject ?? '');
      return subjects.some((s) => /shipped|on its way/i.test(s)) && subjects;
    }, 'the dispatch email');
    expect(mails.filter((s) => /confirmed/i.test(s))).toHaveLength(1);
    expect(mails.filter((s) => /shipped|on its way/i.test(s))).toHaveLength(1);
  }, 60_000);
});

describe('cancelOrder', () => {
  it('cancels a confirmed order: the payment is refunded, the stock restocked, nothing ships', async () => {
    const sku = await productWithStock(admin, 10);
    const order = await confirmedOrder(shopper.idToken, sku, 3);
    expect(await stockOf(sku)).toMatchObject({ available: 7 });

    const cancelled = await cancel(order.orderId);
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data?.cancelOrder).toEqual({ orderId: order.orderId, status: 'CANCELLED' });

    await eventually(async () => (await paymentOf(order.orderId))?.status === 'REFUNDED', 'the refund');
    await eventually(async () => (await stockOf(sku))?.available === 10, 'the restock');
    expect(await eventsAbout('OrderCancelled.v1', order.orderId)).toHaveLength(1);

    // Cancelling again changes nothing; the order never ships.
    expect((await cancel(order.orderId)).data?.cancelOrder).toMatchObject({ status: 'CANCELLED' });
    await new Promise((r) => setTimeout(r, 12_000)); // past the warehouse's dispatch delay
    expect((await orderNow(order.orderId)).status).toBe('CANCELLED');
    expect(await eventsAbout('ShipmentDispatched.v1', order.orderId)).toEqual([]);
    expect(await stockOf(sku)).toMatchObject({ available: 10, reserved: 0 });
  }, 60_000);

  it('refuses what cannot be cancelled, saying why, and another shopper’s order as not found', async () => {
    const sku = await productWithStock(admin, 10);
    const order = await confirmedOrder(shopper.idToken, sku);
    const stranger = await signUpCustomer();
    const theirs = await graphql(
      stranger.idToken,
      `
        mutation ($orderId: ID!) {
          cancelOrder(orderId: $orderId) {
            orderId
          }
        }
      `,
      { orderId: order.orderId },
    );
    expect(theirs.errors?.[0].message).toBe(`no order with id ${order.orderId}`);
    await eventually(async () => (await orderNow(order.orderId)).status === 'SHIPPED', 'the order to ship');
    const late = await cancel(order.orderId);
    expect(late.errors?.[0].message).toBe('This order has shipped and can no longer be cancelled.');
    expect(await paymentOf(order.orderId)).toMatchObject({ status: 'CAPTURED' });
  }, 60_000);
});

describe('consumers', () => {
  it('change nothing twice when an event is delivered twice', async () => {
    const sku = await productWithStock(admin, 10);
    const order = await confirmedOrder(shopper.idToken, sku, 2);
    await cancel(order.orderId);
    await eventually(async () => (await stockOf(sku))?.available === 10, 'the restock');
    const [event] = await eventsAbout('OrderCancelled.v1', order.orderId);
    // The same event (same id), delivered again, as EventBridge may.
    await putOnBus([
      { Source: 'cloudshop.orders', DetailType: 'OrderCancelled.v1', Detail: JSON.stringify(event.detail) },
    ]);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await stockOf(sku)).toMatchObject({ available: 10, reserved: 0 });
    expect(await paymentOf(order.orderId)).toMatchObject({ status: 'REFUNDED' });
  }, 60_000);

  it('put a poison event in a dead-letter queue and carry on with the events behind it', async () => {
    await putOnBus([
      {
        Source: 'cloudshop.orders',
        DetailType: 'OrderCancelled.v1',
        Detail: JSON.stringify({ metadata: { eventId: 'poison' }, data: { orderId: 42 } }),
      },
    ]);
    const sku = await productWithStock(admin, 10);
    const order = await confirmedOrder(shopper.idToken, sku);
    await cancel(order.orderId);
    await eventually(async () => (await stockOf(sku))?.available === 10, 'the restock behind the poison event');
    const queues = await eventually(async () => {
      const all = await inspect<{ name: string; logicalId?: string; messages: { visible: number } }[]>('/sqs/queues');
      const dead = all.filter(
        (q) => q.logicalId?.startsWith('RestockCancelledOrdersDeadLetters') && q.messages.visible > 0,
      );
      return dead.length > 0 && dead;
    }, 'the dead letter');
    const [letter] = await inspect<{ body: string }[]>(`/sqs/queues/${queues[0].name}/messages`);
    expect(letter.body).toContain('MalformedEvent');
  }, 60_000);
});

describe('StockLow', () => {
  it('alerts the admins once when an order takes a SKU below the threshold', async () => {
    const sku = await productWithStock(admin, 6);
    await confirmedOrder(shopper.idToken, sku, 2); // 6 → 4, below 5
    const [low, ...more] = await eventually(async () => {
      const found = await eventsAbout('StockLow.v1', sku);
      return found.length > 0 && found;
    }, 'StockLow');
    expect(more).toEqual([]);
    expect(low.detail.data).toEqual({ sku, available: 4, threshold: 5 });
    await eventually(async () => {
      const alerts = await inspect<{ message?: string; Message?: string }[]>('/outbox/sns');
      return alerts.some((a) => JSON.stringify(a).includes(sku));
    }, 'the admin alert');
  }, 60_000);
});

describe('ProductChanged', () => {
  it('is published when an admin edits a product', async () => {
    const sku = await productWithStock(admin, 1);
    await ok(admin, `mutation ($sku: String!) { adminUpdateProduct(sku: $sku, price: 1999) { sku } }`, { sku });
    const changes = await eventually(async () => {
      const found = (await inspect<BusEvent[]>('/events?detailType=ProductChanged.v1')).filter(
        (e) => e.detail.data.sku === sku,
      );
      return found.length >= 2 && found;
    }, 'ProductChanged');
    expect(changes.map((e) => e.detail.data.change)).toEqual(['CREATED', 'UPDATED']);
  }, 60_000);
});
