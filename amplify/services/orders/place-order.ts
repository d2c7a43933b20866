import type { AppSyncResolverEvent } from 'aws-lambda';
import { METRICS } from '../../observability/metrics';
import { callerOf } from '../shared/errors';
import { count, logger, observe } from '../shared/observability';
import { ordersFromEnvironment } from './environment';

const orders = ordersFromEnvironment();

/**
 * `placeOrder(lines, shippingAddress, paymentToken, idempotencyKey)` for the caller the authorizer
 * vouched for. The arguments go to `Orders` unread: it checks them, and refuses any price in them.
 * OrdersPlaced counts new orders only, not a retry answered with the order it made.
 */
export const handler = observe(async (event: AppSyncResolverEvent<Record<string, unknown>>) => {
  const caller = callerOf(event.identity);
  const { order, created } = await orders.place(caller.userId, event.arguments, caller.email);
  logger.appendKeys({ order_id: order.orderId });
  logger.info(created ? 'order placed' : 'order replayed', { status: order.status });
  if (created) count(METRICS.OrdersPlaced);
  return order;
});
