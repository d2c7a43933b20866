import { observe } from '../shared/observability';
import { paymentsFromEnv } from './config';

const payments = paymentsFromEnv(process.env);

/** Releases the order's authorization: a compensation, a no-op when nothing is held. */
export const handler = observe((event: unknown) => payments.voidAuthorization(event));
