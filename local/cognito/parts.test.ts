/** The local Cognito's parts on their own: no server, no assembly. */
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey, signJwt } from './keys';
import { messageTemplateOf, OutboxMessages, render } from './messages';
import { appClientOf, schemaAttributesOf } from './provision';
import { maskDestination, passwordProblem } from './router';
import { triggersOf, type ClientSpec } from './templates';
import { decodeRefreshToken, LocalTokenGenerator } from './tokens';
import { TriggerLambdas } from './triggers';
import { claimsOf, fakeOutbox, tempDataDir, type TriggerEvent } from './testing';

const quiet = () => {};
const logger = { debug: quiet, info: quiet, warn: quiet, error: quiet, child: () => logger };
const ctx = { logger };

describe('password policy', () => {
  const policy = {
    MinimumLength: 8,
    RequireLowercase: true,
    RequireUppercase: true,
    RequireNumbers: true,
    RequireSymbols: true,
  };
  it.each([
    ['Sh0rt!', 'Password not long enough'],
    ['ALLUPPER1!', 'Password must have lowercase characters'],
    ['alllower1!', 'Password must have uppercase characters'],
    ['NoDigits!!', 'Password must have numeric characters'],
    ['NoSymbol12', 'Password must have symbol characters'],
    ['Fine-Passw0rd', undefined],
    ['With space1A', undefined],
  ])('%s', (password, problem) => expect(passwordProblem(policy, password)).toBe(problem));
});

it('masks delivery destinations as Cognito does', () => {
  expect(maskDestination('jane.doe@example.com')).toBe('j***@e***');
  expect(maskDestination('+15551234567')).toBe('+*******4567');
});

describe('message text', () => {
  const pool = {
    VerificationMessageTemplate: { EmailSubject: 'Your code', EmailMessage: 'Code: {####}' },
    AdminCreateUserConfig: {
      InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'User {username}, password {####}' },
    },
  };
  it('uses the verification template for sign-up, resent and forgot-password codes', () => {
    for (const source of ['SignUp', 'ResendCode', 'ForgotPassword'] as const) {
      expect(messageTemplateOf(pool, source)).toMatchObject({
        emailSubject: 'Your code',
        emailMessage: 'Code: {####}',
      });
    }
  });
  it('uses the invitation for AdminCreateUser and Cognito’s defaults otherwise', () => {
    expect(render(messageTemplateOf(pool, 'AdminCreateUser').emailMessage, '123456', 'jane')).toBe(
      'User jane, password 123456',
    );
    expect(messageTemplateOf({}, 'SignUp')).toMatchObject({
      emailSubject: 'Your verification code',
      emailMessage: 'Your verification code is {####}. ',
    });
  });
  it('lets a CustomMessage trigger rewrite the email, keeping Cognito’s text for what it leaves empty', async () => {
    const events: TriggerEvent[] = [];
    const lambdas = new TriggerLambdas(
      {
        invoke: async (_arn, received) => {
          const event = received as TriggerEvent;
          events.push(event);
          const { userAttributes, codeParameter } = event.request as {
            userAttributes: Record<string, string>;
            codeParameter: string;
          };
          return { ...event, response: { emailMessage: `Hi ${userAttributes.email}, use ${codeParameter}` } };
        },
      },
      new Map([['pool-1', { CustomMessage: { functionArn: 'arn:custom-message' } }]]),
    );
    const cognito = {
      getUserPool: async () => ({ options: { Id: 'pool-1', ...pool, UsernameAttributes: ['email'] } }),
    } as never;
    const outbox = fakeOutbox();
    const user = {
      Username: 'u-1',
      UserStatus: 'UNCONFIRMED',
      Attributes: [{ Name: 'email', Value: 'jane@example.com' }],
    } as never;
    await new OutboxMessages(cognito, lambdas, outbox, () => {}).deliver(
      ctx,
      'SignUp',
      'client-1',
      'pool-1',
      user,
      '424242',
      undefined,
      {
        AttributeName: 'email',
        DeliveryMedium: 'EMAIL',
        Destination: 'jane@example.com',
      },
    );
    expect(events[0]).toMatchObject({
      triggerSource: 'CustomMessage_SignUp',
      request: { codeParameter: '{####}', usernameParameter: null },
    });
    expect(outbox.all).toEqual([
      expect.objectContaining({
        to: 'jane@example.com',
        subject: 'Your code',
        body: 'Hi jane@example.com, use 424242',
        code: '424242',
      }),
    ]);
  });
});

describe('templates', () => {
  it('reads triggers, PreTokenGenerationConfig first, and names the unsupported ones', () => {
    const { triggers, unsupported } = triggersOf({
      PostConfirmation: 'arn:post',
      PreTokenGeneration: 'arn:v1',
      PreTokenGenerationConfig: { LambdaArn: 'arn:v2', LambdaVersion: 'V2_0' },
      DefineAuthChallenge: 'arn:define',
    });
    expect(triggers).toEqual({
      PostConfirmation: { functionArn: 'arn:post' },
      PreTokenGeneration: { functionArn: 'arn:v2', lambdaVersion: 'V2_0' },
    });
    expect(unsupported).toEqual(['DefineAuthChallenge']);
  });
  it('merges the schema into the standard attributes and prefixes custom ones', () => {
    const schema = schemaAttributesOf([
      { Name: 'email', Required: true, Mutable: true },
      { Name: 'tier', AttributeDataType: 'String', Mutable: true },
    ]);
    expect(schema.find((a) => a.Name === 'email')).toMatchObject({ Required: true });
    expect(schema.find((a) => a.Name === 'custom:tier')).toMatchObject({ AttributeDataType: 'String', Mutable: true });
  });
  it('gives clients Cognito’s token lifetimes unless the template sets them', () => {
    const spec = (properties: Record<string, unknown>) =>
      ({ key: 's/C', resource: { logicalId: 'C' }, poolKey: 's/P', properties }) as unknown as ClientSpec;
    const now = new Date();
    expect(appClientOf(spec({}), 'c', 'p', null, now)).toMatchObject({
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    });
    expect(appClientOf(spec({ IdTokenValidity: 2 }), 'c', 'p', null, now)).toMatchObject({
      IdTokenValidity: 2,
      TokenValidityUnits: { IdToken: 'hours' },
    });
  });
});

describe('signing key', () => {
  it('is made once per data dir, owner-only, and named by its thumbprint', () => {
    const dir = tempDataDir();
    const key = loadOrCreateSigningKey(dir);
    expect(loadOrCreateSigningKey(dir).kid).toBe(key.kid);
    expect(readFileSync(join(dir, 'signing-key.pem'), 'utf8')).toContain('BEGIN PRIVATE KEY');
    const jwt = signJwt(key, { hello: 'world' });
    const [h, p, s] = jwt.split('.');
    expect(
      verify(
        'sha256',
        Buffer.from(`${h}.${p}`),
        createPublicKey({ key: key.jwk as never, format: 'jwk' }),
        Buffer.from(s, 'base64url'),
      ),
    ).toBe(true);
    expect(loadOrCreateSigningKey(tempDataDir()).kid).not.toBe(key.kid);
  });
});

describe('pre token generation V2', () => {
  it('overrides ID and access token claims, scopes and groups', async () => {
    const events: TriggerEvent[] = [];
    const lambdas = new TriggerLambdas(
      {
        invoke: async (_arn, received) => {
          const event = received as TriggerEvent;
          events.push(event);
          return {
            ...event,
            response: {
              claimsAndScopeOverrideDetails: {
                idTokenGeneration: { claimsToAddOrOverride: { tier: 'gold' }, claimsToSuppress: ['email'] },
                accessTokenGeneration: {
                  claimsToAddOrOverride: { tier: 'gold', sub: 'forged' },
                  scopesToAdd: ['shop/orders'],
                },
                groupOverrideDetails: { groupsToOverride: ['vip'] },
              },
            },
          };
        },
      },
      new Map([['pool-1', { PreTokenGeneration: { functionArn: 'arn:pre', lambdaVersion: 'V2_0' } }]]),
    );
    const groups = [{ GroupName: 'customers', Precedence: 1, RoleArn: 'arn:role/customers' }];
    const cognito = { getUserPool: async () => ({ listGroups: async () => groups }) } as never;
    const generator = new LocalTokenGenerator(
      { get: () => new Date() },
      loadOrCreateSigningKey(tempDataDir()),
      () => 'http://127.0.0.1:1',
      cognito,
      lambdas,
    );
    const user = {
      Username: 'u-1',
      UserStatus: 'CONFIRMED',
      Attributes: [
        { Name: 'sub', Value: 'u-1' },
        { Name: 'email', Value: 'jane@example.com' },
      ],
    } as never;
    const client = { ClientId: 'client-1', UserPoolId: 'pool-1' } as never;
    const tokens = await generator.generate(ctx, user, ['customers'], client, undefined, 'Authentication');

    expect(events[0]).toMatchObject({
      version: '2',
      triggerSource: 'TokenGeneration_Authentication',
      request: {
        scopes: ['aws.cognito.signin.user.admin'],
        groupConfiguration: { groupsToOverride: ['customers'], preferredRole: 'arn:role/customers' },
      },
      response: { claimsAndScopeOverrideDetails: null },
    });
    const id = claimsOf(tokens.IdToken);
    expect(id).toMatchObject({ tier: 'gold', 'cognito:groups': ['vip'], sub: 'u-1', iss: 'http://127.0.0.1:1/pool-1' });
    expect(id.email).toBeUndefined();
    const access = claimsOf(tokens.AccessToken);
    expect(access).toMatchObject({
      tier: 'gold',
      sub: 'u-1',
      scope: 'aws.cognito.signin.user.admin shop/orders',
      'cognito:groups': ['vip'],
    });
    expect(decodeRefreshToken(tokens.RefreshToken)).toMatchObject({
      client_id: 'client-1',
      origin_jti: access.origin_jti,
    });
  });
});
