import { paymentsFromEnv } from './config';

const payments = paymentsFromEnv(process.env);

/** Captures the order's authorized payment: the saga's `CapturePayment` task. */
export const handler = (event: unknown) => payments.capture(event);
