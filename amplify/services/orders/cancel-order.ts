import type { AppSyncResolverEvent } from 'aws-lambda';
import { METRICS } from '../../observability/metrics';
import { callerOf } from '../shared/errors';
import { count, observe } from '../shared/observability';
import { orderLedgerFromEnvironment } from './environment';

const orders = orderLedgerFromEnvironment();

/** `cancelOrder(orderId)`: the caller cancels their own confirmed order before it ships. */
export const handler = observe(async (event: AppSyncResolverEvent<{ orderId: string }>) => {
  const order = await orders.cancel(callerOf(event.identity).userId, event.arguments);
  count(METRICS.OrdersCancelled); // once: cancelling a cancelled order is refused
  return order;
});
