import { a, defineData, type ClientSchema } from '@aws-amplify/backend';
import { authorizer, listAccessPolicies } from '../services/access/resource';
import { catalog } from '../services/catalog/resource';
import { me } from '../services/identity/resource';
import { inventoryStock } from '../services/inventory/resource';
import { ordersAdmin, ordersCancel, ordersGet, ordersPlace, ordersQuote } from '../services/orders/resource';
import { viewsRead } from '../services/views/resource';

/**
 * The GraphQL API. Every request passes the access service's Lambda authorizer; which operation a
 * caller may run is decided there (its `deniedFields`), so every rule below is `allow.custom()`.
 */
const schema = a.schema({
  Product: a
    .model({
      sku: a.string().required(),
      slug: a.string().required(),
      name: a.string().required(),
      description: a.string().required(),
      category: a.string().required(),
      /** Integer minor units of `currency` (cents for USD): money is never a float. */
      price: a.integer().required(),
      currency: a.string().required(),
      images: a.string().array().required(),
      active: a.boolean().required(),
      /** Lower-cased name, description, category and SKU, for text search (see the ProductCards view). */
      searchText: a.string().required(),
    })
    .identifier(['sku'])
    .secondaryIndexes((index) => [
      index('category').sortKeys(['name']).name('byCategory').queryField('listProductsByCategory'),
      index('slug').name('bySlug').queryField('listProductsBySlug'),
    ])
    .disableOperations(['mutations', 'subscriptions'])
    .authorization((allow) => [allow.custom()]),

  /** Claims a slug for one SKU, so two products can never share a URL. Written with the product. */
  ProductSlug: a
    .model({ slug: a.string().required(), sku: a.string().required() })
    .identifier(['slug'])
    .disableOperations(['mutations', 'subscriptions', 'list'])
    .authorization((allow) => [allow.custom()]),

  Category: a
    .model({
      slug: a.string().required(),
      name: a.string().required(),
      description: a.string(),
      position: a.integer().required(),
    })
    .identifier(['slug'])
    .disableOperations(['subscriptions'])
    .authorization((allow) => [allow.custom()]),

  /** What shoppers see of a product: only active ones, without the admin's bookkeeping. */
  CatalogProduct: a.customType({
    sku: a.string().required(),
    slug: a.string().required(),
    name: a.string().required(),
    description: a.string().required(),
    category: a.string().required(),
    price: a.integer().required(),
    currency: a.string().required(),
    images: a.string().required().array().required(),
  }),

  ProductPage: a.customType({
    items: a.ref('CatalogProduct').required().array().required(),
    nextToken: a.string(),
  }),

  /** An access policy as the authorizer applies it (the policy table is the authority). */
  AccessPolicy: a.customType({
    id: a.string().required(),
    version: a.integer().required(),
    description: a.string().required(),
    allowedOperations: a.string().required().array().required(),
  }),

  CustomerProfile: a.customType({
    userId: a.string().required(),
    email: a.string().required(),
    policyId: a.string().required(),
    createdAt: a.datetime().required(),
  }),

  /** A line as the client sends it (`CartLineInput`): what and how many, never a price. */
  CartLine: a.customType({
    sku: a.string().required(),
    quantity: a.integer().required(),
  }),

  /** A priced line: prices are integer minor units read from the catalog. */
  OrderLine: a.customType({
    sku: a.string().required(),
    name: a.string().required(),
    unitPrice: a.integer().required(),
    quantity: a.integer().required(),
    lineTotal: a.integer().required(),
  }),

  /** Also the `placeOrder` argument (`ShippingAddressInput`). */
  ShippingAddress: a.customType({
    name: a.string().required(),
    line1: a.string().required(),
    line2: a.string(),
    city: a.string().required(),
    region: a.string(),
    postalCode: a.string().required(),
    /** ISO 3166-1 alpha-2, e.g. US. */
    country: a.string().required(),
  }),

  OrderStatusChange: a.customType({
    status: a.ref('OrderStatus').required(),
    at: a.datetime().required(),
    reason: a.string(),
  }),

  OrderStatus: a.enum(['PENDING', 'CONFIRMED', 'FAILED', 'SHIPPED', 'CANCELLED']),

  /** Money that went back to the shopper's card (a cancelled order's payment). */
  OrderRefund: a.customType({
    /** Integer minor units of `currency`. */
    amount: a.integer().required(),
    currency: a.string().required(),
    at: a.datetime().required(),
  }),

  /** An order as its owner sees it (never its payment token). */
  Order: a.customType({
    orderId: a.id().required(),
    status: a.ref('OrderStatus').required(),
    lines: a.ref('OrderLine').required().array().required(),
    currency: a.string().required(),
    subtotal: a.integer().required(),
    shipping: a.integer().required(),
    tax: a.integer().required(),
    total: a.integer().required(),
    shippingAddress: a.ref('ShippingAddress').required(),
    statusHistory: a.ref('OrderStatusChange').required().array().required(),
    /** Why the order failed, in words for the shopper; set only when FAILED. */
    failureReason: a.string(),
    /** Set once the payment was refunded. */
    refund: a.ref('OrderRefund'),
    createdAt: a.datetime().required(),
    updatedAt: a.datetime().required(),
  }),

  /** Any customer's order as an admin sees it: the order, and whose it is. */
  AdminOrder: a.customType({
    order: a.ref('Order').required(),
    customerId: a.string().required(),
    /** The email the customer ordered with. */
    customerEmail: a.string(),
  }),

  AdminOrderPage: a.customType({
    items: a.ref('AdminOrder').required().array().required(),
    nextToken: a.string(),
  }),

  /**
   * An order's change as its live subscribers receive it (see amplify/services/live): enough to
   * redraw the order page's status and history. `userId` is the owner, which the subscription's
   * filter matches against the subscriber.
   */
  OrderUpdate: a.customType({
    orderId: a.id().required(),
    userId: a.string().required(),
    status: a.ref('OrderStatus').required(),
    statusHistory: a.ref('OrderStatusChange').required().array().required(),
    /** Why the order failed, in words for the shopper; set only when FAILED. */
    failureReason: a.string(),
    /** Set once the payment was refunded. */
    refund: a.ref('OrderRefund'),
    updatedAt: a.datetime().required(),
    /** The order's version: a client keeps the newest update it has seen. */
    version: a.integer().required(),
  }),

  /** A line the cart holds but cannot be ordered, and why. */
  UnavailableLine: a.customType({
    sku: a.string().required(),
    reason: a.string().required(),
  }),

  /** A cart priced by the server, by the same rules as an order (docs/pricing.md). */
  Quote: a.customType({
    lines: a.ref('OrderLine').required().array().required(),
    unavailable: a.ref('UnavailableLine').required().array().required(),
    currency: a.string(),
    subtotal: a.integer().required(),
    shipping: a.integer().required(),
    /** Absent until the destination country is known. */
    tax: a.integer(),
    total: a.integer().required(),
  }),

  StockLevel: a.customType({
    sku: a.string().required(),
    available: a.integer().required(),
  }),

  /** A SKU's stock as admins see it: `reserved` is held by orders still in checkout. */
  StockItem: a.customType({
    sku: a.string().required(),
    available: a.integer().required(),
    reserved: a.integer().required(),
    updatedAt: a.datetime().required(),
  }),

  /** A page of every SKU's stock; `lowStockThreshold` is what "low" means (the StockLow rule). */
  StockPage: a.customType({
    items: a.ref('StockItem').required().array().required(),
    nextToken: a.string(),
    lowStockThreshold: a.integer().required(),
  }),

  /** A product as the catalog grid shows it (the ProductCards view). */
  ProductCard: a.customType({
    sku: a.string().required(),
    slug: a.string().required(),
    name: a.string().required(),
    price: a.integer().required(),
    currency: a.string().required(),
    /** The first image, if any. */
    image: a.string(),
    category: a.string().required(),
    inStock: a.boolean().required(),
  }),

  ProductCardPage: a.customType({
    items: a.ref('ProductCard').required().array().required(),
    nextToken: a.string(),
    /** How many cards match, on every page. */
    total: a.integer().required(),
  }),

  OrderLineSummary: a.customType({
    sku: a.string().required(),
    name: a.string().required(),
    quantity: a.integer().required(),
  }),

  /** An order in its owner's history (the OrderHistory view), with its status timeline. */
  OrderSummary: a.customType({
    orderId: a.id().required(),
    status: a.ref('OrderStatus').required(),
    total: a.integer().required(),
    currency: a.string().required(),
    lineCount: a.integer().required(),
    lines: a.ref('OrderLineSummary').required().array().required(),
    timeline: a.ref('OrderStatusChange').required().array().required(),
    /** Set once the payment was refunded. */
    refund: a.ref('OrderRefund'),
    createdAt: a.datetime().required(),
  }),

  OrderHistoryPage: a.customType({
    items: a.ref('OrderSummary').required().array().required(),
    nextToken: a.string(),
  }),

  CurrencyAmount: a.customType({
    currency: a.string().required(),
    /** Integer minor units. */
    amount: a.integer().required(),
  }),

  /** One UTC day of sales (the DailySales view): confirmed orders, less cancelled ones. */
  DailySales: a.customType({
    day: a.date().required(),
    orders: a.integer().required(),
    units: a.integer().required(),
    revenue: a.ref('CurrencyAmount').required().array().required(),
  }),

  /** The order of a product grid: FEATURED is relevance while there is search text. */
  ProductSort: a.enum(['FEATURED', 'NAME', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST']),

  /** The catalog grid: listed products matching every given filter (prices in minor units). */
  productCards: a
    .query()
    .arguments({
      text: a.string(),
      category: a.string(),
      minPrice: a.integer(),
      maxPrice: a.integer(),
      sort: a.ref('ProductSort'),
      limit: a.integer(),
      nextToken: a.string(),
    })
    .returns(a.ref('ProductCardPage').required())
    .handler(a.handler.function(viewsRead))
    .authorization((allow) => [allow.custom()]),

  /** The caller's own orders, newest first; whose they are comes from the caller's token. */
  myOrders: a
    .query()
    .arguments({ limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('OrderHistoryPage').required())
    .handler(a.handler.function(viewsRead))
    .authorization((allow) => [allow.custom()]),

  /** Every day from `from` to `to` (at most 366), for admins. */
  salesReport: a
    .query()
    .arguments({ from: a.date().required(), to: a.date().required() })
    .returns(a.ref('DailySales').required().array().required())
    .handler(a.handler.function(viewsRead))
    .authorization((allow) => [allow.custom()]),

  products: a
    .query()
    .arguments({ category: a.string(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('ProductPage').required())
    .handler(a.handler.function(catalog))
    .authorization((allow) => [allow.custom()]),

  productBySlug: a
    .query()
    .arguments({ slug: a.string().required() })
    .returns(a.ref('CatalogProduct'))
    .handler(a.handler.function(catalog))
    .authorization((allow) => [allow.custom()]),

  adminCreateProduct: a
    .mutation()
    .arguments({
      sku: a.string().required(),
      slug: a.string().required(),
      name: a.string().required(),
      description: a.string().required(),
      category: a.string().required(),
      price: a.integer().required(),
      currency: a.string().required(),
      images: a.string().array(),
    })
    .returns(a.ref('Product').required())
    .handler(a.handler.function(catalog))
    .authorization((allow) => [allow.custom()]),

  adminUpdateProduct: a
    .mutation()
    .arguments({
      sku: a.string().required(),
      slug: a.string(),
      name: a.string(),
      description: a.string(),
      category: a.string(),
      price: a.integer(),
      currency: a.string(),
      images: a.string().array(),
    })
    .returns(a.ref('Product').required())
    .handler(a.handler.function(catalog))
    .authorization((allow) => [allow.custom()]),

  adminSetProductActive: a
    .mutation()
    .arguments({ sku: a.string().required(), active: a.boolean().required() })
    .returns(a.ref('Product').required())
    .handler(a.handler.function(catalog))
    .authorization((allow) => [allow.custom()]),

  placeOrder: a
    .mutation()
    .arguments({
      lines: a.ref('CartLine').required().array().required(),
      shippingAddress: a.ref('ShippingAddress').required(),
      paymentToken: a.string().required(),
      idempotencyKey: a.string().required(),
    })
    .returns(a.ref('Order').required())
    .handler(a.handler.function(ordersPlace))
    .authorization((allow) => [allow.custom()]),

  cancelOrder: a
    .mutation()
    .arguments({ orderId: a.id().required() })
    .returns(a.ref('Order').required())
    .handler(a.handler.function(ordersCancel))
    .authorization((allow) => [allow.custom()]),

  /**
   * Hands an order's change to its `onOrderUpdated` subscribers; nothing is stored (a NONE data
   * source). Only the live publisher calls it, signed with IAM: its resolver refuses every other
   * kind of caller, no access policy lists it, and only the publisher's role may call it.
   */
  publishOrderUpdate: a
    .mutation()
    .arguments({
      orderId: a.id().required(),
      userId: a.string().required(),
      status: a.ref('OrderStatus').required(),
      statusHistory: a.ref('OrderStatusChange').required().array().required(),
      failureReason: a.string(),
      refund: a.ref('OrderRefund'),
      updatedAt: a.datetime().required(),
      version: a.integer().required(),
    })
    .returns(a.ref('OrderUpdate').required())
    .handler(a.handler.custom({ entry: './publish-order-update.js' }))
    .authorization((allow) => [allow.custom()]),

  /** The caller's own order as it changes: the resolver's filter delivers only the owner's updates. */
  onOrderUpdated: a
    .subscription()
    .for(a.ref('publishOrderUpdate'))
    .arguments({ orderId: a.id().required() })
    .handler(a.handler.custom({ entry: './on-order-updated.js' }))
    .authorization((allow) => [allow.custom()]),

  order: a
    .query()
    .arguments({ orderId: a.id().required() })
    .returns(a.ref('Order').required())
    .handler(a.handler.function(ordersGet))
    .authorization((allow) => [allow.custom()]),

  /** Any customer's orders in one status, newest first, for admins. */
  adminOrders: a
    .query()
    .arguments({ status: a.ref('OrderStatus').required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('AdminOrderPage').required())
    .handler(a.handler.function(ordersAdmin))
    .authorization((allow) => [allow.custom()]),

  /** Any customer's order, with their email and its status history, for admins. */
  adminOrder: a
    .query()
    .arguments({ orderId: a.id().required() })
    .returns(a.ref('AdminOrder').required())
    .handler(a.handler.function(ordersAdmin))
    .authorization((allow) => [allow.custom()]),

  quote: a
    .query()
    .arguments({ lines: a.ref('CartLine').required().array().required(), country: a.string() })
    .returns(a.ref('Quote').required())
    .handler(a.handler.function(ordersQuote))
    .authorization((allow) => [allow.custom()]),

  stockLevels: a
    .query()
    .arguments({ skus: a.string().required().array().required() })
    .returns(a.ref('StockLevel').required().array().required())
    .handler(a.handler.function(inventoryStock))
    .authorization((allow) => [allow.custom()]),

  /** Every SKU's available and reserved units (or only the low ones), for admins. */
  adminStock: a
    .query()
    .arguments({ lowStock: a.boolean(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('StockPage').required())
    .handler(a.handler.function(inventoryStock))
    .authorization((allow) => [allow.custom()]),

  adminSetStock: a
    .mutation()
    .arguments({ sku: a.string().required(), available: a.integer().required(), reason: a.string().required() })
    .returns(a.ref('StockItem').required())
    .handler(a.handler.function(inventoryStock))
    .authorization((allow) => [allow.custom()]),

  adminAdjustStock: a
    .mutation()
    .arguments({ sku: a.string().required(), delta: a.integer().required(), reason: a.string().required() })
    .returns(a.ref('StockItem').required())
    .handler(a.handler.function(inventoryStock))
    .authorization((allow) => [allow.custom()]),

  accessPolicies: a
    .query()
    .returns(a.ref('AccessPolicy').required().array().required())
    .handler(a.handler.function(listAccessPolicies))
    .authorization((allow) => [allow.custom()]),

  me: a
    .query()
    .returns(a.ref('CustomerProfile').required())
    .handler(a.handler.function(me))
    .authorization((allow) => [allow.custom()]),
});

export type Schema = ClientSchema<typeof schema>;

/** Seconds AppSync keeps an authorizer answer for one token (the token's own expiry caps it). */
export const AUTHORIZER_CACHE_TTL_SECONDS = 300;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'lambda',
    lambdaAuthorizationMode: { function: authorizer, timeToLiveInSeconds: AUTHORIZER_CACHE_TTL_SECONDS },
  },
});

export { schema };
