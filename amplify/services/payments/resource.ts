import { defineFunction } from '@aws-amplify/backend';

/*
 * The checkout saga's payment tasks, one function each so that each step has its own timeout,
 * permissions and metrics. `amplify/backend.ts` gives them `PAYMENTS_TABLE` and access to it.
 *
 * The timeout stays well above the test provider's simulated provider timeout (2 s), so the saga
 * sees a named `ProviderTimeout` rather than a killed Lambda, and below the claim lease in
 * payments.ts (60 s), so a claim is only ever taken over from a Lambda that is certainly gone.
 */
const settings = {
  resourceGroupName: 'checkout',
  runtime: 22,
  timeoutSeconds: 15,
  /** The only provider for now; an unknown name fails the cold start (config.ts). */
  environment: { PAYMENT_PROVIDER: 'test' },
} as const;

export const paymentsAuthorize = defineFunction({ name: 'payments-authorize', entry: './authorize.ts', ...settings });
export const paymentsCapture = defineFunction({ name: 'payments-capture', entry: './capture.ts', ...settings });
export const paymentsVoid = defineFunction({ name: 'payments-void', entry: './void.ts', ...settings });
export const paymentsRefund = defineFunction({ name: 'payments-refund', entry: './refund.ts', ...settings });

/** OrderCancelled consumer: the captured payment is refunded. */
export const paymentsRefundCancelled = defineFunction({
  name: 'payments-refund-cancelled',
  entry: './refund-cancelled.ts',
  ...settings,
});

/** The outbox: the payments table's stream → PaymentRefunded on the bus (a cancelled order's refund, shown to the shopper). */
export const paymentsPublish = defineFunction({
  name: 'payments-publish',
  entry: './publish-events.ts',
  resourceGroupName: 'checkout',
  runtime: 22,
  timeoutSeconds: 30,
});
