import { describe, expect, it } from 'vitest';
import { matchesArguments, matchesFilter, toSubscriptionFilter } from './subscription-filter';

describe('toSubscriptionFilter', () => {
  it('makes one group of ANDed rules from a plain filter, as AppSync documents', () => {
    expect(toSubscriptionFilter({ orderId: { eq: 'o-1' }, userId: { eq: 'u-1' } })).toEqual({
      filterGroup: [
        {
          filters: [
            { fieldName: 'orderId', operator: 'eq', value: 'o-1' },
            { fieldName: 'userId', operator: 'eq', value: 'u-1' },
          ],
        },
      ],
    });
  });

  it('makes a group per `or` alternative', () => {
    const filter = toSubscriptionFilter({
      userId: { eq: 'u-1' },
      or: [{ status: { eq: 'SHIPPED' } }, { version: { gt: 3 } }],
    });
    expect(filter.filterGroup).toHaveLength(2);
    expect(matchesFilter(filter, { userId: 'u-1', status: 'SHIPPED', version: 1 })).toBe(true);
    expect(matchesFilter(filter, { userId: 'u-1', status: 'PENDING', version: 4 })).toBe(true);
    expect(matchesFilter(filter, { userId: 'u-1', status: 'PENDING', version: 2 })).toBe(false);
    expect(matchesFilter(filter, { userId: 'u-2', status: 'SHIPPED', version: 9 })).toBe(false);
  });

  it('refuses an operator AppSync does not have, naming it', () => {
    expect(() => toSubscriptionFilter({ status: { like: 'S%' } })).toThrow(/operator like/);
  });
});

describe('matching a published payload', () => {
  const payload = { orderId: 'o-1', userId: 'u-1', status: 'CONFIRMED', version: 2, tags: ['a', 'b'] };
  it.each([
    [{ status: { ne: 'PENDING' } }, true],
    [{ version: { between: [1, 2] } }, true],
    [{ version: { lt: 2 } }, false],
    [{ status: { in: ['SHIPPED', 'CONFIRMED'] } }, true],
    [{ status: { notIn: ['CONFIRMED'] } }, false],
    [{ orderId: { beginsWith: 'o-' } }, true],
    [{ tags: { contains: 'b' } }, true],
    [{ tags: { containsAny: ['x', 'a'] } }, true],
    [{ tags: { notContains: 'a' } }, false],
    [{ userId: { eq: 'u-2' } }, false],
  ])('%j → %s', (filter, expected) => {
    expect(matchesFilter(toSubscriptionFilter(filter), payload)).toBe(expected);
  });

  it('without a filter, matches the arguments the subscriber gave to the fields of the same name', () => {
    expect(matchesArguments({ orderId: 'o-1' }, payload)).toBe(true);
    expect(matchesArguments({ orderId: 'o-2' }, payload)).toBe(false);
    expect(matchesArguments({ orderId: null }, payload)).toBe(true);
  });
});
