import { ProductTableCatalog } from './catalog-port';
import { Orders } from './orders';
import { DynamoOrdersRepository } from './repository';

/** The orders' use cases wired to the tables the function's environment names. */
export const ordersFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Orders =>
  new Orders(
    new ProductTableCatalog(required(env, 'PRODUCTS_TABLE')),
    new DynamoOrdersRepository({
      orders: required(env, 'ORDERS_TABLE'),
      idempotency: required(env, 'ORDER_IDEMPOTENCY_TABLE'),
    }),
  );

/**
 * The orders' status changes alone, for the saga's tasks: they never price, so they need no
 * catalog (and the checkout stack stays free of the data stack's tables).
 */
export const orderStatusFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Orders =>
  new Orders(
    { productsBySku: () => Promise.reject(new Error('order status tasks do not read the catalog')) },
    new DynamoOrdersRepository({
      orders: required(env, 'ORDERS_TABLE'),
      idempotency: required(env, 'ORDER_IDEMPOTENCY_TABLE'),
    }),
  );

const required = (env: NodeJS.ProcessEnv, name: string) => {
  const value = env[name];
  if (!value) throw new Error(`the orders function needs ${name} in its environment`);
  return value;
};
