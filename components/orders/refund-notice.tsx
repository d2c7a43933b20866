import type { OrderRefund } from '@/lib/types';
import { Price } from '../price';
import { formatOrderTime } from './status-timeline';

/**
 * What a shopper reads once a cancelled order's payment went back to their card: how much, and
 * when. Nothing while no refund was made (a refund follows a cancellation by a moment).
 */
export function RefundNotice({
  refund,
  timeStyle = 'medium',
}: {
  refund: OrderRefund | null | undefined;
  timeStyle?: 'short' | 'medium';
}) {
  if (!refund) return null;
  return (
    <p className="notice notice--success refund-notice" data-testid="refund">
      Refunded <Price amount={refund.amount} currency={refund.currency} /> to your card on{' '}
      <time dateTime={refund.at}>{formatOrderTime(refund.at, timeStyle)}</time>.
    </p>
  );
}
