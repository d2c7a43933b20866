/**
 * The shipping service's errors. Step Functions and the event's retries see a Lambda error by its
 * `errorType`, which the Node.js runtime takes from `error.name`: each class fixes its own.
 */

/** The parcel has left: the order can no longer be cancelled. Surfaced by the event's retries and DLQ. */
export class ShipmentAlreadyDispatched extends Error {
  override readonly name = 'ShipmentAlreadyDispatched';
  constructor(readonly orderId: string) {
    super(`the shipment of order ${orderId} was already dispatched; it cannot be cancelled`);
  }
}

/** Dispatch of an order that has no shipment (the saga always creates it first: a bug). */
export class ShipmentNotFound extends Error {
  override readonly name = 'ShipmentNotFound';
  constructor(readonly orderId: string) {
    super(`order ${orderId} has no shipment`);
  }
}

/** The shipment kept changing under a use case (concurrent writers): nothing was written; retry. */
export class ShipmentBusy extends Error {
  override readonly name = 'ShipmentBusy';
}
