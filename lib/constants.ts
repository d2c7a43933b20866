/**
 * The token a visitor without a session sends. Catalog reads always use it, even for signed-in
 * shoppers, so catalog responses are the same for everyone (and cacheable at the edge).
 */
export const GUEST_TOKEN = 'guest';

/**
 * The one sign-in flow the storefront uses. cognito-local (the local cloud) has no SRP, and
 * USER_PASSWORD_AUTH works on AWS too when the app client allows it (Amplify's does).
 */
export const AUTH_FLOW_TYPE = 'USER_PASSWORD_AUTH' as const;

/** Products per page in the catalog grids. */
export const PAGE_SIZE = 12;

/** The Cognito group whose members run the store. */
export const ADMIN_GROUP = 'admins';
