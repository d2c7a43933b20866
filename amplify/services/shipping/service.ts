import { requiredEnv } from '../shared/environment';
import { DynamoShipmentsRepository } from './repository';
import { parseDispatchDelay } from './shipment';
import { Shipping } from './shipping';

/** The warehouse wired to the table the environment names (`SHIPMENTS_TABLE`). */
export const shippingFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Shipping =>
  new Shipping(new DynamoShipmentsRepository(requiredEnv(env, 'SHIPMENTS_TABLE', 'shipping')));

/** How long a READY shipment waits before dispatch: `SHIPMENT_DISPATCH_DELAY_SECONDS`, required. */
export const dispatchDelayFromEnvironment = (env: NodeJS.ProcessEnv = process.env): number =>
  parseDispatchDelay(env.SHIPMENT_DISPATCH_DELAY_SECONDS);
