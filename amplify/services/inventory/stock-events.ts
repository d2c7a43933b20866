import { eventIdOf, type OutgoingEvent } from '../../events/publish';
import { isLowStock } from './low-stock';
import type { StockItem } from './stock';

/**
 * StockLow when a SKU's available units fall below the threshold (not on every change while it
 * stays low, so admins get one alert per fall). The event id is the SKU and the time of the
 * change, the same on a redelivered record.
 */
export const stockLowEvents =
  (threshold: number) =>
  (before: StockItem | undefined, after: StockItem | undefined): OutgoingEvent[] => {
    if (!after || !isLowStock(after.available, threshold)) return [];
    if (before && isLowStock(before.available, threshold)) return [];
    return [
      {
        name: 'StockLow',
        detail: {
          metadata: {
            eventId: eventIdOf('stock-low', after.sku, after.updatedAt),
            correlationId: after.sku,
            occurredAt: after.updatedAt,
          },
          data: { sku: after.sku, available: after.available, threshold },
        },
      },
    ];
  };
