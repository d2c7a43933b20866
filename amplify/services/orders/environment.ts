import { requiredEnv } from '../shared/environment';
import { AdminOrders } from './admin-orders';
import { ProductTableCatalog } from './catalog-port';
import { StepFunctionsCheckout } from './checkout-saga';
import { OrderLedger, Orders } from './orders';
import { DynamoOrdersRepository } from './repository';

const required = (env: NodeJS.ProcessEnv, name: string) => requiredEnv(env, name, 'orders');

const repositoryOf = (env: NodeJS.ProcessEnv) =>
  new DynamoOrdersRepository({
    orders: required(env, 'ORDERS_TABLE'),
    idempotency: required(env, 'ORDER_IDEMPOTENCY_TABLE'),
  });

/** The shopper's use cases wired to the tables and the state machine the environment names. */
export const ordersFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Orders =>
  new Orders(
    new ProductTableCatalog(required(env, 'PRODUCTS_TABLE')),
    repositoryOf(env),
    new StepFunctionsCheckout(required(env, 'CHECKOUT_STATE_MACHINE_ARN')),
  );

/** Reading orders and moving their status: the saga's tasks and `order(id)`. */
export const orderLedgerFromEnvironment = (env: NodeJS.ProcessEnv = process.env): OrderLedger =>
  new OrderLedger(repositoryOf(env));

/** The admins' reads of any customer's orders. */
export const adminOrdersFromEnvironment = (env: NodeJS.ProcessEnv = process.env): AdminOrders =>
  new AdminOrders(repositoryOf(env));
