import { streamOutbox } from '../../events/stream';
import { observe } from '../shared/observability';
import { productChangedEvents } from './product-events';

/** The Product table's stream → ProductChanged on the shop's bus. */
export const handler = observe(streamOutbox(productChangedEvents));
