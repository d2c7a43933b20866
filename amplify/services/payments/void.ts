import { paymentsFromEnv } from './config';

const payments = paymentsFromEnv(process.env);

/** Releases the order's authorization: a compensation, a no-op when nothing is held. */
export const handler = (event: unknown) => payments.voidAuthorization(event);
