/**
 * The browser's session and the sign-in flows, through aws-amplify (which refreshes tokens by
 * itself). Client-only: import from client components, statically only on the routes that sign in
 * or need a token; the header loads it after hydration (components/session.tsx). Every call
 * configures Amplify first (lib/amplify-client.ts). The header shows who is signed in from the ID
 * token's claims, never from the API.
 */
import {
  confirmResetPassword,
  confirmSignUp,
  fetchAuthSession,
  resendSignUpCode,
  resetPassword,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { ensureAmplifyConfigured } from './amplify-client';
import { ADMIN_GROUP, AUTH_FLOW_TYPE } from './constants';

export interface SessionUser {
  email: string;
  groups: string[];
  isAdmin: boolean;
}

/** The signed-in user from the ID token, or null when nobody is signed in. */
export async function currentUser(): Promise<SessionUser | null> {
  ensureAmplifyConfigured();
  const idToken = (await fetchAuthSession()).tokens?.idToken;
  if (!idToken) return null;
  const claims = idToken.payload;
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'].map(String) : [];
  return {
    email: typeof claims.email === 'string' ? claims.email : String(claims['cognito:username'] ?? ''),
    groups,
    isAdmin: groups.includes(ADMIN_GROUP),
  };
}

/** The signed-in user's Cognito ID token (what the API's authorizer verifies), or null. */
export async function currentIdToken(): Promise<string | null> {
  ensureAmplifyConfigured();
  return (await fetchAuthSession()).tokens?.idToken?.toString() ?? null;
}

/** The ID token for a read only a signed-in user may make; none (the session ended) is an error saying so. */
export async function signedInToken(): Promise<string> {
  const token = await currentIdToken();
  if (!token) throw new Error('Your session has expired. Sign in again.');
  return token;
}

/**
 * Signs in with email and password through the project's one flow. A different user still signed
 * in on this browser is signed out first (Amplify refuses a second sign-in otherwise).
 */
export async function signInWithPassword(email: string, password: string) {
  ensureAmplifyConfigured();
  const attempt = () => signIn({ username: email, password, options: { authFlowType: AUTH_FLOW_TYPE } });
  try {
    return await attempt();
  } catch (error) {
    if ((error as Error)?.name !== 'UserAlreadyAuthenticatedException') throw error;
    await signOut();
    return attempt();
  }
}

/** Signs this browser out (the tokens Amplify kept are forgotten). */
export async function signOutOfStore(): Promise<void> {
  ensureAmplifyConfigured();
  await signOut();
}

/**
 * Calls `onChange` whenever this browser signs in or out or its tokens are refreshed (in any
 * component); answers the function that stops listening.
 */
export function onSessionChange(onChange: () => void): () => void {
  ensureAmplifyConfigured();
  return Hub.listen('auth', ({ payload }) => {
    if (['signedIn', 'signedOut', 'tokenRefresh', 'tokenRefresh_failure'].includes(payload.event)) onChange();
  });
}

/** Creates the account; Cognito then emails a code to confirm it (`nextStep`). */
export async function signUpWithEmail(email: string, password: string) {
  ensureAmplifyConfigured();
  return signUp({ username: email, password, options: { userAttributes: { email } } });
}

export async function confirmSignUpWithCode(email: string, code: string) {
  ensureAmplifyConfigured();
  return confirmSignUp({ username: email, confirmationCode: code });
}

export async function sendNewSignUpCode(email: string) {
  ensureAmplifyConfigured();
  return resendSignUpCode({ username: email });
}

/**
 * Asks Cognito to email a code for a new password. Cognito decides what an unknown email gets
 * (the local cloud and a pool that prevents user-existence errors answer as if a code was sent).
 */
export async function sendPasswordResetCode(email: string) {
  ensureAmplifyConfigured();
  return resetPassword({ username: email });
}

export async function resetPasswordWithCode(email: string, code: string, newPassword: string) {
  ensureAmplifyConfigured();
  await confirmResetPassword({ username: email, confirmationCode: code, newPassword });
}

/**
 * A sentence for an error of the password reset. A wrong or stale code and a weak password are the
 * shopper's to fix; an unknown email is told no more plainly than Cognito itself told it.
 */
export function resetErrorMessage(error: unknown): string {
  switch ((error as Error)?.name) {
    case 'UserNotFoundException':
      return 'We couldn’t send a code to that email. Check it and try again.';
    case 'CodeMismatchException':
      return 'That code is not right. Check the latest email we sent and try again.';
    case 'ExpiredCodeException':
      return 'That code has expired. Send a new one.';
    case 'InvalidPasswordException':
      return (error as Error).message || 'That password is not strong enough.';
    case 'EmptyResetPasswordUsername':
      return 'Enter your email.';
    case 'EmptyConfirmResetPasswordConfirmationCode':
      return 'Enter the code from the email.';
    case 'EmptyConfirmResetPasswordNewPassword':
      return 'Enter a new password.';
    default:
      return authErrorMessage(error);
  }
}

/** A sentence a shopper can act on, for an error thrown by aws-amplify/auth. */
export function authErrorMessage(error: unknown): string {
  const name = (error as Error)?.name;
  switch (name) {
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      return 'Incorrect email or password.';
    case 'UsernameExistsException':
      return 'An account with this email already exists. Sign in instead.';
    case 'InvalidPasswordException':
      return (error as Error).message || 'That password is not strong enough.';
    case 'CodeMismatchException':
      return 'That code is not right. Check the email and try again.';
    case 'ExpiredCodeException':
      return 'That code has expired. Send a new one.';
    case 'LimitExceededException':
    case 'TooManyRequestsException':
      return 'Too many attempts. Wait a moment and try again.';
    case 'InvalidParameterException':
      return (error as Error).message || 'Check the details you entered.';
    case 'EmptySignInUsername':
    case 'EmptySignUpUsername':
      return 'Enter your email.';
    case 'EmptySignInPassword':
    case 'EmptySignUpPassword':
      return 'Enter your password.';
    case 'AuthUserPoolException':
    case 'InvalidUserPoolConfigurationException':
      return 'Sign-in is not available: the store is not configured.';
    case 'NetworkError':
      return 'We couldn’t reach the sign-in service. Try again in a moment.';
    default:
      return (error as Error)?.message || 'Something went wrong. Try again.';
  }
}

/** A same-site path to go to after signing in; anything else (other hosts, `//host`) becomes `/`. */
export function safeNextPath(next: string | string[] | undefined | null): string {
  const value = Array.isArray(next) ? next[0] : next;
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
