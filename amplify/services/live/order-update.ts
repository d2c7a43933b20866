import type { Order, StatusChange } from '../orders/order';
import type { OrderRefund } from '../orders/refund';
import { toCustomerOrder } from '../orders/order';

/** What `onOrderUpdated` subscribers receive (the API's `OrderUpdate`). */
export interface OrderUpdate {
  orderId: string;
  /** The owner: the subscription's filter delivers the update to them only. */
  userId: string;
  status: Order['status'];
  statusHistory: StatusChange[];
  failureReason: string | null;
  refund: OrderRefund | null;
  updatedAt: string;
  version: number;
}

/**
 * The update an order's change announces to its live subscribers, read from the stream record's
 * before and after images: one for every change of status of an existing order and for its refund,
 * none otherwise (a new order has no subscriber yet; other changes have nothing to redraw).
 */
export const updateOfChange = (before: Order | undefined, after: Order | undefined): OrderUpdate | undefined => {
  if (!before || !after) return undefined;
  if (before.status === after.status && (before.refund || !after.refund)) return undefined;
  const { failureReason } = toCustomerOrder(after);
  return {
    orderId: after.orderId,
    userId: after.userId,
    status: after.status,
    statusHistory: after.statusHistory.map(({ status, at, reason }) => ({ status, at, ...(reason ? { reason } : {}) })),
    failureReason: failureReason ?? null,
    refund: after.refund ?? null,
    updatedAt: after.updatedAt,
    version: after.version,
  };
};
