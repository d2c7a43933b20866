import { METRICS } from '../../observability/metrics';
import { count, logger, observe } from '../shared/observability';
import { orderLedgerFromEnvironment } from './environment';

const orders = orderLedgerFromEnvironment();

/** What Step Functions puts in `$.failure` when a Lambda task fails. */
interface Failure {
  Error?: string;
  Cause?: string;
}

/**
 * The shopper-readable reason of a failed step: the failing function's message (its `Cause` is
 * Lambda's error JSON), else the error's name.
 */
export const reasonOf = ({ Error: error, Cause: cause }: Failure = {}): string => {
  try {
    const message = (JSON.parse(cause ?? '') as { errorMessage?: unknown }).errorMessage;
    if (typeof message === 'string' && message.trim()) return message.trim();
  } catch {
    if (cause?.trim()) return cause.trim();
  }
  return error === 'States.Timeout' ? 'Checkout took too long; nothing was charged.' : 'Checkout failed.';
};

/** Saga compensation, last: the order is FAILED with the reason the shopper will read. */
export const handler = observe(async ({ orderId, failure }: { orderId: string; failure?: Failure }) => {
  const reason = reasonOf(failure).slice(0, 500);
  const order = await orders.markFailed(orderId, reason);
  logger.info('order failed', { reason, error: failure?.Error });
  count(METRICS.OrdersFailed);
  return { orderId, status: order.status };
});
