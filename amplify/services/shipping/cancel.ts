import type { EventBridgeEvent } from 'aws-lambda';
import { readEvent } from '../../events/consume';
import { observe } from '../shared/observability';
import { shippingFromEnvironment } from './service';

const shipping = shippingFromEnvironment();

/**
 * OrderCancelled consumer (EventBridge → Lambda, async): the shipment is CANCELLED. Throws
 * ShipmentAlreadyDispatched when the parcel has left, MalformedEvent on a bad event: both end in
 * the rule's dead-letter queue after Lambda's retries.
 */
export const handler = observe(async (event: EventBridgeEvent<string, unknown>) => {
  const { detail } = readEvent(event, ['OrderCancelled']);
  const { orderId, status } = await shipping.cancel(detail.data);
  return { orderId, status };
});
