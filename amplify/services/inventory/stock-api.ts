import { callerOf } from '../shared/errors';
import { fieldHandler, type FieldEvent } from '../shared/fields';
import { observe } from '../shared/observability';
import { lowStockThresholdOf } from './low-stock';
import { inventory } from './service';

const lowStockThreshold = lowStockThresholdOf(process.env);

/** The admin who changes stock is the caller the authorizer vouched for, never an argument. */
const adminOf = (event: FieldEvent) => {
  const caller = callerOf(event.identity);
  return caller.email ?? caller.userId;
};

/** One function serves the inventory's GraphQL fields; which runs is the field asked for. */
export const handler = observe(
  fieldHandler('the inventory does not serve', {
    stockLevels: (args) => inventory.stockOf(args.skus),
    adminSetStock: (args, event) => inventory.setStock({ ...args, by: adminOf(event) }),
    adminAdjustStock: (args, event) => inventory.adjustStock({ ...args, by: adminOf(event) }),
    adminStock: (args) => inventory.stockList(args, lowStockThreshold),
  }),
);
