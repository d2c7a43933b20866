import type { AppSyncResolverEvent } from 'aws-lambda';
import { callerOf } from '../shared/errors';
import { ordersFromEnvironment } from './environment';

const orders = ordersFromEnvironment();

/**
 * `placeOrder(lines, shippingAddress, paymentToken, idempotencyKey)` for the caller the authorizer
 * vouched for. The arguments go to `Orders` unread: it checks them, and refuses any price in them.
 */
export const handler = (event: AppSyncResolverEvent<Record<string, unknown>>) => {
  const caller = callerOf(event.identity);
  return orders.placeOrder(caller.userId, event.arguments, caller.email);
};
