import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RefundNotice } from './refund-notice';

describe('RefundNotice', () => {
  it('says how much went back to the card, and when', () => {
    render(<RefundNotice refund={{ amount: 1234, currency: 'USD', at: '2026-03-04T14:07:09.000Z' }} />);
    expect(screen.getByTestId('refund').textContent).toBe('Refunded $12.34 to your card on Mar 4, 2026, 2:07:09 PM.');
  });

  it('says nothing while no refund was made', () => {
    const { container } = render(<RefundNotice refund={null} />);
    expect(container.textContent).toBe('');
  });
});
