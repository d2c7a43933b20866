import { describe, expect, it } from 'vitest';
import { policyFor } from './policy-claim';

describe('the policy a token names', () => {
  it('is the strongest group when the profile names none', () => {
    expect(policyFor(['customers', 'admins'])).toBe('admins');
    expect(policyFor(['customers'])).toBe('customers');
  });

  it('is the one an admin set on the profile, whatever the groups', () => {
    expect(policyFor(['admins'], 'customers')).toBe('customers');
  });

  it('is customers for a user in no group yet (the trigger adds the group after the first token)', () => {
    expect(policyFor([])).toBe('customers');
  });
});
