import { defineFunction } from '@aws-amplify/backend';

/** Shopper reads and admin writes of products. */
export const catalog = defineFunction({
  name: 'catalog',
  entry: './handler.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});

/** The Product table's outbox: ProductChanged for every change a page cache must hear of. */
export const catalogPublish = defineFunction({
  name: 'catalog-publish',
  entry: './publish-events.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 30,
});
