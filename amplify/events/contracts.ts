import { z } from 'zod/v4';

/**
 * The domain events services exchange on the shop's event bus: each one's `detail-type` (versioned:
 * a breaking change is a new version, published beside the old one until no consumer reads it),
 * its `source` (the service that owns the fact) and the schema of its `detail`. Every detail is an
 * envelope: `metadata` (the event's own id, the id of the business flow it belongs to, when it
 * happened) and `data`. The JSON Schemas in docs/events/ are generated from these
 * (`npm run events:schemas`); a test fails when they are stale.
 */

const isoTime = z.iso.datetime({ offset: true });
const money = z.number().int().nonnegative();
const sku = z.string().min(1);

export const metadata = z.object({
  /** Unique per fact and stable across redeliveries: consumers deduplicate on it. */
  eventId: z.string().min(1),
  /** The business flow the event belongs to (the order id for everything about an order). */
  correlationId: z.string().min(1),
  occurredAt: isoTime,
});
export type EventMetadata = z.infer<typeof metadata>;

const line = z.object({ sku, name: z.string(), unitPrice: money, quantity: z.number().int().positive() });

const address = z.object({
  name: z.string(),
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  region: z.string().optional(),
  postalCode: z.string(),
  country: z.string().length(2),
});

const order = {
  orderId: z.string().min(1),
  userId: z.string().min(1),
  /** Where the shopper's messages go (taken from their token when they ordered). */
  email: z.string().optional(),
  currency: z.string().length(3),
  total: money,
  lines: z.array(line).min(1),
};

/** Every event: where it comes from, what it is called on the bus, and what its `data` holds. */
export const EVENTS = {
  OrderConfirmed: {
    source: 'cloudshop.orders',
    detailType: 'OrderConfirmed.v1',
    data: z.object({ ...order, shippingAddress: address, confirmedAt: isoTime }),
  },
  OrderCancelled: {
    source: 'cloudshop.orders',
    detailType: 'OrderCancelled.v1',
    data: z.object({ ...order, cancelledAt: isoTime, reason: z.string().optional() }),
  },
  ShipmentDispatched: {
    source: 'cloudshop.shipping',
    detailType: 'ShipmentDispatched.v1',
    data: z.object({
      orderId: z.string().min(1),
      userId: z.string().min(1),
      email: z.string().optional(),
      shipmentId: z.string().min(1),
      carrier: z.string(),
      trackingNumber: z.string(),
      dispatchedAt: isoTime,
    }),
  },
  PaymentRefunded: {
    source: 'cloudshop.payments',
    detailType: 'PaymentRefunded.v1',
    data: z.object({
      orderId: z.string().min(1),
      /** What went back to the card, in minor units of `currency`. */
      amount: money,
      currency: z.string().length(3),
      refundedAt: isoTime,
    }),
  },
  StockLow: {
    source: 'cloudshop.inventory',
    detailType: 'StockLow.v1',
    data: z.object({ sku, available: z.number().int().nonnegative(), threshold: z.number().int().positive() }),
  },
  ProductChanged: {
    source: 'cloudshop.catalog',
    detailType: 'ProductChanged.v1',
    data: z.object({
      sku,
      slug: z.string().min(1),
      /** The slug before the change, when it changed: pages under it must go too. */
      previousSlug: z.string().optional(),
      category: z.string(),
      /** The category before the change, when it changed: its pages listed the product. */
      previousCategory: z.string().optional(),
      change: z.enum(['CREATED', 'UPDATED', 'ACTIVATED', 'DEACTIVATED']),
    }),
  },
} as const;

export type EventName = keyof typeof EVENTS;
export type EventData<N extends EventName> = z.infer<(typeof EVENTS)[N]['data']>;

/** The `detail` of an event of that name: its envelope. */
export const detailSchema = <N extends EventName>(name: N) => z.object({ metadata, data: EVENTS[name].data });
export type EventDetail<N extends EventName> = { metadata: EventMetadata; data: EventData<N> };

/** The event a `detail-type` names, if it is one of ours. */
export const eventNamed = (detailType: string): EventName | undefined =>
  (Object.keys(EVENTS) as EventName[]).find((name) => EVENTS[name].detailType === detailType);
