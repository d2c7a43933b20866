import type { Product } from '../catalog/product';
import type { StockItem } from '../inventory/stock';
import type { Order } from '../orders/order';
import { contributionOf } from './daily-sales';
import { orderHistoryWrite } from './order-history';
import { productCardWrite, stockCardWrite } from './product-cards';
import type { ViewStore } from './store';

/** One change of a source item (`before` → `after`) applied to the views it feeds. */

export const applyProductChange = async (views: ViewStore, before?: Product, after?: Product) => {
  for (const write of productCardWrite(before, after)) await views.applyCard(write);
};

export const applyStockChange = async (views: ViewStore, before?: StockItem, after?: StockItem) => {
  for (const write of stockCardWrite(before, after)) await views.applyCard(write);
};

export const applyOrderChange = async (views: ViewStore, before?: Order, after?: Order) => {
  for (const write of orderHistoryWrite(before, after)) await views.applyHistory(write);
  for (const contribution of contributionOf(before, after)) await views.applyContribution(contribution);
};
