import { streamOutbox } from '../../events/stream';
import type { Order } from './order';
import { eventsOfChange } from './order-events';

/** The orders table's stream → OrderConfirmed and OrderCancelled on the shop's bus. */
export const handler = streamOutbox<Order>(eventsOfChange);
