/**
 * The storefront's client, aws-amplify v6, against the local Cognito (in Node): sign up, confirm,
 * sign in with USER_PASSWORD_AUTH, a forced token refresh (GetTokensFromRefreshToken) and sign-out
 * (which revokes the refresh token).
 */
import { Amplify } from 'aws-amplify';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import {
  confirmSignUp,
  fetchAuthSession,
  getCurrentUser,
  resendSignUpCode,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCognito, type LocalCognito } from './index';
import { fakeInvoker, fakeOutbox, idTokenVerifier, projectAssembly, sdkClient, tempDataDir } from './testing';

const EMAIL = 'amplify.shopper@example.com';
const PASSWORD = 'Amplify-Pa55word';

describe('aws-amplify v6 against the local Cognito', () => {
  let cognito: LocalCognito;
  const outbox = fakeOutbox();
  const triggers = fakeInvoker(() => cognito.endpoint);
  /** Amplify's token store, readable by the test (the browser's is localStorage). */
  const tokenStore = new Map<string, string>();

  beforeAll(async () => {
    cognito = await startCognito({
      assembly: projectAssembly(),
      dataDir: tempDataDir(),
      port: 0,
      invoker: triggers.invoker,
      outbox,
      log: () => {},
    });
    // What the storefront configures: amplify_outputs.json's auth section plus the endpoint override.
    Amplify.configure({
      Auth: {
        Cognito: {
          userPoolId: cognito.userPoolId,
          userPoolClientId: cognito.clientId,
          userPoolEndpoint: cognito.endpoint,
          loginWith: { email: true },
          signUpVerificationMethod: 'code',
        },
      },
    });
    cognitoUserPoolsTokenProvider.setKeyValueStorage({
      setItem: async (key, value) => void tokenStore.set(key, value),
      getItem: async (key) => tokenStore.get(key) ?? null,
      removeItem: async (key) => void tokenStore.delete(key),
      clear: async () => tokenStore.clear(),
    });
  }, 300_000);
  afterAll(() => cognito?.stop());

  it('signs up, confirms, signs in, refreshes and signs out', async () => {
    const up = await signUp({ username: EMAIL, password: PASSWORD, options: { userAttributes: { email: EMAIL } } });
    expect(up.nextStep.signUpStep).toBe('CONFIRM_SIGN_UP');
    expect(up.isSignUpComplete).toBe(false);

    await resendSignUpCode({ username: EMAIL });
    const code = outbox.emails({ to: EMAIL }).at(-1)!.code!;
    const confirmed = await confirmSignUp({ username: EMAIL, confirmationCode: code });
    expect(confirmed.isSignUpComplete).toBe(true);
    expect(triggers.calls.filter((c) => c.event.triggerSource === 'PostConfirmation_ConfirmSignUp')).toHaveLength(1);

    const signedIn = await signIn({
      username: EMAIL,
      password: PASSWORD,
      options: { authFlowType: 'USER_PASSWORD_AUTH' },
    });
    expect(signedIn.isSignedIn).toBe(true);
    expect((await getCurrentUser()).signInDetails?.loginId).toBe(EMAIL);

    const session = await fetchAuthSession();
    const idToken = session.tokens!.idToken!;
    expect(idToken.payload).toMatchObject({
      email: EMAIL,
      'cognito:groups': ['customers'],
      'custom:policy': 'customer',
    });
    await expect(idTokenVerifier(cognito).verify(idToken.toString())).resolves.toMatchObject({ token_use: 'id' });

    const refreshes = () =>
      triggers.calls.filter((c) => c.event.triggerSource === 'TokenGeneration_RefreshTokens').length;
    const before = refreshes();
    const refreshed = await fetchAuthSession({ forceRefresh: true });
    expect(refreshes()).toBe(before + 1);
    expect(refreshed.tokens!.idToken!.payload.jti).not.toBe(idToken.payload.jti);
    expect(refreshed.tokens!.idToken!.payload.origin_jti).toBe(idToken.payload.origin_jti);
    await expect(idTokenVerifier(cognito).verify(refreshed.tokens!.idToken!.toString())).resolves.toMatchObject({
      sub: idToken.payload.sub,
    });

    // Sign-out revokes the session's refresh token (the access token has an origin_jti).
    const refreshToken = [...tokenStore].find(([key]) => key.endsWith('.refreshToken'))?.[1];
    expect(refreshToken).toBeTruthy();
    await signOut();
    await expect(getCurrentUser()).rejects.toThrow();
    expect((await fetchAuthSession()).tokens).toBeUndefined();
    await expect(
      sdkClient(cognito.endpoint).send(
        new GetTokensFromRefreshTokenCommand({ ClientId: cognito.clientId, RefreshToken: refreshToken }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });
});
