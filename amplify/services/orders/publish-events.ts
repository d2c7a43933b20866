import { streamOutbox } from '../../events/stream';
import { observe } from '../shared/observability';
import type { Order } from './order';
import { eventsOfChange } from './order-events';

/** The orders table's stream → OrderConfirmed and OrderCancelled on the shop's bus. */
export const handler = observe(streamOutbox<Order>(eventsOfChange));
