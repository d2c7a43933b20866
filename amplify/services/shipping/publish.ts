import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { EventPublisher } from '../../events/publish';
import { publishDispatches } from './outbox';

const logger = new Logger({ serviceName: 'shipping-publish' });
const publisher = EventPublisher.fromEnvironment();

/** The Shipments table's outbox: a stream consumer (ReportBatchItemFailures) publishing ShipmentDispatched. */
export const handler = (event: DynamoDBStreamEvent) =>
  publishDispatches(event.Records, publisher, (message, error) => logger.error(message, error as Error));
