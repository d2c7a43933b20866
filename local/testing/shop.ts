import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ListExecutionsCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { cloudEnv, graphql } from './cloud-env';
import { uniqueSuffix } from './users';
import { localDynamoDbClient } from '../dynamodb/server';
import { localSdkConfig } from '../ports';

/**
 * Shop-level helpers for the cloud tests and the checkout bench: products with stock, orders placed and followed to their
 * end, and what the services wrote (read straight from their tables, as an auditor would).
 */

export const ORDER_FIELDS = `orderId status currency subtotal shipping tax total failureReason createdAt updatedAt
  lines { sku name unitPrice quantity lineTotal }
  shippingAddress { name line1 line2 city region postalCode country }
  statusHistory { status at reason }`;

export const PLACE_ORDER = `mutation ($lines: [CartLineInput!]!, $shippingAddress: ShippingAddressInput!, $paymentToken: String!, $idempotencyKey: String!) {
  placeOrder(lines: $lines, shippingAddress: $shippingAddress, paymentToken: $paymentToken, idempotencyKey: $idempotencyKey) { ${ORDER_FIELDS} }
}`;
export const ORDER = `query ($orderId: ID!) { order(orderId: $orderId) { ${ORDER_FIELDS} } }`;

export interface PlacedOrder {
  orderId: string;
  status: 'PENDING' | 'CONFIRMED' | 'FAILED' | 'SHIPPED' | 'CANCELLED';
  total: number;
  failureReason?: string | null;
  lines: { sku: string; quantity: number; unitPrice: number; lineTotal: number }[];
  statusHistory: { status: string; reason?: string | null }[];
}

export const ADDRESS = {
  name: 'Ada Shopper',
  line1: '1 Test Street',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};

/** The data of a request that must succeed; anything else throws with the API's errors. */
export const ok = async (token: string, query: string, variables?: Record<string, unknown>) => {
  const result = await graphql(token, query, variables);
  if (result.errors || !result.data) throw new Error(`the API refused: ${JSON.stringify(result.errors)}`);
  return result.data;
};

/** A new active product no other test uses, with `stock` units for sale. */
export const productWithStock = async (admin: string, stock: number, price = 1250) => {
  const sku = `CO-${uniqueSuffix().toUpperCase()}`;
  await ok(
    admin,
    `mutation ($sku: String!, $slug: String!) {
      adminCreateProduct(sku: $sku, slug: $slug, name: "Checkout test ${sku}", description: "For a checkout test.",
        category: "kitchen", price: ${price}, currency: "USD", images: []) { sku }
    }`,
    { sku, slug: sku.toLowerCase() },
  );
  await ok(
    admin,
    `mutation ($sku: String!, $available: Int!) { adminSetStock(sku: $sku, available: $available, reason: "test stock") { sku } }`,
    { sku, available: stock },
  );
  return sku;
};

export const placeOrder = (token: string, variables: Record<string, unknown>) =>
  graphql(token, PLACE_ORDER, { shippingAddress: ADDRESS, paymentToken: 'tok_visa', ...variables });

export const newKey = () => `key-${uniqueSuffix()}${uniqueSuffix()}`;

/** Follows an order as the order page does, until it is CONFIRMED or FAILED. */
export const finalOrder = async (token: string, orderId: string, timeoutMs = 60_000): Promise<PlacedOrder> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { order } = (await ok(token, ORDER, { orderId })) as { order: PlacedOrder };
    if (order.status !== 'PENDING') return order;
    if (Date.now() > deadline) throw new Error(`order ${orderId} is still PENDING after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** Places `quantity` of `sku` as the shopper and follows the order until it is CONFIRMED (or throws). */
export const confirmedOrder = async (token: string, sku: string, quantity = 1) => {
  const placed = await placeOrder(token, { lines: [{ sku, quantity }], idempotencyKey: newKey() });
  const { orderId } = (placed.data as { placeOrder: PlacedOrder }).placeOrder;
  const order = await finalOrder(token, orderId);
  if (order.status !== 'CONFIRMED') throw new Error(`order ${orderId} ended ${order.status}, not CONFIRMED`);
  return order;
};

export const documents = () => DynamoDBDocumentClient.from(localDynamoDbClient(cloudEnv().DYNAMODB_ENDPOINT));

const tableNames = new Map<string, string>();
/** The local table whose CloudFormation logical id starts with `logicalId` (e.g. `Payments`). */
export const table = async (logicalId: string) => {
  if (!tableNames.has(logicalId)) {
    const { TableNames = [] } = await documents().send(new ListTablesCommand({}));
    const found = TableNames.filter((n) => new RegExp(`-${logicalId}[0-9A-F]{8}$`).test(n));
    if (found.length !== 1) throw new Error(`expected one ${logicalId} table, found ${found.join(', ') || 'none'}`);
    tableNames.set(logicalId, found[0]);
  }
  return tableNames.get(logicalId)!;
};

/** The payments service's record of an order's payment, if any. */
export const paymentOf = async (orderId: string) =>
  (
    await documents().send(
      new GetCommand({ TableName: await table('Payments'), Key: { orderId }, ConsistentRead: true }),
    )
  ).Item as { status: string; amount: number } | undefined;

/** The inventory's stock item of a SKU. */
export const stockOf = async (sku: string) =>
  (await documents().send(new GetCommand({ TableName: await table('Stock'), Key: { sku }, ConsistentRead: true })))
    .Item as { available: number; reserved: number } | undefined;

/** The inventory's reservations of an order. */
export const reservationsOf = async (orderId: string) =>
  ((
    await documents().send(
      new QueryCommand({
        TableName: await table('Reservations'),
        KeyConditionExpression: 'orderId = :o',
        ExpressionAttributeValues: { ':o': orderId },
        ConsistentRead: true,
      }),
    )
  ).Items ?? []) as { sku: string; quantity: number; status: string }[];

/** Every order a user has, straight from the orders table (what was written, not what an API shows). */
export const ordersOfUser = async (userId: string) => {
  const orders: { orderId: string; status: string }[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documents().send(
      new QueryCommand({
        TableName: await table('Orders'),
        IndexName: 'byUser',
        KeyConditionExpression: 'userId = :u',
        ExpressionAttributeValues: { ':u': userId },
        ExclusiveStartKey,
      }),
    );
    orders.push(...((page.Items ?? []) as { orderId: string; status: string }[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return orders;
};

const sfn = () => new SFNClient(localSdkConfig(cloudEnv().CLOUD_URL));

/** The checkout saga's executions for one order (named after it). */
export const executionsOf = async (orderId: string) => {
  const client = sfn();
  const { stateMachines = [] } = await client.send(new ListStateMachinesCommand({}));
  const saga = stateMachines.find((m) => /CheckoutSaga/.test(m.name ?? ''));
  if (!saga) throw new Error('no checkout state machine in the local cloud');
  const executions = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListExecutionsCommand({ stateMachineArn: saga.stateMachineArn, maxResults: 1000, nextToken }),
    );
    executions.push(...(page.executions ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return executions.filter((e) => e.name === orderId);
};

/** Makes one function fail for matching events (see local/lambda/faults.ts); answers its id. */
export const injectFault = async (fault: {
  function: string;
  errorType: string;
  errorMessage: string;
  when?: Record<string, unknown>;
  times?: number;
}) => {
  const response = await fetch(`${cloudEnv().CLOUD_URL}/lambda/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (!response.ok) throw new Error(`injecting a fault failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
};
