import { defineFunction } from '@aws-amplify/backend';

/**
 * The orders table's stream → `publishOrderUpdate`, so a shopper watching an order sees each status
 * change as it is committed. It sits in the `data` group beside the API it calls: in `checkout`,
 * beside the table, it would make the checkout stack depend on the data stack, which already
 * depends on the checkout stack.
 */
export const livePublishOrders = defineFunction({
  name: 'live-publish-orders',
  entry: './publish-order-updates.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 30,
});
