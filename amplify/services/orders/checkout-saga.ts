import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Order } from './order';
import type { CheckoutPort } from './orders';

/** What the checkout state machine reads from its input (see amplify/sagas/checkout/definition.ts). */
export interface CheckoutInput {
  orderId: string;
  userId: string;
  lines: { sku: string; quantity: number }[];
  amount: number;
  currency: string;
  paymentToken: string;
}

export const checkoutInputOf = (order: Order): CheckoutInput => ({
  orderId: order.orderId,
  userId: order.userId,
  lines: order.lines.map(({ sku, quantity }) => ({ sku, quantity })),
  amount: order.total,
  currency: order.currency,
  paymentToken: order.paymentToken,
});

/**
 * Starts the checkout state machine, one execution per order: the execution is named after the
 * order, and its input is made from the stored order alone, so a second start gets the running
 * execution back from Step Functions, or `ExecutionAlreadyExists` once it has finished. Either way
 * nothing new starts.
 */
export class StepFunctionsCheckout implements CheckoutPort {
  constructor(
    private readonly stateMachineArn: string,
    private readonly sfn = new SFNClient({}),
  ) {}

  async start(order: Order): Promise<void> {
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: order.orderId,
          input: JSON.stringify(checkoutInputOf(order)),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }
}
