/**
 * The local Cognito against the project's real synthesized assembly and a real cognito-local, on a
 * random port, with a fake invoker and outbox: a shopper's whole journey through the AWS SDK, the
 * tokens' keys, the refresh bridge, restarts and the seeded admin.
 */
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ResendConfirmationCodeCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../amplify/services/access/token-verifier';
import { Assembly } from '../assembly/assembly';
import { startCognito, type LocalCognito } from './index';
import { loadOrCreateSigningKey, signJwt } from './keys';
import { readResourceIds } from './provision';
import {
  claimsOf,
  fakeInvoker,
  fakeOutbox,
  headerOf,
  idTokenVerifier,
  projectAssembly,
  sdkClient,
  tempDataDir,
} from './testing';

const EMAIL = 'Shopper.One@Example.com';
const PASSWORD = 'Corr3ct-horse!';

describe('local Cognito from the templates', () => {
  let assembly: Assembly;
  let dataDir: string;
  let cognito: LocalCognito;
  const outbox = fakeOutbox();
  const triggers = fakeInvoker(() => cognito.endpoint);
  const warnings: string[] = [];
  let sdk: ReturnType<typeof sdkClient>;

  beforeAll(async () => {
    assembly = projectAssembly();
    dataDir = tempDataDir();
    cognito = await startCognito({
      assembly,
      dataDir,
      port: 0,
      invoker: triggers.invoker,
      outbox,
      log: (m) => warnings.push(m),
    });
    sdk = sdkClient(cognito.endpoint);
  }, 300_000);
  afterAll(() => cognito?.stop());

  const pool = () => assembly.resources('AWS::Cognito::UserPool')[0];
  const lambdaArn = (trigger: string) => (assembly.properties(pool()).LambdaConfig as Record<string, string>)[trigger];

  it('creates the pool, client and groups with the settings of the templates', async () => {
    expect(cognito.userPoolId).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(cognito.clientId).toMatch(/^[a-z0-9]{26}$/);
    expect(cognito.issuer).toBe(`${cognito.endpoint}/${cognito.userPoolId}`);
    expect(cognito.jwksUri).toBe(`${cognito.issuer}/.well-known/jwks.json`);

    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: cognito.userPoolId }));
    expect(UserPool?.UsernameAttributes).toEqual(['email']);
    expect(UserPool?.AutoVerifiedAttributes).toEqual(['email']);
    expect(UserPool?.Policies?.PasswordPolicy).toMatchObject({
      MinimumLength: 8,
      RequireSymbols: true,
      RequireUppercase: true,
    });
    expect(UserPool?.VerificationMessageTemplate?.EmailSubject).toBe('Your cloudshop verification code');
    expect(UserPool?.LambdaConfig?.PostConfirmation).toBe(lambdaArn('PostConfirmation'));
    expect(UserPool?.SchemaAttributes?.find((a) => a.Name === 'email')).toMatchObject({
      Required: true,
      Mutable: true,
    });

    const { UserPoolClient } = await sdk.send(
      new DescribeUserPoolClientCommand({ UserPoolId: cognito.userPoolId, ClientId: cognito.clientId }),
    );
    const clientTemplate = assembly.properties(assembly.resources('AWS::Cognito::UserPoolClient')[0]);
    expect(UserPoolClient?.ExplicitAuthFlows).toEqual(clientTemplate.ExplicitAuthFlows);

    const { Groups } = await sdk.send(new ListGroupsCommand({ UserPoolId: cognito.userPoolId }));
    expect(Groups?.map((g) => [g.GroupName, g.Precedence]).sort()).toEqual([
      ['admins', 0],
      ['customers', 1],
    ]);
  });

  it('names the pool and client for the rest of the assembly', () => {
    const named = new Assembly(assembly.dir, cognito.naming);
    const [poolResource] = named.resources('AWS::Cognito::UserPool');
    const [clientResource] = named.resources('AWS::Cognito::UserPoolClient');
    expect(named.physicalId(poolResource)).toBe(cognito.userPoolId);
    expect(named.physicalId(clientResource)).toBe(cognito.clientId);
    expect(named.attribute(poolResource, 'Arn')).toBe(
      `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${cognito.userPoolId}`,
    );
    // What the authorizer's environment is made of: the client id reaches it through a Ref.
    const authorizer = named
      .resources('AWS::Lambda::Function')
      .find((f) => f.logicalId.startsWith('accessauthorizer'))!;
    const env = (named.properties(authorizer).Environment as { Variables: Record<string, string> }).Variables;
    expect(env.USER_POOL_CLIENT_ID).toBe(cognito.clientId);
    expect(env.TOKEN_ISSUER).toContain(cognito.userPoolId);
    // The SSM parameter behind the PostConfirmation handler's AMPLIFY_AUTH_USERPOOL_ID.
    const parameter = named
      .resources('AWS::SSM::Parameter')
      .find((r) => String(r.properties.Name).endsWith('/AMPLIFY_AUTH_USERPOOL_ID'))!;
    expect(named.properties(parameter).Value).toBe(cognito.userPoolId);
    // And amplify_outputs.json, which is made from the root stack's outputs.
    const outputs = Object.values(named.outputs());
    expect(outputs).toContain(cognito.userPoolId);
    expect(outputs).toContain(cognito.clientId);
  });

  it('refuses a password the pool policy does not allow', async () => {
    await expect(
      sdk.send(
        new SignUpCommand({
          ClientId: cognito.clientId,
          Username: 'weak@example.com',
          Password: 'password',
          UserAttributes: [{ Name: 'email', Value: 'weak@example.com' }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      message: expect.stringContaining('Password did not conform with policy'),
    });
  });

  let idToken: string;
  let refreshToken: string;
  let sub: string;

  it('signs a shopper up: the code is mailed to the outbox with the templates’ text', async () => {
    const result = await sdk.send(
      new SignUpCommand({
        ClientId: cognito.clientId,
        Username: EMAIL,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: EMAIL }],
      }),
    );
    sub = result.UserSub!;
    expect(result.UserConfirmed).toBe(false);
    expect(result.CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'S***@E***',
    });
    const [email] = outbox.emails({ to: EMAIL });
    expect(email.subject).toBe('Your cloudshop verification code');
    expect(email.body).toBe(`Welcome to cloudshop. Your verification code is ${email.code}.`);
    expect(email.code).toMatch(/^\d{6}$/);
    // Email addresses are case-insensitive in this pool, as on AWS.
    await expect(
      sdk.send(
        new SignUpCommand({
          ClientId: cognito.clientId,
          Username: EMAIL.toLowerCase(),
          Password: PASSWORD,
          UserAttributes: [{ Name: 'email', Value: EMAIL.toLowerCase() }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'UsernameExistsException' });
  });

  it('resends the code, and only the newest one confirms; PostConfirmation gets Cognito’s event', async () => {
    const first = outbox.emails({ to: EMAIL })[0].code!;
    await sdk.send(new ResendConfirmationCodeCommand({ ClientId: cognito.clientId, Username: EMAIL }));
    const emails = outbox.emails({ to: EMAIL });
    expect(emails).toHaveLength(2);
    const latest = emails[1].code!;
    if (latest !== first) {
      await expect(
        sdk.send(new ConfirmSignUpCommand({ ClientId: cognito.clientId, Username: EMAIL, ConfirmationCode: first })),
      ).rejects.toMatchObject({
        name: 'CodeMismatchException',
      });
    }
    await sdk.send(
      new ConfirmSignUpCommand({ ClientId: cognito.clientId, Username: EMAIL.toUpperCase(), ConfirmationCode: latest }),
    );

    const calls = triggers.calls.filter((c) => c.event.triggerSource === 'PostConfirmation_ConfirmSignUp');
    expect(calls).toHaveLength(1);
    expect(calls[0].functionArn).toBe(lambdaArn('PostConfirmation'));
    expect(calls[0].event).toEqual({
      version: '1',
      region: 'us-east-1',
      userPoolId: cognito.userPoolId,
      userName: sub,
      callerContext: { awsSdkVersion: expect.any(String), clientId: cognito.clientId },
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      request: { userAttributes: { sub, email: EMAIL, email_verified: 'true', 'cognito:user_status': 'CONFIRMED' } },
      response: {},
    });
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: cognito.userPoolId, Username: EMAIL }));
    expect(user.UserStatus).toBe('CONFIRMED');
  });

  it('answers ConfirmSignUp with a failing PostConfirmation’s error; the user stays confirmed', async () => {
    const email = 'unlucky@example.com';
    await sdk.send(
      new SignUpCommand({
        ClientId: cognito.clientId,
        Username: email,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    triggers.fail('PostConfirmation_ConfirmSignUp', 'profile table unavailable');
    await expect(
      sdk.send(
        new ConfirmSignUpCommand({
          ClientId: cognito.clientId,
          Username: email,
          ConfirmationCode: outbox.emails({ to: email })[0].code!,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PostConfirmation failed with error profile table unavailable.',
    });
    expect(
      (await sdk.send(new AdminGetUserCommand({ UserPoolId: cognito.userPoolId, Username: email }))).UserStatus,
    ).toBe('CONFIRMED');
  });

  it('refuses a wrong password with Cognito’s error', async () => {
    await expect(
      sdk.send(
        new InitiateAuthCommand({
          ClientId: cognito.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: EMAIL, PASSWORD: 'Wr0ng-password!' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    await expect(
      sdk.send(
        new InitiateAuthCommand({
          ClientId: cognito.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'nobody@example.com', PASSWORD: PASSWORD },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('signs in with USER_PASSWORD_AUTH: the ID token verifies and carries the trigger’s claim and the groups', async () => {
    const { AuthenticationResult: auth } = await sdk.send(
      new InitiateAuthCommand({
        ClientId: cognito.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: EMAIL.toLowerCase(), PASSWORD },
      }),
    );
    idToken = auth!.IdToken!;
    refreshToken = auth!.RefreshToken!;
    expect(auth).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });

    const payload = await idTokenVerifier(cognito).verify(idToken);
    expect(payload).toMatchObject({
      sub,
      iss: cognito.issuer,
      aud: cognito.clientId,
      token_use: 'id',
      email: EMAIL,
      email_verified: true,
      'cognito:username': sub,
      'cognito:groups': ['customers'],
      'custom:policy': 'customer',
    });
    expect(payload.exp! - payload.iat!).toBe(3600);

    // The authorizer's own verifier, with the values the local cloud hands it.
    const verify = createTokenVerifier({
      issuer: cognito.issuer,
      audience: cognito.clientId,
      jwksUri: cognito.jwksUri,
    });
    await expect(verify(idToken)).resolves.toMatchObject({
      sub,
      'cognito:groups': ['customers'],
      'custom:policy': 'customer',
    });

    const access = claimsOf(auth!.AccessToken!);
    expect(access).toMatchObject({
      token_use: 'access',
      client_id: cognito.clientId,
      username: sub,
      'cognito:groups': ['customers'],
      iss: cognito.issuer,
    });
    expect(access.origin_jti).toBe(claimsOf(idToken).origin_jti);

    const preToken = triggers.calls.filter((c) => c.event.triggerSource === 'TokenGeneration_Authentication');
    expect(preToken).toHaveLength(1);
    expect(preToken[0].functionArn).toBe(lambdaArn('PreTokenGeneration'));
    expect(preToken[0].event).toMatchObject({
      version: '1',
      region: 'us-east-1',
      userPoolId: cognito.userPoolId,
      userName: sub,
      callerContext: { clientId: cognito.clientId },
      request: {
        userAttributes: { sub, email: EMAIL, email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
        groupConfiguration: {
          groupsToOverride: ['customers'],
          iamRolesToOverride: [expect.stringContaining('customersGroupRole')],
          preferredRole: expect.any(String),
        },
      },
      response: { claimsOverrideDetails: null },
    });
  });

  it('signs with its own key: the token verifies only with the JWKS it serves, not with cognito-local’s shipped key', async () => {
    const jwks = (await (await fetch(cognito.jwksUri)).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toHaveLength(1);
    const [jwk] = jwks.keys;
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(headerOf(idToken)).toEqual({ kid: jwk.kid, alg: 'RS256' });
    expect(existsSync(join(dataDir, 'signing-key.pem'))).toBe(true);
    expect(statSync(join(dataDir, 'signing-key.pem')).mode & 0o077).toBe(0);

    const [signingInput, signature] = [
      idToken.split('.').slice(0, 2).join('.'),
      Buffer.from(idToken.split('.')[2], 'base64url'),
    ];
    const shipped = createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.public.json') as {
      jwk: Record<string, string>;
    };
    const verifies = (key: Record<string, string>) =>
      verify('sha256', Buffer.from(signingInput), createPublicKey({ key, format: 'jwk' }), signature);
    expect(verifies(jwk)).toBe(true);
    expect(verifies(shipped.jwk)).toBe(false);
    expect(jwk.n).not.toBe(shipped.jwk.n);

    // A verifier holding cognito-local's shipped JWKS refuses the token.
    const withShippedKey = JwtVerifier.create({
      issuer: cognito.issuer,
      audience: cognito.clientId,
      jwksUri: `${cognito.jwksUri}?shipped`,
    });
    withShippedKey.cacheJwks({ keys: [{ ...shipped.jwk, kid: jwk.kid, alg: 'RS256', use: 'sig' }] } as never);
    await expect(withShippedKey.verify(idToken)).rejects.toThrow();

    const discovery = (await (await fetch(`${cognito.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    expect(discovery).toMatchObject({ issuer: cognito.issuer, jwks_uri: cognito.jwksUri });
  });

  it('bridges GetTokensFromRefreshToken (Amplify v6’s refresh) to REFRESH_TOKEN_AUTH', async () => {
    const before = claimsOf(idToken);
    const { AuthenticationResult: refreshed } = await sdk.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: cognito.clientId, RefreshToken: refreshToken }),
    );
    expect(refreshed).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
    expect(refreshed?.RefreshToken).toBeUndefined();
    const payload = await idTokenVerifier(cognito).verify(refreshed!.IdToken!);
    expect(payload).toMatchObject({
      sub,
      'custom:policy': 'customer',
      'cognito:groups': ['customers'],
      auth_time: before.auth_time,
      origin_jti: before.origin_jti,
    });
    expect(payload.jti).not.toBe(before.jti);
    expect(triggers.calls.some((c) => c.event.triggerSource === 'TokenGeneration_RefreshTokens')).toBe(true);

    // The classic flow answers the same way.
    const { AuthenticationResult: classic } = await sdk.send(
      new InitiateAuthCommand({
        ClientId: cognito.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    );
    expect(claimsOf(classic!.IdToken!).sub).toBe(sub);

    await expect(
      sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: cognito.clientId, RefreshToken: 'not-a-token' })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('reports a failing trigger as Cognito does', async () => {
    triggers.fail('TokenGeneration_Authentication', 'boom');
    await expect(
      sdk.send(
        new InitiateAuthCommand({
          ClientId: cognito.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: EMAIL, PASSWORD },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PreTokenGeneration failed with error boom.',
    });
  });

  it('ends the session on RevokeToken: the refresh token no longer works', async () => {
    await sdk.send(new RevokeTokenCommand({ ClientId: cognito.clientId, Token: refreshToken }));
    await expect(
      sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: cognito.clientId, RefreshToken: refreshToken })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
  });

  it('accepts only its own, unexpired access tokens, and signs out everywhere', async () => {
    const { AuthenticationResult: auth } = await sdk.send(
      new InitiateAuthCommand({
        ClientId: cognito.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: EMAIL, PASSWORD },
      }),
    );
    const me = await sdk.send(new GetUserCommand({ AccessToken: auth!.AccessToken! }));
    expect(me.UserAttributes).toContainEqual({ Name: 'email', Value: EMAIL });

    // The same claims, signed by another key under our kid: cognito-local alone would accept it.
    const other = loadOrCreateSigningKey(tempDataDir());
    const forged = signJwt({ ...other, kid: String(headerOf(auth!.AccessToken!).kid) }, claimsOf(auth!.AccessToken!));
    const expired = signJwt(loadOrCreateSigningKey(dataDir), { ...claimsOf(auth!.AccessToken!), exp: 1 });
    for (const [token, message] of [
      [forged, 'Invalid Access Token'],
      [auth!.IdToken!, 'Invalid Access Token'],
      [expired, 'Access Token has expired'],
    ]) {
      await expect(sdk.send(new GetUserCommand({ AccessToken: token }))).rejects.toMatchObject({
        name: 'NotAuthorizedException',
        message,
      });
    }

    await sdk.send(new GlobalSignOutCommand({ AccessToken: auth!.AccessToken! }));
    await expect(
      sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: cognito.clientId, RefreshToken: auth!.RefreshToken! })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('refuses a disabled user', async () => {
    await sdk.send(new AdminDisableUserCommand({ UserPoolId: cognito.userPoolId, Username: EMAIL }));
    await expect(
      sdk.send(
        new InitiateAuthCommand({
          ClientId: cognito.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: EMAIL, PASSWORD },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'User is disabled.' });
    await sdk.send(new AdminEnableUserCommand({ UserPoolId: cognito.userPoolId, Username: EMAIL }));
  });

  it('mails a forgot-password code and resets the password under the pool policy', async () => {
    const sent = outbox.all.length;
    const { CodeDeliveryDetails } = await sdk.send(
      new ForgotPasswordCommand({ ClientId: cognito.clientId, Username: EMAIL }),
    );
    expect(CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', Destination: 'S***@E***' });
    const mail = outbox.all[sent];
    expect(mail).toMatchObject({
      to: EMAIL,
      subject: 'Your cloudshop verification code',
      body: `Welcome to cloudshop. Your verification code is ${mail.code}.`,
    });

    await expect(
      sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: cognito.clientId,
          Username: EMAIL,
          ConfirmationCode: mail.code!,
          Password: 'weak',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    const newPassword = 'N3w-password!';
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: cognito.clientId,
        Username: EMAIL,
        ConfirmationCode: mail.code!,
        Password: newPassword,
      }),
    );
    const { AuthenticationResult } = await sdk.send(
      new InitiateAuthCommand({
        ClientId: cognito.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: EMAIL, PASSWORD: newPassword },
      }),
    );
    expect(AuthenticationResult?.IdToken).toBeTruthy();

    // With PreventUserExistenceErrors (Amplify's default) an unknown user looks like a known one.
    await expect(
      sdk.send(new ForgotPasswordCommand({ ClientId: cognito.clientId, Username: 'nobody@example.com' })),
    ).resolves.toMatchObject({
      CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'n***@e***' },
    });
    expect(outbox.all.length).toBe(sent + 1);
  });

  it('answers the browser’s CORS preflight from the storefront', async () => {
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000']) {
      const res = await fetch(cognito.endpoint, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent,cache-control',
        },
      });
      expect(res.status).toBeLessThan(300);
      expect(['*', origin]).toContain(res.headers.get('access-control-allow-origin'));
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-amz-target');
    }
    const jwks = await fetch(cognito.jwksUri, { headers: { origin: 'http://localhost:3000' } });
    expect(jwks.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('warns when a client uses a flow its ExplicitAuthFlows lack (CUSTOM_AUTH), and not for USER_PASSWORD_AUTH', async () => {
    await sdkClient(cognito.endpoint)
      .send(
        new InitiateAuthCommand({
          ClientId: cognito.clientId,
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: { USERNAME: EMAIL },
        }),
      )
      .catch(() => undefined); // allowed through locally; cognito-local then answers as it can
    expect(warnings.some((w) => w.includes('CUSTOM_AUTH flow not enabled for this client'))).toBe(true);
    expect(warnings.some((w) => w.includes('USER_PASSWORD_AUTH flow not enabled'))).toBe(false);
  });

  it('seeds an admin whose generated password is kept in the data dir', async () => {
    const admin = await cognito.ensureAdmin();
    expect(admin.created).toBe(true);
    expect(admin.password).toMatch(/[A-Z]/);
    const saved = JSON.parse(readFileSync(join(dataDir, 'admin.json'), 'utf8'));
    expect(saved).toEqual({ email: admin.email, password: admin.password });
    expect(statSync(join(dataDir, 'admin.json')).mode & 0o077).toBe(0);

    const again = await cognito.ensureAdmin();
    expect(again).toMatchObject({ created: false, password: admin.password, username: admin.username });

    const { AuthenticationResult } = await sdk.send(
      new InitiateAuthCommand({
        ClientId: cognito.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: admin.email, PASSWORD: admin.password },
      }),
    );
    const payload = await idTokenVerifier(cognito).verify(AuthenticationResult!.IdToken!);
    expect(payload).toMatchObject({
      email: admin.email,
      email_verified: true,
      'cognito:groups': ['admins'],
      'custom:policy': 'admin',
    });
  });

  it('keeps ids, key, users and groups across a restart, and can enforce ExplicitAuthFlows', async () => {
    const { userPoolId, clientId } = cognito;
    const kid = headerOf(idToken).kid;
    await cognito.stop();
    // As if the auth stack had been renamed: the pool and client are found by their logical ids.
    const ids = readResourceIds(dataDir);
    const renamed = (map: Record<string, string>) =>
      Object.fromEntries(Object.entries(map).map(([k, v]) => [`old-stack/${k.split('/').pop()}`, v]));
    writeFileSync(
      join(dataDir, 'resources.json'),
      JSON.stringify({ userPools: renamed(ids.userPools), clients: renamed(ids.clients) }),
    );
    cognito = await startCognito({
      assembly,
      dataDir,
      port: 0,
      invoker: triggers.invoker,
      outbox,
      log: () => {},
      authFlows: 'enforce',
    });
    sdk = sdkClient(cognito.endpoint);
    expect([cognito.userPoolId, cognito.clientId]).toEqual([userPoolId, clientId]);
    expect(readResourceIds(dataDir).userPools).toEqual({ [`${pool().stack.name}/${pool().logicalId}`]: userPoolId });
    const jwks = (await (await fetch(cognito.jwksUri)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys[0].kid).toBe(kid);

    await expect(
      sdk.send(
        new InitiateAuthCommand({
          ClientId: cognito.clientId,
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: { USERNAME: EMAIL },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'CUSTOM_AUTH flow not enabled for this client',
    });

    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: cognito.userPoolId, Username: EMAIL }));
    expect(user.UserStatus).toBe('CONFIRMED');
    const { Groups } = await sdk.send(new ListGroupsCommand({ UserPoolId: cognito.userPoolId }));
    expect(Groups).toHaveLength(2);
  });
});
