import type { AppSyncResolverEvent } from 'aws-lambda';
import { callerOf } from '../shared/errors';
import { orderLedgerFromEnvironment } from './environment';

const orders = orderLedgerFromEnvironment();

/** `cancelOrder(orderId)`: the caller cancels their own confirmed order before it ships. */
export const handler = (event: AppSyncResolverEvent<{ orderId: string }>) =>
  orders.cancel(callerOf(event.identity).userId, event.arguments);
