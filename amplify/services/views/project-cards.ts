import type { Product } from '../catalog/product';
import type { StockItem } from '../inventory/stock';
import { applyProductChange, applyStockChange } from './apply';
import { observe } from '../shared/observability';
import { sourceTableOf, streamProjector } from './projector';
import { imagesOf } from '../../events/stream';
import { ViewStore } from './store';
import { viewTablesFromEnvironment } from './tables';

const store = new ViewStore(viewTablesFromEnvironment(['productCards']));
const stockTable = process.env.STOCK_TABLE;

/** ProductCards from two streams: the Product table's (the listing) and the Stock table's (inStock). */
export const handler = observe(
  streamProjector((record) =>
    sourceTableOf(record) === stockTable
      ? applyStockChange(store, ...imagesOf<StockItem>(record))
      : applyProductChange(store, ...imagesOf<Product>(record)),
  ),
);
