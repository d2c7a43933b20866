import { orderLedgerFromEnvironment } from './environment';

const orders = orderLedgerFromEnvironment();

/** Saga task: every step succeeded; the order is CONFIRMED (again, harmlessly, on a retry). */
export const handler = async ({ orderId }: { orderId: string }) => {
  const order = await orders.markConfirmed(orderId);
  return { orderId, status: order.status };
};
