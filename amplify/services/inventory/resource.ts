import { defineFunction } from '@aws-amplify/backend';

/*
 * The checkout saga's inventory tasks. Each needs STOCK_TABLE, RESERVATIONS_TABLE and
 * STOCK_ADJUSTMENTS_TABLE (and read/write access to them) from backend.ts; see README.md for the
 * tables' keys and the reservations table's TTL attribute.
 */

/** Saga task: hold stock for an order's lines. */
export const inventoryReserve = defineFunction({
  name: 'inventory-reserve',
  resourceGroupName: 'checkout',
  entry: './reserve.ts',
  runtime: 22,
  timeoutSeconds: 15,
});

/** Saga compensation: give an order's held stock back. */
export const inventoryRelease = defineFunction({
  name: 'inventory-release',
  resourceGroupName: 'checkout',
  entry: './release.ts',
  runtime: 22,
  timeoutSeconds: 15,
});

/** Saga task: the held stock is sold. */
export const inventoryCommit = defineFunction({
  name: 'inventory-commit',
  resourceGroupName: 'checkout',
  entry: './commit.ts',
  runtime: 22,
  timeoutSeconds: 15,
});

/** GraphQL: `stockLevels` for shoppers; `adminSetStock` and `adminAdjustStock` (audited) for admins. */
export const inventoryStock = defineFunction({
  name: 'inventory-stock',
  resourceGroupName: 'data',
  entry: './stock-api.ts',
  runtime: 22,
  timeoutSeconds: 10,
});

/** Sweeper: releases HELD reservations past their expiry, every 5 minutes. */
export const inventoryReleaseExpired = defineFunction({
  name: 'inventory-release-expired',
  resourceGroupName: 'checkout',
  entry: './release-expired.ts',
  runtime: 22,
  timeoutSeconds: 120,
  schedule: 'every 5m',
});

/** OrderCancelled consumer: the order's sold units are for sale again. */
export const inventoryRestock = defineFunction({
  name: 'inventory-restock',
  resourceGroupName: 'checkout',
  entry: './restock.ts',
  runtime: 22,
  timeoutSeconds: 15,
});

/** The stock table's outbox: StockLow when a SKU falls below LOW_STOCK_THRESHOLD. */
export const inventoryPublish = defineFunction({
  name: 'inventory-publish',
  resourceGroupName: 'checkout',
  entry: './publish-events.ts',
  runtime: 22,
  timeoutSeconds: 30,
});
