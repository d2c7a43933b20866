import { observe } from '../shared/observability';
import type { Line } from './stock';
import { inventory, reservationTtlSeconds } from './service';

/** The saga's state: the order and its lines (other fields, like prices, are ignored). */
export interface ReserveEvent {
  orderId: string;
  lines: Line[];
  ttlSeconds?: number;
}

/**
 * Saga task "reserve stock": all lines or none. Fails with OutOfStock (compensate), InventoryBusy
 * (retry), ReservationReleased / ReservationMismatch / UserInputError (fail the order).
 */
export const handler = observe((event: ReserveEvent) =>
  inventory.reserve({
    orderId: event.orderId,
    lines: event.lines,
    ttlSeconds: event.ttlSeconds ?? reservationTtlSeconds(),
  }),
);
