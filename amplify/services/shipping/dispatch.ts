import { observe } from '../shared/observability';
import { shippingFromEnvironment } from './service';

const shipping = shippingFromEnvironment();

/**
 * Shipping saga task "dispatch": READY → DISPATCHED (the outbox then publishes ShipmentDispatched).
 * A cancelled shipment stays put and is answered as such, not as an error.
 */
export const handler = observe(async (event: { orderId: string }) => {
  const { orderId, shipmentId, status, carrier, trackingNumber, dispatchedAt } = await shipping.dispatch(event);
  return status === 'DISPATCHED'
    ? { orderId, shipmentId, status, carrier, trackingNumber, dispatchedAt }
    : { orderId, shipmentId, status };
});
