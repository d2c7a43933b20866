import { METRICS } from '../../observability/metrics';
import { count, observe } from '../shared/observability';
import { paymentsFromEnv } from './config';
import { InsufficientFunds, PaymentDeclined } from './errors';

const payments = paymentsFromEnv(process.env);

/**
 * Authorizes the order's payment: the saga's `AuthorizePayment` task, its state input the event.
 * PaymentsDeclined counts the provider's refusals of the card (final: the saga never retries them).
 */
export const handler = observe(async (event: unknown) => {
  try {
    return await payments.authorize(event);
  } catch (error) {
    if (error instanceof PaymentDeclined || error instanceof InsufficientFunds) count(METRICS.PaymentsDeclined);
    throw error;
  }
});
