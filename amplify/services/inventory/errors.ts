/**
 * The inventory's domain errors. Step Functions matches `Retry`/`Catch` on a Lambda task's
 * `errorType`, which the Node.js runtime takes from `error.name`: every class fixes its own name so
 * that a state machine can tell them apart (and a bundler's renaming cannot change them).
 */

/** Not enough units of one or more SKUs (an unknown SKU has none). Final: compensate, don't retry. */
export class OutOfStock extends Error {
  override readonly name = 'OutOfStock';
  constructor(readonly skus: string[]) {
    super(`out of stock: ${skus.join(', ')}`);
  }
}

/** The order's reservation was released (compensated or expired); it cannot be reserved or committed again. */
export class ReservationReleased extends Error {
  override readonly name = 'ReservationReleased';
  constructor(readonly orderId: string) {
    super(`the reservation of order ${orderId} was released`);
  }
}

/** The order already holds a reservation for other lines: a saga bug or a reused order id. */
export class ReservationMismatch extends Error {
  override readonly name = 'ReservationMismatch';
  constructor(readonly orderId: string) {
    super(`order ${orderId} already holds a reservation for other lines`);
  }
}

/** Commit of an order that never reserved anything. */
export class ReservationNotFound extends Error {
  override readonly name = 'ReservationNotFound';
  constructor(readonly orderId: string) {
    super(`order ${orderId} has no reservation`);
  }
}

/**
 * Too much contention on the same items even after the adapter's own retries. Nothing was written:
 * the one error a state machine should `Retry` (with backoff).
 */
export class InventoryBusy extends Error {
  override readonly name = 'InventoryBusy';
}

/**
 * Port signals (adapter → use case), not meant to leave the service: a conditional write found the
 * item not as it was read, so the use case reads again and decides anew.
 */
export class ReservationChanged extends Error {
  override readonly name = 'ReservationChanged';
}

export class StockChanged extends Error {
  override readonly name = 'StockChanged';
}
