import type { EventBridgeEvent } from 'aws-lambda';
import { readEvent } from '../../events/consume';
import { observe } from '../shared/observability';
import { orderLedgerFromEnvironment } from './environment';

const orders = orderLedgerFromEnvironment();

/** ShipmentDispatched → the order is SHIPPED (again, harmlessly, when the event comes twice). */
export const handler = observe(async (event: EventBridgeEvent<string, unknown>) => {
  const { detail } = readEvent(event, ['ShipmentDispatched']);
  const order = await orders.markShipped(detail.data.orderId);
  return { orderId: order.orderId, status: order.status };
});
