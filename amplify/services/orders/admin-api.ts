import { fieldHandler } from '../shared/fields';
import { observe } from '../shared/observability';
import { adminOrdersFromEnvironment } from './environment';

const orders = adminOrdersFromEnvironment();

/** The admins' order reads; only the admins' policy allows them (the authorizer's `deniedFields`). */
export const handler = observe(
  fieldHandler('the orders admin does not serve', {
    adminOrders: (args) => orders.list(args),
    adminOrder: (args) => orders.get(args),
  }),
);
