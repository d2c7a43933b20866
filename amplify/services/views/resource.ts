import { defineFunction } from '@aws-amplify/backend';

/**
 * ProductCards from the Product and Stock streams. It sits in the `data` group beside the Product
 * table it reads the stream of: in `views` it would make the views stack depend on the data stack,
 * which already depends on the views stack for `views-read`.
 */
export const viewsProjectCards = defineFunction({
  name: 'views-project-cards',
  entry: './project-cards.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 30,
});

/** OrderHistory and DailySales from the Orders stream; its group holds the view tables. */
export const viewsProjectOrders = defineFunction({
  name: 'views-project-orders',
  entry: './project-orders.ts',
  resourceGroupName: 'views',
  runtime: 22,
  timeoutSeconds: 30,
});

/** `productCards`, `myOrders` and `salesReport`: reads of the views, never writes. */
export const viewsRead = defineFunction({
  name: 'views-read',
  entry: './read.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});
