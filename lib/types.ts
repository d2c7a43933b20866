import type { Schema } from '@/amplify/data/resource';

/** A product as shoppers see it (active only, no bookkeeping). */
export type CatalogProduct = Schema['CatalogProduct']['type'];

export type Category = Pick<Schema['Category']['type'], 'slug' | 'name' | 'description' | 'position'>;

/** A product as the admin sees it. */
export type AdminProduct = Pick<
  Schema['Product']['type'],
  'sku' | 'slug' | 'name' | 'description' | 'category' | 'price' | 'currency' | 'images' | 'active'
>;

export type AdminCreateProductInput = Schema['adminCreateProduct']['args'];

/** A SKU's stock as admins see it: `reserved` is held by orders still in checkout. */
export type StockItem = Schema['StockItem']['type'];

/** A page of every SKU's stock, and below how many available units a SKU is low. */
export interface StockPage {
  items: StockItem[];
  nextToken: string | null;
  lowStockThreshold: number;
}

/** Any customer's order as an admin sees it; a list selects only part of `order`. */
export type AdminOrder = Schema['AdminOrder']['type'];

export type AdminUpdateProductInput = Schema['adminUpdateProduct']['args'];

/** One UTC day of sales (the DailySales view): revenue per currency in minor units. */
export type DailySales = Schema['DailySales']['type'];

/** The orders a product grid can be in (`productCards`' `sort`). */
export type ProductSort = NonNullable<Schema['productCards']['args']['sort']>;

/**
 * What a product grid lists (the `productCards` arguments but the page), so "Load more" can ask
 * for the next page of the same list. Prices are minor units.
 */
export interface CatalogQuery {
  text?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  sort: ProductSort;
}

/** What a cart holds of a product, and what the API takes: never a price. */
export type CartLine = Schema['CartLine']['type'];

/** A line priced by the server. */
export type OrderLine = Schema['OrderLine']['type'];

/** A cart priced by the server; `tax` is null until the destination country is known. */
export type Quote = Schema['Quote']['type'];

export type StockLevel = Schema['StockLevel']['type'];

export type ShippingAddress = Schema['ShippingAddress']['type'];

export type OrderStatus = NonNullable<Schema['Order']['type']['status']>;

/** The signed-in customer as `me` answers: their email, access policy and when they joined. */
export type CustomerProfile = Pick<Schema['CustomerProfile']['type'], 'email' | 'policyId' | 'createdAt'>;

/** Money that went back to the shopper's card once their (cancelled) order was refunded. */
export type OrderRefund = Schema['OrderRefund']['type'];

/** A customer's order as `order(orderId)` and `placeOrder` answer it. */
export type Order = Schema['Order']['type'];

export type PlaceOrderInput = Schema['placeOrder']['args'];

/** A product as a catalog grid shows it (from the ProductCards view, `productCards`). */
export interface GridProduct {
  sku: string;
  slug: string;
  name: string;
  price: number;
  currency: string;
  /** The first image, if any. */
  image: string | null;
  inStock: boolean;
}

/** One page of a product grid; `nextToken` is set when there are more, `total` counts them all. */
export interface GridPage {
  items: GridProduct[];
  nextToken: string | null;
  total: number;
}

/** A product in the ProductCards view (`productCards`), as the API answers it. */
export type ProductCard = Schema['ProductCard']['type'];

/** One change of an order's status: when, and why where there is a reason (a failure's). */
export type OrderStatusChange = Schema['OrderStatusChange']['type'];

/** An order in its owner's history (the OrderHistory view, `myOrders`). */
export type OrderSummary = Schema['OrderSummary']['type'];

/** One page of the signed-in customer's orders, newest first. */
export interface OrderHistoryPage {
  items: OrderSummary[];
  nextToken: string | null;
}
