import { orderStatusFromEnvironment } from './environment';

const orders = orderStatusFromEnvironment();

/** Saga task: every step succeeded; the order is CONFIRMED (again, harmlessly, on a retry). */
export const handler = async ({ orderId }: { orderId: string }) => {
  const order = await orders.markConfirmed(orderId);
  return { orderId, status: order.status };
};
