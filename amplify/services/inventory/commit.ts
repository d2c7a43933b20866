import { observe } from '../shared/observability';
import { inventory } from './service';

/**
 * Saga task "commit stock" (after payment capture): the held units are sold. Idempotent. Fails with
 * ReservationReleased (the hold expired first: refund), ReservationNotFound, or InventoryBusy (retry).
 */
export const handler = observe((event: { orderId: string }) => inventory.commit({ orderId: event.orderId }));
