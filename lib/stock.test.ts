import { describe, expect, it } from 'vitest';
import { stockMessage } from './stock';

describe('stockMessage', () => {
  it('says in stock above 5, how many are left from 5 down, and out of stock at 0', () => {
    expect(stockMessage(100).text).toBe('In stock');
    expect(stockMessage(6).text).toBe('In stock');
    expect(stockMessage(5)).toEqual({ state: 'low', text: 'Only 5 left' });
    expect(stockMessage(1).text).toBe('Only 1 left');
    expect(stockMessage(0)).toEqual({ state: 'out', text: 'Out of stock' });
    expect(stockMessage(-2).state).toBe('out');
  });
});
