/**
 * Where the sign-in pages send a shopper, and what they say on arrival. Plain functions of the
 * query string, shared by the server pages and the client forms.
 */

/** `/path?query` with only the parameters that have a value; `next=/` is the default and left out. */
const withQuery = (path: string, params: Record<string, string | undefined>) => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value && !(name === 'next' && value === '/')) query.set(name, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};

/** The password reset page, keeping where to go after signing in again. */
export const forgotPasswordPath = (next: string, email?: string) =>
  withQuery('/forgot-password', { email: email?.trim(), next });

/** Back to sign in after a reset: the email filled in, the notice shown, `next` kept. */
export const signInAfterResetPath = (email: string, next: string) => withQuery('/sign-in', { reset: '1', email, next });

type Param = string | string[] | undefined;
const first = (value: Param) => (Array.isArray(value) ? value[0] : value);

/** What the sign-in page says first: why the shopper is here, or what just happened. */
export function signInNotice(params: { confirmed?: Param; reset?: Param }, next: string): string | undefined {
  if (first(params.reset)) return 'Your password has been changed. Sign in with your new password.';
  if (first(params.confirmed)) return 'Your account is confirmed. Sign in to continue.';
  if (next === '/checkout') return 'Sign in to check out. Your cart is kept.';
  if (next === '/orders') return 'Sign in to see your orders.';
  if (next === '/account') return 'Sign in to see your account.';
  return undefined;
}

/** An access policy's id (the `me` query's `policyId`) in the shopper's words. */
export function policyLabel(policyId: string): string {
  switch (policyId) {
    case 'customers':
      return 'Shopper: you can place, follow and cancel your orders';
    case 'admins':
      return 'Store administrator: you can manage the catalog, stock and orders';
    case 'guest':
      return 'Guest: you can browse the catalog';
    default:
      return `Custom access (${policyId})`;
  }
}
