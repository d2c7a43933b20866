import { randomUUID } from 'node:crypto';
import type { EventData } from '../../events/contracts';
import { ShipmentAlreadyDispatched, ShipmentBusy, ShipmentNotFound } from './errors';
import { CARRIER, parseOrderId, trackingNumberOf, type Shipment, type ShipmentStatus } from './shipment';

export type ShipmentChange =
  { status: 'DISPATCHED'; dispatchedAt: string } | { status: 'CANCELLED'; cancelledAt: string };

/** Where shipments are kept (the DynamoDB adapter, or a fake). Every write is conditional. */
export interface ShipmentsRepository {
  get(orderId: string): Promise<Shipment | undefined>;
  /** Writes the shipment unless its order already has one; answers whether it wrote. */
  putIfAbsent(shipment: Shipment): Promise<boolean>;
  /**
   * Applies `change` (and version + 1) only if the shipment is still `from`; answers the shipment
   * after the change, or undefined if it was not `from`.
   */
  transition(orderId: string, from: ShipmentStatus, change: ShipmentChange): Promise<Shipment | undefined>;
}

/** Reads after a concurrent change before giving up with ShipmentBusy. */
const MAX_ATTEMPTS = 5;

/**
 * The simulated warehouse: a shipment per confirmed order, dispatched later unless cancelled first.
 * Every use case is idempotent per order: the saga retries its tasks and EventBridge redelivers
 * events, and nothing changes twice.
 */
export class Shipping {
  constructor(
    private readonly repository: ShipmentsRepository,
    private readonly now: () => string = () => new Date().toISOString(),
    private readonly newId: () => string = () => `shp_${randomUUID()}`,
  ) {}

  /** A READY shipment for a confirmed order; the order's shipment as it is when it already has one. */
  async create(order: EventData<'OrderConfirmed'>): Promise<Shipment> {
    const shipment = this.newShipment(order, { status: 'READY', shippingAddress: order.shippingAddress });
    if (await this.repository.putIfAbsent(shipment)) return shipment;
    // It had one already: a redelivery, a concurrent twin, or the tombstone of a cancel that came first.
    return (await this.repository.get(order.orderId))!;
  }

  /**
   * READY → DISPATCHED. A dispatched shipment is returned as it is; so is a cancelled one, which
   * never leaves (the caller tells by its status).
   */
  async dispatch(input: unknown): Promise<Shipment> {
    const orderId = parseOrderId(input);
    return this.settle(orderId, async (current) => {
      if (!current) throw new ShipmentNotFound(orderId);
      if (current.status !== 'READY') return current;
      return this.repository.transition(orderId, 'READY', { status: 'DISPATCHED', dispatchedAt: this.now() });
    });
  }

  /**
   * READY → CANCELLED; a cancelled shipment is returned as it is. A dispatched one cannot be called
   * back (ShipmentAlreadyDispatched). An order with no shipment yet (the cancel overtook the saga)
   * gets a CANCELLED one, so that the saga's create finds it and never dispatches.
   */
  cancel(order: EventData<'OrderCancelled'>): Promise<Shipment> {
    return this.settle(order.orderId, async (current) => {
      const cancelledAt = this.now();
      if (!current) {
        const tombstone = this.newShipment(order, { status: 'CANCELLED', cancelledAt });
        return (await this.repository.putIfAbsent(tombstone)) ? tombstone : undefined;
      }
      if (current.status === 'CANCELLED') return current;
      if (current.status === 'DISPATCHED') throw new ShipmentAlreadyDispatched(order.orderId);
      return this.repository.transition(order.orderId, 'READY', { status: 'CANCELLED', cancelledAt });
    });
  }

  /** Reads the shipment and lets `step` decide; `step` answers undefined when a conditional write lost a race. */
  private async settle(
    orderId: string,
    step: (current: Shipment | undefined) => Promise<Shipment | undefined>,
  ): Promise<Shipment> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const done = await step(await this.repository.get(orderId));
      if (done) return done;
    }
    throw new ShipmentBusy(`the shipment of order ${orderId} kept changing; nothing was written, retry`);
  }

  private newShipment(
    order: Pick<EventData<'OrderConfirmed'>, 'orderId' | 'userId' | 'email' | 'lines'>,
    state: Pick<Shipment, 'status' | 'shippingAddress' | 'cancelledAt'>,
  ): Shipment {
    const shipmentId = this.newId();
    return {
      orderId: order.orderId,
      shipmentId,
      userId: order.userId,
      ...(order.email ? { email: order.email } : {}),
      lines: order.lines.map(({ sku, name, quantity }) => ({ sku, name, quantity })),
      ...state,
      // The label is printed with the shipment; the parcel carries it when it leaves.
      carrier: CARRIER,
      trackingNumber: trackingNumberOf(shipmentId),
      createdAt: this.now(),
      version: 1,
    };
  }
}
