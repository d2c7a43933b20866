import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { parseSearch } from '@/lib/search-query';
import { ProductFilters } from './product-filters';

// next/form needs the App Router; a plain form is what it renders before JavaScript anyway.
vi.mock('next/form', () => ({ default: (props: React.ComponentProps<'form'>) => <form {...props} /> }));

describe('the price range', () => {
  it('keeps what the shopper typed, in the currency’s steps, and names a price it could not use', () => {
    render(<ProductFilters categories={[]} search={parseSearch({ min: '5', max: 'lots' }, 'USD')} currency="USD" />);
    const min = screen.getByRole('spinbutton', { name: 'Min price' });
    const max = screen.getByRole('spinbutton', { name: 'Max price' });
    expect(min).toHaveProperty('value', '5');
    expect(min).toHaveProperty('step', '0.01');
    expect(min.getAttribute('aria-invalid')).toBeNull();
    expect(min.getAttribute('aria-describedby')).toBe('filter-currency');
    expect(max.getAttribute('name')).toBe('max');
    expect(max.getAttribute('aria-invalid')).toBe('true');
    expect(max.getAttribute('aria-describedby')).toBe('filter-currency filter-max-error');
  });
});
