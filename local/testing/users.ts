/**
 * Users for integration tests, made the way a shopper or the store's admin would: sign-up with the
 * emailed code and password sign-in against the local cloud's Cognito. Tokens are ID tokens, sent
 * raw in the `Authorization` header (see `graphql` in cloud-env.ts).
 */
import { randomBytes } from 'node:crypto';
import { ConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClientFor, passwordSignIn, type SignedIn } from '../cognito/password-sign-in';
import type { OutboxEmail } from '../ports';
import { cloudEnv } from './cloud-env';

/** A short random suffix, so that SKUs, slugs and emails of one run never meet another run's. */
export const uniqueSuffix = () => randomBytes(5).toString('hex');

/** An email no other test (of this run or another) uses. */
export const uniqueEmail = (label = 'shopper') => `${label}-${Date.now().toString(36)}-${uniqueSuffix()}@example.com`;

/** A password that satisfies the pool's policy. */
export const testPassword = () => `Aa1!${randomBytes(12).toString('base64url')}`;

/** The SDK client as the storefront's would be, pointed at the local Cognito. */
export const cognitoClient = () => cognitoClientFor(cloudEnv().COGNITO_ENDPOINT);

export type { SignedIn };

/** USER_PASSWORD_AUTH sign-in with the pool's client. */
export const signIn = (email: string, password: string): Promise<SignedIn> =>
  passwordSignIn({ endpoint: cloudEnv().COGNITO_ENDPOINT, clientId: cloudEnv().USER_POOL_CLIENT_ID, email, password });

/** The seeded store admin (in `admins`, without a customer profile). */
export const signInAdmin = async (): Promise<SignedIn & { email: string }> => {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = cloudEnv();
  return { email: ADMIN_EMAIL, ...(await signIn(ADMIN_EMAIL, ADMIN_PASSWORD)) };
};

/** The emails the local cloud "sent" to `to`, oldest first. */
export const emailsTo = async (to: string): Promise<OutboxEmail[]> => {
  const response = await fetch(`${cloudEnv().OUTBOX_URL}/emails?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`the outbox answered ${response.status}`);
  return (await response.json()) as OutboxEmail[];
};

/** The one-time code of the latest email to `to` that carries one (waits briefly for it to arrive). */
export const latestCode = async (to: string, timeoutMs = 5_000): Promise<string> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = (await emailsTo(to)).findLast((e) => e.code)?.code;
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no email with a code reached ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The claims of a JWT (not verified: the caller got it from Cognito itself). */
export const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

export interface Customer extends SignedIn {
  email: string;
  password: string;
  /** Cognito's `sub`: the user id the API knows them by. */
  sub: string;
  /** The Cognito username (`cognito:username`; a UUID in a pool where people sign in with their email). */
  username: string;
}

/** Signs up a new shopper, confirms them with the emailed code and signs them in. */
export const signUpCustomer = async ({
  email = uniqueEmail(),
  password = testPassword(),
}: { email?: string; password?: string } = {}): Promise<Customer> => {
  const cognito = cognitoClient();
  const clientId = cloudEnv().USER_POOL_CLIENT_ID;
  const { UserSub } = await cognito.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  const code = await latestCode(email);
  await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }));
  const tokens = await signIn(email, password);
  const claims = claimsOf(tokens.idToken);
  if (UserSub && claims.sub !== UserSub)
    throw new Error(`sign-up said sub ${UserSub}, the token says ${String(claims.sub)}`);
  return { ...tokens, email, password, sub: String(claims.sub), username: String(claims['cognito:username']) };
};
