/** The ID token claim that carries the caller's access policy id (the seed's "token with the access policy"). */
export const POLICY_CLAIM = 'custom:policy';

/** Groups in order of precedence: a user in several gets the policy of the first. */
const GROUP_PRECEDENCE = ['admins', 'customers'];

/**
 * The policy a user's token names: the one on their profile when an admin set it, else their
 * strongest group's, else `customers`. The authorizer still checks it against the policy store.
 */
export const policyFor = (groups: readonly string[], profilePolicy?: string): string =>
  profilePolicy ?? GROUP_PRECEDENCE.find((g) => groups.includes(g)) ?? 'customers';
