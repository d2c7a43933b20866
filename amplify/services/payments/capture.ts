import { observe } from '../shared/observability';
import { paymentsFromEnv } from './config';

const payments = paymentsFromEnv(process.env);

/** Captures the order's authorized payment: the saga's `CapturePayment` task. */
export const handler = observe((event: unknown) => payments.capture(event));
