import type { AppSyncResolverEvent } from 'aws-lambda';
import { callerOf } from '../shared/errors';
import { observe } from '../shared/observability';
import { orderLedgerFromEnvironment } from './environment';

const orders = orderLedgerFromEnvironment();

/** `order(orderId)`: the caller's own order; another user's is reported as not found. */
export const handler = observe((event: AppSyncResolverEvent<{ orderId: string }>) =>
  orders.order(callerOf(event.identity).userId, event.arguments),
);
