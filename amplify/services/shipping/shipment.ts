import { createHash } from 'node:crypto';
import { z } from 'zod/v4';
import { UserInputError } from '../shared/errors';
import type { EventData } from '../../events/contracts';

export type ShipmentStatus = 'READY' | 'DISPATCHED' | 'CANCELLED';

export interface ShipmentLine {
  sku: string;
  name: string;
  quantity: number;
}

export type ShippingAddress = EventData<'OrderConfirmed'>['shippingAddress'];

/** One shipment per order, keyed by the order id. */
export interface Shipment {
  orderId: string;
  shipmentId: string;
  userId: string;
  email?: string;
  lines: ShipmentLine[];
  /** Absent only on a shipment cancelled before it was made (see `Shipping.cancel`). */
  shippingAddress?: ShippingAddress;
  status: ShipmentStatus;
  carrier: string;
  trackingNumber: string;
  createdAt: string;
  dispatchedAt?: string;
  cancelledAt?: string;
  /** 1 when written first, incremented by every write: the projections order changes by it. */
  version: number;
}

/** The one carrier the simulated warehouse hands parcels to. */
export const CARRIER = 'Cloudshop Post';

/**
 * The carrier's tracking number for a shipment: derived from its id, so that every write of the
 * same shipment (a retry, a repeat) prints the same label. `CP` + 11 digits + `CS`.
 */
export const trackingNumberOf = (shipmentId: string): string => {
  const digest = createHash('sha256').update(shipmentId).digest();
  const digits = Array.from(digest.subarray(0, 11), (byte) => byte % 10).join('');
  return `CP${digits}CS`;
};

const orderIdInput = z.object({ orderId: z.string().min(1) });

/** `{ orderId }`, as a saga task receives it. */
export const parseOrderId = (input: unknown): string => {
  const parsed = orderIdInput.safeParse(input);
  if (!parsed.success) throw new UserInputError('the task needs { orderId }');
  return parsed.data.orderId;
};

/** The integer number of seconds the warehouse waits before dispatching (0: at once). */
export const parseDispatchDelay = (value: string | undefined): number => {
  const seconds = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(seconds) || seconds < 0)
    throw new Error(`SHIPMENT_DISPATCH_DELAY_SECONDS must be an integer ≥ 0 (it is ${JSON.stringify(value)})`);
  return seconds;
};
