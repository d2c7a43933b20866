import { describe, expect, it } from 'vitest';
import { orderStatusOf } from './admin-orders';

describe("the admins' order list status", () => {
  it('is the one the URL asks for, in any case', () => {
    expect(orderStatusOf('SHIPPED')).toBe('SHIPPED');
    expect(orderStatusOf('failed')).toBe('FAILED');
    expect(orderStatusOf(['PENDING', 'SHIPPED'])).toBe('PENDING');
  });

  it('is CONFIRMED when the URL asks for none or one that does not exist', () => {
    expect(orderStatusOf(undefined)).toBe('CONFIRMED');
    expect(orderStatusOf('LOST')).toBe('CONFIRMED');
  });
});
