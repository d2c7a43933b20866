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

/** Saga task: the order is CONFIRMED. */
export const ordersConfirm = defineFunction({
  name: 'orders-confirm',
  entry: './confirm-order.ts',
  resourceGroupName: 'checkout',
  runtime: 22,
  timeoutSeconds: 10,
});

/** Saga compensation: the order is FAILED, with the reason the shopper reads. */
export const ordersFail = defineFunction({
  name: 'orders-fail',
  entry: './fail-order.ts',
  resourceGroupName: 'checkout',
  runtime: 22,
  timeoutSeconds: 10,
});
