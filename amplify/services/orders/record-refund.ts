import type { EventBridgeEvent } from 'aws-lambda';
import { readEvent } from '../../events/consume';
import { observe } from '../shared/observability';
import { requiredEnv } from '../shared/environment';
import { recordRefund } from './refund';
import { DynamoRefundLedger } from './refund-repository';

const ledger = new DynamoRefundLedger(requiredEnv(process.env, 'ORDERS_TABLE', 'orders'));

/** PaymentRefunded → the refund is on the order, for the shopper to see (once, however often the event comes). */
export const handler = observe(async (event: EventBridgeEvent<string, unknown>) => {
  const { detail } = readEvent(event, ['PaymentRefunded']);
  const { orderId, amount, currency, refundedAt } = detail.data;
  const order = await recordRefund(ledger, orderId, { amount, currency, at: refundedAt });
  return { orderId: order.orderId, refund: order.refund };
});
