import { defineFunction } from '@aws-amplify/backend';

/**
 * The orders' GraphQL functions. Not yet in backend.ts: the wiring (tables, environment
 * PRODUCTS_TABLE, ORDERS_TABLE, ORDER_IDEMPOTENCY_TABLE, grants) comes with the checkout saga.
 */
export const ordersPlace = defineFunction({
  name: 'orders-place',
  entry: './place-order.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});

export const ordersGet = defineFunction({
  name: 'orders-get',
  entry: './get-order.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});
