import { Inventory } from './inventory';
import { DynamoInventoryRepository } from './repository';

/** Built once per container from the function's environment; shared by the inventory handlers. */
export const inventory = new Inventory(
  new DynamoInventoryRepository({
    stock: process.env.STOCK_TABLE!,
    reservations: process.env.RESERVATIONS_TABLE!,
    adjustments: process.env.STOCK_ADJUSTMENTS_TABLE!,
  }),
);

/** How long an order may hold stock before the sweeper gives it back, unless the saga says otherwise. */
export const reservationTtlSeconds = () => Number(process.env.RESERVATION_TTL_SECONDS) || 15 * 60;
