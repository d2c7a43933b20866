import { paymentsFromEnv } from './config';

const payments = paymentsFromEnv(process.env);

/** Authorizes the order's payment: the saga's `AuthorizePayment` task, its state input the event. */
export const handler = (event: unknown) => payments.authorize(event);
