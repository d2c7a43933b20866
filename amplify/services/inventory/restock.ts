import type { EventBridgeEvent } from 'aws-lambda';
import { readEvent } from '../../events/consume';
import { observe } from '../shared/observability';
import { inventory } from './service';

/** OrderCancelled → the order's units are for sale again (once, however often the event comes). */
export const handler = observe(async (event: EventBridgeEvent<string, unknown>) => {
  const { detail } = readEvent(event, ['OrderCancelled']);
  return inventory.restock({ orderId: detail.data.orderId });
});
