import { defineFunction } from '@aws-amplify/backend';

/** Shopper reads and admin writes of products. */
export const catalog = defineFunction({
  name: 'catalog',
  entry: './handler.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});
