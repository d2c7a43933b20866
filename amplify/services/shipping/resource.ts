import { defineFunction } from '@aws-amplify/backend';

/*
 * The simulated warehouse. Every function needs SHIPMENTS_TABLE; see README.md for the table, the
 * rest of each one's environment, its permissions and the events it takes and gives.
 */

/** Shipping saga task: a READY shipment for the OrderConfirmed event that started the execution. */
export const shippingCreate = defineFunction({
  name: 'shipping-create',
  resourceGroupName: 'fulfilment',
  entry: './create.ts',
  runtime: 22,
  timeoutSeconds: 10,
});

/** Shipping saga task: READY → DISPATCHED after the saga's wait. */
export const shippingDispatch = defineFunction({
  name: 'shipping-dispatch',
  resourceGroupName: 'fulfilment',
  entry: './dispatch.ts',
  runtime: 22,
  timeoutSeconds: 10,
});

/** OrderCancelled consumer: READY → CANCELLED. */
export const shippingCancel = defineFunction({
  name: 'shipping-cancel',
  resourceGroupName: 'fulfilment',
  entry: './cancel.ts',
  runtime: 22,
  timeoutSeconds: 10,
});

/** The Shipments table's outbox: publishes ShipmentDispatched from the table's stream. */
export const shippingPublish = defineFunction({
  name: 'shipping-publish',
  resourceGroupName: 'fulfilment',
  entry: './publish.ts',
  runtime: 22,
  timeoutSeconds: 30,
});
