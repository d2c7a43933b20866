import { Duration, aws_dynamodb as dynamodb, aws_stepfunctions as sfn, type Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { defineTable, type TableOptions } from '../../tables';
import { checkoutDefinition, type CheckoutSteps } from './definition';

/** What the stack needs of an Amplify function: its Lambda, and a way to set its environment. */
export interface SagaFunction {
  resources: { lambda: IFunction };
  addEnvironment(key: string, value: string): void;
}

/**
 * The checkout stack: the tables the saga's services own and the state machine that runs them.
 * Nothing here refers to the data stack, so the data stack can later refer to it (to start
 * executions from `placeOrder`) without a cycle.
 */
export const defineCheckout = (
  stack: Stack,
  fns: Record<keyof CheckoutSteps, SagaFunction>,
  { isSandbox }: { isSandbox: boolean },
) => {
  const table = (id: string, partitionKey: string, options: Omit<TableOptions, 'record'> = {}) =>
    defineTable(stack, id, partitionKey, { ...options, record: { isSandbox } });
  const stock = table('Stock', 'sku', { stream: true });
  // Only finished reservations get `purgeAt`: a hold still HELD is released by the sweeper, never by TTL.
  const reservations = table('Reservations', 'orderId', { sortKey: 'sku', ttl: 'purgeAt' });
  const adjustments = table('StockAdjustments', 'sku', { sortKey: 'at' });
  // The stream is payments' outbox: a refund is announced (PaymentRefunded) for the order to show.
  const payments = table('Payments', 'orderId', { stream: true });
  const orders = table('Orders', 'orderId', { stream: true });
  orders.addGlobalSecondaryIndex({
    indexName: 'byUser',
    partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'createdAt', type: dynamodb.AttributeType.STRING },
  });
  // The admins' lists by status, newest first: a query, never a scan of every order.
  orders.addGlobalSecondaryIndex({
    indexName: 'byStatus',
    partitionKey: { name: 'status', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'createdAt', type: dynamodb.AttributeType.STRING },
  });
  const orderKeys = table('OrderIdempotency', 'key');

  const give = (fn: SagaFunction, tables: Record<string, dynamodb.Table>) => {
    for (const [variable, t] of Object.entries(tables)) {
      fn.addEnvironment(variable, t.tableName);
      t.grantReadWriteData(fn.resources.lambda);
    }
  };
  const inventoryTables = {
    STOCK_TABLE: stock,
    RESERVATIONS_TABLE: reservations,
    STOCK_ADJUSTMENTS_TABLE: adjustments,
  };
  for (const name of ['reserveStock', 'releaseStock', 'commitStock'] as const) give(fns[name], inventoryTables);
  for (const name of ['authorizePayment', 'capturePayment', 'voidPayment', 'refundPayment'] as const) {
    give(fns[name], { PAYMENTS_TABLE: payments });
  }
  for (const name of ['confirmOrder', 'failOrder'] as const) {
    give(fns[name], { ORDERS_TABLE: orders, ORDER_IDEMPOTENCY_TABLE: orderKeys });
  }

  const steps = Object.fromEntries(
    Object.entries(fns).map(([k, f]) => [k, f.resources.lambda]),
  ) as unknown as CheckoutSteps;
  const stateMachine = new sfn.StateMachine(stack, 'CheckoutSaga', {
    definitionBody: sfn.DefinitionBody.fromChainable(checkoutDefinition(stack, steps)),
    timeout: Duration.minutes(5),
    tracingEnabled: true,
  });
  return { stateMachine, tables: { stock, reservations, adjustments, payments, orders, orderKeys } };
};
