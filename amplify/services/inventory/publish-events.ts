import { streamOutbox } from '../../events/stream';
import { lowStockThresholdOf } from './low-stock';
import type { StockItem } from './stock';
import { stockLowEvents } from './stock-events';

const threshold = lowStockThresholdOf(process.env);

/** The stock table's stream → StockLow on the shop's bus. */
export const handler = streamOutbox<StockItem>(stockLowEvents(threshold));
