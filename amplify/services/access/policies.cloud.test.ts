import { describe, expect, it } from 'vitest';
import { graphql } from '../../../local/testing/cloud-env';
import { signInAdmin, signUpCustomer } from '../../../local/testing/users';
import { seedPolicies } from './policies';

const QUERY = 'query { accessPolicies { id version description allowedOperations } }';

describe('accessPolicies', () => {
  it('shows the admin every policy as the authorizer applies it', async () => {
    const admin = await signInAdmin();
    const response = await graphql(admin.idToken, QUERY);
    expect(response.errors).toBeUndefined();
    const policies = (response.data as { accessPolicies: { id: string; allowedOperations: string[] }[] })
      .accessPolicies;
    expect(policies.map((p) => p.id)).toEqual(['admins', 'customers', 'guest']);
    for (const seeded of seedPolicies) {
      expect(policies.find((p) => p.id === seeded.id)?.allowedOperations).toEqual([...seeded.allowedOperations].sort());
    }
  });

  it('is refused to a customer', async () => {
    const customer = await signUpCustomer();
    const response = await graphql(customer.idToken, QUERY);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
  });
});
