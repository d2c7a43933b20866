import { defineFunction } from '@aws-amplify/backend';

/** The AppSync Lambda authorizer: verifies the Cognito token and answers with the caller's policy. */
export const authorizer = defineFunction({
  name: 'access-authorizer',
  entry: './authorizer.ts',
  resourceGroupName: 'auth',
  runtime: 22,
  timeoutSeconds: 5,
  memoryMB: 512,
});

/** Serves `accessPolicies` to admins: the policies as the authorizer reads them. */
export const listAccessPolicies = defineFunction({
  name: 'access-policies',
  entry: './list-policies.ts',
  resourceGroupName: 'data',
  runtime: 22,
  timeoutSeconds: 10,
});
