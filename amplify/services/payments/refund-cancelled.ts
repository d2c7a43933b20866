import type { EventBridgeEvent } from 'aws-lambda';
import { readEvent } from '../../events/consume';
import { observe } from '../shared/observability';
import { paymentsFromEnv } from './config';

const payments = paymentsFromEnv(process.env);

/** OrderCancelled → the captured payment is refunded (once, however often the event comes). */
export const handler = observe(async (event: EventBridgeEvent<string, unknown>) => {
  const { detail } = readEvent(event, ['OrderCancelled']);
  return payments.refund({ orderId: detail.data.orderId });
});
