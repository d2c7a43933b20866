/**
 * The shop's business and health metrics: what the handlers emit (Powertools Metrics, as CloudWatch
 * embedded metric format) and what the alarms and the dashboard read. One list, so a renamed metric
 * cannot silently leave an alarm watching nothing.
 */
export const METRICS_NAMESPACE = 'cloudshop';

export const METRICS = {
  /** `placeOrder` wrote a PENDING order and started the saga. */
  OrdersPlaced: 'OrdersPlaced',
  /** The saga confirmed an order. */
  OrdersConfirmed: 'OrdersConfirmed',
  /** The saga marked an order FAILED (after its compensations). */
  OrdersFailed: 'OrdersFailed',
  /** A shopper cancelled a confirmed order. */
  OrdersCancelled: 'OrdersCancelled',
  /** The payment provider declined an authorization. */
  PaymentsDeclined: 'PaymentsDeclined',
  /** The authorizer refused a token or an operation. */
  AuthorizerRefusals: 'AuthorizerRefusals',
  /** Milliseconds from a write to its projection into a read view (the stream record's age). */
  ProjectionLag: 'ProjectionLag',
  /** Messages that reached a dead-letter queue (counted where the local cloud or a consumer sees them). */
  DeadLetters: 'DeadLetters',
} as const;

export type MetricName = (typeof METRICS)[keyof typeof METRICS];
