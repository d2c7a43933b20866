import { streamOutbox } from '../../events/stream';
import { observe } from '../shared/observability';
import type { PaymentRecord } from './payment';
import { paymentEventsOfChange } from './payment-events';

/** The payments table's stream → PaymentRefunded on the shop's bus. */
export const handler = observe(streamOutbox<PaymentRecord>(paymentEventsOfChange));
