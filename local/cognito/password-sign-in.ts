import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { localSdkConfig } from '../ports';

export interface SignedIn {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
}

const clients = new Map<string, CognitoIdentityProviderClient>();

/** An SDK client for a Cognito endpoint (the local one needs no real credentials). */
export const cognitoClientFor = (endpoint: string) => {
  let client = clients.get(endpoint);
  if (!client) {
    client = new CognitoIdentityProviderClient(localSdkConfig(endpoint));
    clients.set(endpoint, client);
  }
  return client;
};

/**
 * Signs in with email and password (USER_PASSWORD_AUTH, the storefront's flow), as the seed, the
 * benchmarks and the tests do.
 */
export const passwordSignIn = async ({
  endpoint,
  clientId,
  email,
  password,
}: {
  endpoint: string;
  clientId: string;
  email: string;
  password: string;
}): Promise<SignedIn> => {
  const { AuthenticationResult: result } = await cognitoClientFor(endpoint).send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  if (!result?.IdToken || !result.AccessToken) throw new Error(`sign-in of ${email} returned no tokens (a challenge?)`);
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken };
};
