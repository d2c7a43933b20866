import { defineFunction } from '@aws-amplify/backend';

/** `placeOrder`: prices the order from the catalog, writes it PENDING and starts the checkout saga. */
export const ordersPlace = defineFunction({
  name: 'orders-place',
  entry: './place-order.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});

/** `order(orderId)`: the caller's own order. */
export const ordersGet = defineFunction({
  name: 'orders-get',
  entry: './get-order.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});

/** `adminOrders(status)` and `adminOrder(orderId)`: any customer's orders, for admins. */
export const ordersAdmin = defineFunction({
  name: 'orders-admin',
  entry: './admin-api.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});

/** `quote(lines, country)`: the cart priced by the order's rules. */
export const ordersQuote = defineFunction({
  name: 'orders-quote',
  entry: './quote.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});

/** `cancelOrder(orderId)`: the owner cancels a confirmed order that has not shipped. */
export const ordersCancel = defineFunction({
  name: 'orders-cancel',
  entry: './cancel-order.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});

/** The outbox: the orders table's stream → OrderConfirmed and OrderCancelled on the bus. */
export const ordersPublish = defineFunction({
  name: 'orders-publish',
  entry: './publish-events.ts',
  resourceGroupName: 'checkout',
  runtime: 22,
  timeoutSeconds: 30,
});

/** ShipmentDispatched → the order is SHIPPED. */
export const ordersMarkShipped = defineFunction({
  name: 'orders-mark-shipped',
  entry: './mark-shipped.ts',
  resourceGroupName: 'checkout',
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

/** PaymentRefunded → the refund is recorded on the order, for the shopper to see. */
export const ordersRecordRefund = defineFunction({
  name: 'orders-record-refund',
  entry: './record-refund.ts',
  resourceGroupName: 'checkout',
  runtime: 22,
  timeoutSeconds: 10,
});
