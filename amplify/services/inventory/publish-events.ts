import { streamOutbox } from '../../events/stream';
import { observe } from '../shared/observability';
import { lowStockThresholdOf } from './low-stock';
import type { StockItem } from './stock';
import { stockLowEvents } from './stock-events';

const threshold = lowStockThresholdOf(process.env);

/** The stock table's stream → StockLow on the shop's bus. */
export const handler = observe(streamOutbox<StockItem>(stockLowEvents(threshold)));
