import { DynamoShipmentsRepository } from './repository';
import { parseDispatchDelay } from './shipment';
import { Shipping } from './shipping';

/** The warehouse wired to the table the environment names (`SHIPMENTS_TABLE`). */
export const shippingFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Shipping => {
  if (!env.SHIPMENTS_TABLE) throw new Error('the shipping function needs SHIPMENTS_TABLE in its environment');
  return new Shipping(new DynamoShipmentsRepository(env.SHIPMENTS_TABLE));
};

/** How long a READY shipment waits before dispatch: `SHIPMENT_DISPATCH_DELAY_SECONDS`, required. */
export const dispatchDelayFromEnvironment = (env: NodeJS.ProcessEnv = process.env): number =>
  parseDispatchDelay(env.SHIPMENT_DISPATCH_DELAY_SECONDS);
