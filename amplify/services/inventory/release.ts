import { observe } from '../shared/observability';
import { inventory } from './service';

/** Saga compensation "release stock": safe to run twice, and when the reserve step never ran. */
export const handler = observe((event: { orderId: string }) => inventory.release({ orderId: event.orderId }));
