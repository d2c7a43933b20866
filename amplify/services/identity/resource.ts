import { defineFunction } from '@aws-amplify/backend';

/** Writes the confirmed shopper's profile and puts them in `customers`. */
export const postConfirmation = defineFunction({
  name: 'identity-post-confirmation',
  entry: './post-confirmation.ts',
  resourceGroupName: 'auth',
  runtime: 22,
  timeoutSeconds: 10,
  environment: { CUSTOMER_GROUP: 'customers' },
});

/** Adds the caller's access policy id to the ID token (the seed's "token with the access policy"). */
export const preTokenGeneration = defineFunction({
  name: 'identity-pre-token-generation',
  entry: './pre-token-generation.ts',
  resourceGroupName: 'auth',
  runtime: 22,
  timeoutSeconds: 5,
});

/** Serves `me`: the caller's own profile. */
export const me = defineFunction({
  name: 'identity-me',
  entry: './me.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});
