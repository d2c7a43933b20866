import type { DynamoDBStreamEvent } from 'aws-lambda';
import { EventPublisher } from '../../events/publish';
import { logger, observe } from '../shared/observability';
import { publishDispatches } from './outbox';

const publisher = EventPublisher.fromEnvironment();

/** The Shipments table's outbox: a stream consumer (ReportBatchItemFailures) publishing ShipmentDispatched. */
export const handler = observe((event: DynamoDBStreamEvent) =>
  publishDispatches(event.Records, publisher, (message, error) => logger.error(message, error as Error)),
);
