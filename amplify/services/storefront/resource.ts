import { defineFunction, secret } from '@aws-amplify/backend';
import { REVALIDATE_SECRET_VARIABLE } from './revalidation';

/**
 * ProductChanged consumer: the storefront's cached pages that show the product are made again, and
 * the CDN's copies invalidated. The storefront's public origin is `SITE_URL` in the environment the
 * backend is built in (the storefront's own setting, see lib/constants.ts); the shared secret is an
 * Amplify secret (`npx ampx sandbox secret set STOREFRONT_REVALIDATE_SECRET`, or the console's
 * secret management for a branch), resolved from SSM when the function starts.
 */
export const storefrontRevalidate = defineFunction({
  name: 'storefront-revalidate',
  entry: './handler.ts',
  resourceGroupName: 'storefront',
  runtime: 22,
  timeoutSeconds: 30,
  environment: {
    STOREFRONT_URL: process.env.SITE_URL ?? '',
    [REVALIDATE_SECRET_VARIABLE]: secret(REVALIDATE_SECRET_VARIABLE),
  },
});
