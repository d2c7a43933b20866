/** The admins' order list's statuses and the one a URL asks for. Plain data, for server and client. */
import type { OrderStatus } from './types';

/** In the order an order moves through them, the dead ends last. */
export const ORDER_STATUSES: readonly OrderStatus[] = ['PENDING', 'CONFIRMED', 'SHIPPED', 'FAILED', 'CANCELLED'];

export const STATUS_LABELS: Record<OrderStatus, string> = {
  PENDING: 'Pending',
  CONFIRMED: 'Confirmed',
  SHIPPED: 'Shipped',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

/** The status `?status=` asks for (any case), or CONFIRMED: the orders an admin has work to do on. */
export const orderStatusOf = (value: string | string[] | undefined): OrderStatus => {
  const asked = (Array.isArray(value) ? value[0] : value)?.toUpperCase();
  return ORDER_STATUSES.find((s) => s === asked) ?? 'CONFIRMED';
};
