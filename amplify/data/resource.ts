import { a, defineData, type ClientSchema } from '@aws-amplify/backend';
import { authorizer, listAccessPolicies } from '../services/access/resource';
import { catalog } from '../services/catalog/resource';
import { me } from '../services/identity/resource';

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
      /** Lower-cased name, description and category, for text search. */
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

  products: a
    .query()
    .arguments({ category: a.string(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('ProductPage').required())
    .handler(a.handler.function(catalog))
    .authorization((allow) => [allow.custom()]),

  searchProducts: a
    .query()
    .arguments({ text: a.string().required(), limit: a.integer(), nextToken: a.string() })
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
