import { streamOutbox } from '../../events/stream';
import type { StockItem } from './stock';
import { stockLowEvents } from './stock-events';

const threshold = Number(process.env.LOW_STOCK_THRESHOLD);
if (!Number.isInteger(threshold) || threshold < 1) throw new Error('LOW_STOCK_THRESHOLD must be a whole number ≥ 1');

/** The stock table's stream → StockLow on the shop's bus. */
export const handler = streamOutbox<StockItem>(stockLowEvents(threshold));
