import type { EventBridgeEvent } from 'aws-lambda';
import { logger, observe } from '../shared/observability';
import { notificationsFromEnvironment } from './environment';

const notifications = notificationsFromEnvironment(process.env, (message, details) =>
  logger.info(message, details ?? {}),
);

/**
 * Consumer (EventBridge → Lambda, async) of OrderConfirmed, ShipmentDispatched and StockLow.
 * Throws MalformedEvent for an unreadable event, and whatever SES or SNS threw (the claim released,
 * so Lambda's retry sends again); both end in the dead-letter queue once the retries are spent.
 */
export const handler = observe(async (event: EventBridgeEvent<string, unknown>) => {
  const result = await notifications.handle(event);
  logger.info(`${event['detail-type']}: ${result.outcome}`, result);
  return result;
});
