import { observe } from '../shared/observability';
import { inventory } from './service';

/** Scheduled sweeper: gives back the stock of HELD reservations past their expiry. */
export const handler = observe(async () => {
  const { released, failed } = await inventory.releaseExpired();
  // Failing the invocation makes the failures visible (errors metric, alarms); the next run retries them.
  if (failed.length > 0) throw new Error(`could not release the expired reservations of orders ${failed.join(', ')}`);
  return { released };
});
