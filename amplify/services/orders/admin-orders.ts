import { z } from 'zod';
import { NotFoundError, parseInput, UserInputError } from '../shared/errors';
import { pageLimit, pageToken } from '../shared/page-args';
import { decodePageToken, encodePageToken } from '../shared/page-token';
import { toCustomerOrder, type CustomerOrder, type Order, type OrderStatus } from './order';

/**
 * The store admin's view of orders: any customer's, listed by status newest first, or one by id
 * with who placed it. Plain domain code; which callers may run it is the access policy's business.
 */

export const ORDER_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'FAILED',
  'SHIPPED',
  'CANCELLED',
] as const satisfies readonly OrderStatus[];

/** An order as an admin sees it: as its owner does (never the payment token), and whose it is. */
export interface AdminOrder {
  order: CustomerOrder;
  customerId: string;
  /** The email the customer ordered with; absent on orders placed before orders kept it. */
  customerEmail?: string;
}

export interface AdminOrderPage {
  items: AdminOrder[];
  nextToken: string | null;
}

/** One page of the orders in a status, newest first, from an index (status, createdAt): never a scan. */
export interface OrdersByStatus {
  get(orderId: string): Promise<Order | undefined>;
  byStatus(
    status: OrderStatus,
    limit: number,
    startKey?: Record<string, string>,
  ): Promise<{ orders: Order[]; lastKey?: Record<string, unknown> }>;
}

/** The index key a page ends on: the table's key and the index's own. */
const PAGE_KEY = ['orderId', 'status', 'createdAt'] as const;
export const MAX_ADMIN_ORDERS_PAGE = 100;

const listInput = z
  .object({
    status: z.enum(ORDER_STATUSES, {
      errorMap: () => ({ message: `status must be one of ${ORDER_STATUSES.join(', ')}` }),
    }),
    limit: pageLimit(MAX_ADMIN_ORDERS_PAGE, 25),
    nextToken: pageToken,
  })
  .strict();

const orderInput = z
  .object({
    orderId: z
      .string({ required_error: 'orderId is required' })
      .trim()
      .min(1, 'orderId must not be empty')
      .max(128, 'orderId must be at most 128 characters'),
  })
  .strict();

/** zod's "Required" names no field: say which one. */
const explain = (issue: z.ZodIssue) =>
  issue.code === 'invalid_type' && issue.received === 'undefined'
    ? `${issue.path.join('.')} is required`
    : issue.message;

export const parseAdminOrders = (input: unknown) => parseInput(listInput, input ?? {}, explain);
export const parseAdminOrder = (input: unknown) => parseInput(orderInput, input ?? {}, explain);

export const toAdminOrder = (order: Order): AdminOrder => ({
  order: toCustomerOrder(order),
  customerId: order.userId,
  customerEmail: order.email,
});

export class AdminOrders {
  constructor(private readonly orders: OrdersByStatus) {}

  /** The orders in `status`, newest first; `nextToken` continues where the last page ended. */
  async list(args: unknown): Promise<AdminOrderPage> {
    const { status, limit, nextToken } = parseAdminOrders(args);
    const start = decodePageToken(nextToken, PAGE_KEY);
    if (start && start.status !== status)
      throw new UserInputError(`nextToken belongs to the ${start.status} list, not ${status}`);
    const { orders, lastKey } = await this.orders.byStatus(status, limit, start);
    return { items: orders.map(toAdminOrder), nextToken: encodePageToken(lastKey) };
  }

  /** Any customer's order, with their email and its status history. */
  async get(args: unknown): Promise<AdminOrder> {
    const { orderId } = parseAdminOrder(args);
    const order = await this.orders.get(orderId);
    if (!order) throw new NotFoundError(`no order with id ${orderId}`);
    return toAdminOrder(order);
  }
}
