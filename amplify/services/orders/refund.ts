import { formatPrice } from '../../../lib/money';
import { NotFoundError, UserInputError } from '../shared/errors';
import type { Order, OrderStatus, StatusChange } from './order';

/** Money that went back to the shopper's card, as payments reported it (PaymentRefunded). */
export interface OrderRefund {
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  at: string;
}

/**
 * The timeline's note of a refund, in the shopper's words (`Refunded $12.34`). A refund does not
 * change the status, so its entry repeats the status the order had then.
 */
export const refundEntry = (status: OrderStatus, refund: OrderRefund): StatusChange => ({
  status,
  at: refund.at,
  reason: `Refunded ${formatPrice(refund.amount, refund.currency)}`,
});

/** The orders table as recording a refund needs it. */
export interface RefundLedger {
  get(orderId: string): Promise<Order | undefined>;
  /**
   * Sets the order's refund and appends `entry` to its history, only if it has no refund yet and is
   * still `status`; answers the order after the change, or undefined if either condition failed.
   */
  recordRefund(
    orderId: string,
    status: OrderStatus,
    refund: OrderRefund,
    entry: StatusChange,
  ): Promise<Order | undefined>;
}

/** A status change won the race three times in a row: something is wrong, and the event is retried. */
const ROUNDS = 3;

/**
 * Payments refunded the order: the refund is kept on the order, with a note in its timeline, once.
 * Idempotent by the state it changes (decision 7): a repeated event finds the refund recorded and
 * changes nothing. The write is conditional on the status read, so the note never names a status
 * the order had already left. A refund in another currency than the order's is refused: it cannot
 * be this order's payment, and retrying cannot help.
 */
export const recordRefund = async (ledger: RefundLedger, orderId: string, refund: OrderRefund): Promise<Order> => {
  for (let round = 0; round < ROUNDS; round++) {
    const order = await ledger.get(orderId);
    if (!order) throw new NotFoundError(`no order with id ${orderId}`);
    if (order.refund) return order;
    if (refund.currency !== order.currency)
      throw new UserInputError(
        `the refund of order ${orderId} is in ${refund.currency}, but the order was paid in ${order.currency}`,
      );
    const recorded = await ledger.recordRefund(orderId, order.status, refund, refundEntry(order.status, refund));
    if (recorded) return recorded;
  }
  throw new Error(`order ${orderId} kept changing while its refund was recorded; try again`);
};
