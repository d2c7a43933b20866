import type { Shipment, ShipmentStatus } from './shipment';
import type { ShipmentChange, ShipmentsRepository } from './shipping';

/**
 * The repository in memory, with the adapter's conditions. `before` runs ahead of each write, to
 * stage a concurrent change; `writes` counts the writes that landed.
 */
export class FakeShipmentsRepository implements ShipmentsRepository {
  shipments = new Map<string, Shipment>();
  writes = 0;
  before?: (operation: 'putIfAbsent' | 'transition') => Promise<void> | void;

  async get(orderId: string) {
    const shipment = this.shipments.get(orderId);
    return shipment && structuredClone(shipment);
  }

  async putIfAbsent(shipment: Shipment) {
    await this.before?.('putIfAbsent');
    if (this.shipments.has(shipment.orderId)) return false;
    this.writes++;
    this.shipments.set(shipment.orderId, structuredClone(shipment));
    return true;
  }

  async transition(orderId: string, from: ShipmentStatus, change: ShipmentChange) {
    await this.before?.('transition');
    const current = this.shipments.get(orderId);
    if (!current || current.status !== from) return undefined;
    this.writes++;
    const next = { ...current, ...change, version: current.version + 1 };
    this.shipments.set(orderId, next);
    return structuredClone(next);
  }
}
