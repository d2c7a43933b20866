/**
 * Identity against the local cloud: sign-up with the emailed code, the groups and policy claim in
 * the ID token, `me`, and the post-confirmation trigger run twice.
 */
import { join } from 'node:path';
import { AdminListGroupsForUserCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { Assembly } from '../../../local/assembly/assembly';
import { ASSEMBLY_DIR } from '../../../local/assembly/synth';
import { cloudEnv, graphql } from '../../../local/testing/cloud-env';
import {
  claimsOf,
  cognitoClient,
  emailsTo,
  signIn,
  signInAdmin,
  signUpCustomer,
  uniqueEmail,
} from '../../../local/testing/users';

const ME = 'query { me { userId email policyId createdAt } }';

/** The physical name of the function `defineFunction({ name })` made, as the local cloud runs it. */
const functionName = (friendlyName: string) => {
  const assembly = new Assembly(join(process.cwd(), ASSEMBLY_DIR));
  const matches = assembly
    .resources('AWS::Lambda::Function')
    .filter((r) =>
      ((r.properties.Tags ?? []) as { Key: string; Value: string }[]).some(
        (t) => t.Key === 'amplify:friendly-name' && t.Value === friendlyName,
      ),
    );
  expect(matches, `functions tagged amplify:friendly-name=${friendlyName}`).toHaveLength(1);
  return assembly.physicalId(matches[0]);
};

/** Invokes a function through the local cloud's Lambda Invoke API, as the SDK's `Invoke` would. */
const invoke = async (name: string, event: unknown) => {
  const cloud = cloudEnv().OUTBOX_URL.replace(/\/outbox$/, '');
  const response = await fetch(`${cloud}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  return {
    status: response.status,
    functionError: response.headers.get('x-amz-function-error'),
    payload: (await response.json()) as Record<string, unknown>,
  };
};

const groupsOf = async (username: string) => {
  const { Groups } = await cognitoClient().send(
    new AdminListGroupsForUserCommand({ UserPoolId: cloudEnv().USER_POOL_ID, Username: username }),
  );
  return (Groups ?? []).map((g) => g.GroupName);
};

describe('a shopper signing up', () => {
  it('gets a code by email, and once confirmed is a customer with a profile', async () => {
    const email = uniqueEmail();
    const started = Date.now();
    const customer = await signUpCustomer({ email });

    const [codeEmail] = await emailsTo(email);
    expect(codeEmail.subject).toBe('Your cloudshop verification code');
    expect(codeEmail.body).toContain(codeEmail.code);

    const claims = claimsOf(customer.idToken);
    expect(claims.email).toBe(email);
    expect(claims['cognito:groups']).toContain('customers');
    expect(claims['cognito:groups']).not.toContain('admins');
    expect(claims['custom:policy']).toBe('customers');

    const { status, data, errors } = await graphql(customer.idToken, ME);
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    const me = data!.me as Record<string, string>;
    expect(me).toEqual({ userId: claims.sub, email, policyId: 'customers', createdAt: expect.any(String) });
    // Written when they confirmed: during this test, not some fixed value.
    const createdAt = Date.parse(me.createdAt);
    expect(createdAt).toBeGreaterThanOrEqual(started - 1_000);
    expect(createdAt).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it('cannot sign in before confirming the code', async () => {
    const email = uniqueEmail();
    const password = 'Aa1!not-yet-confirmed';
    await cognitoClient().send(
      new SignUpCommand({
        ClientId: cloudEnv().USER_POOL_CLIENT_ID,
        Username: email,
        Password: password,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    await expect(signIn(email, password)).rejects.toMatchObject({ name: 'UserNotConfirmedException' });
  });
});

describe('the post-confirmation trigger', () => {
  it('delivered twice changes nothing: same profile, in customers once', async () => {
    const customer = await signUpCustomer();
    const before = await graphql(customer.idToken, ME);
    expect(before.errors).toBeUndefined();
    const profile = before.data!.me as Record<string, string>;

    // Cognito retries a trigger it did not hear back from: the same event, a second time.
    const { USER_POOL_ID, USER_POOL_CLIENT_ID } = cloudEnv();
    const event = {
      version: '1',
      region: 'us-east-1',
      userPoolId: USER_POOL_ID,
      userName: customer.username,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: USER_POOL_CLIENT_ID },
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      request: {
        userAttributes: {
          sub: customer.sub,
          email: customer.email,
          email_verified: 'true',
          'cognito:user_status': 'CONFIRMED',
        },
      },
      response: {},
    };
    const replay = await invoke(functionName('identity-post-confirmation'), event);
    expect(replay.functionError, JSON.stringify(replay.payload)).toBeNull();
    expect(replay.status).toBe(200);
    // A trigger answers Cognito with the event it was given.
    expect(replay.payload).toMatchObject({ userName: customer.username, triggerSource: event.triggerSource });

    const after = await graphql(customer.idToken, ME);
    expect(after.errors).toBeUndefined();
    expect(after.data!.me).toEqual(profile);

    expect((await groupsOf(customer.username)).filter((g) => g === 'customers')).toHaveLength(1);
    const fresh = claimsOf((await signIn(customer.email, customer.password)).idToken);
    expect((fresh['cognito:groups'] as string[]).filter((g) => g === 'customers')).toHaveLength(1);
    expect(fresh['custom:policy']).toBe('customers');
  });
});

describe('me', () => {
  it('tells a signed-in user without a profile (the seeded admin) so, without a crash', async () => {
    const admin = await signInAdmin();
    expect(claimsOf(admin.idToken)['custom:policy']).toBe('admins');
    const { status, data, errors } = await graphql(admin.idToken, ME);
    expect(status).toBe(200);
    expect(data).toBeNull();
    expect(errors).toHaveLength(1);
    // The handler's own message (AppSync reports a function's error as `Lambda:Unhandled`), not a
    // TypeError or a timeout from a handler that tripped over the missing row.
    expect(errors![0]).toMatchObject({ path: ['me'], message: 'you have no customer profile' });

    // Asking again gives the same answer: nothing broke.
    expect((await graphql(admin.idToken, ME)).errors?.[0].message).toBe('you have no customer profile');
  });

  it('is refused to a guest, who has no user to speak of', async () => {
    const { data, errors } = await graphql('guest', ME);
    expect(data?.me ?? null).toBeNull();
    expect(errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
  });
});
