import { streamOutbox } from '../../events/stream';
import type { PaymentRecord } from './payment';
import { paymentEventsOfChange } from './payment-events';

/** The payments table's stream → PaymentRefunded on the shop's bus. */
export const handler = streamOutbox<PaymentRecord>(paymentEventsOfChange);
