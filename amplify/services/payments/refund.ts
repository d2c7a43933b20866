import { observe } from '../shared/observability';
import { paymentsFromEnv } from './config';

const payments = paymentsFromEnv(process.env);

/** Refunds the order's captured payment: a compensation, a no-op when nothing was taken. */
export const handler = observe((event: unknown) => payments.refund(event));
