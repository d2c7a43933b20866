import type { EventBridgeEvent } from 'aws-lambda';
import { readEvent } from '../../events/consume';
import { observe } from '../shared/observability';
import { dispatchDelayFromEnvironment, shippingFromEnvironment } from './service';

const shipping = shippingFromEnvironment();
const dispatchDelaySeconds = dispatchDelayFromEnvironment();

/**
 * Shipping saga task "create shipment": its input is the OrderConfirmed event that started the
 * execution. A repeat answers the shipment made the first time. Throws MalformedEvent on a bad event.
 */
export const handler = observe(async (event: EventBridgeEvent<string, unknown>) => {
  const { detail } = readEvent(event, ['OrderConfirmed']);
  const shipment = await shipping.create(detail.data);
  // A shipment cancelled before it was made has nothing to wait for.
  const wait = shipment.status === 'READY' ? dispatchDelaySeconds : 0;
  return { orderId: shipment.orderId, shipmentId: shipment.shipmentId, dispatchDelaySeconds: wait };
});
