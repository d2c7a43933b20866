import { METRICS } from '../../observability/metrics';
import { count, logger, observe } from '../shared/observability';
import { orderLedgerFromEnvironment } from './environment';

const orders = orderLedgerFromEnvironment();

/** Saga task: every step succeeded; the order is CONFIRMED (again, harmlessly, on a retry). */
export const handler = observe(async ({ orderId }: { orderId: string }) => {
  const order = await orders.markConfirmed(orderId);
  logger.info('order confirmed');
  count(METRICS.OrdersConfirmed);
  return { orderId, status: order.status };
});
