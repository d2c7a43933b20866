/**
 * The browser's session, through aws-amplify (which refreshes tokens by itself). Client-only: import
 * from client components. The header shows who is signed in from the ID token's claims, never from
 * the API.
 */
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { ADMIN_GROUP, AUTH_FLOW_TYPE } from './constants';

export interface SessionUser {
  email: string;
  groups: string[];
  isAdmin: boolean;
}

/** The signed-in user from the ID token, or null when nobody is signed in. */
export async function currentUser(): Promise<SessionUser | null> {
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
  return (await fetchAuthSession()).tokens?.idToken?.toString() ?? null;
}

/**
 * Signs in with email and password through the project's one flow. A different user still signed
 * in on this browser is signed out first (Amplify refuses a second sign-in otherwise).
 */
export async function signInWithPassword(email: string, password: string) {
  const attempt = () => signIn({ username: email, password, options: { authFlowType: AUTH_FLOW_TYPE } });
  try {
    return await attempt();
  } catch (error) {
    if ((error as Error)?.name !== 'UserAlreadyAuthenticatedException') throw error;
    await signOut();
    return attempt();
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
