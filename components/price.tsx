import { formatPrice } from '@/lib/money';

/** A price in integer minor units, formatted with its currency's own fraction digits. */
export function Price({ amount, currency, className }: { amount: number; currency: string; className?: string }) {
  return (
    <span className={className ?? 'price'} data-amount={amount} data-currency={currency}>
      {formatPrice(amount, currency)}
    </span>
  );
}
