/**
 * Fakes for the tests of the local Cognito: an outbox that keeps emails in memory and an invoker
 * that records trigger events and answers as the project's identity triggers do (the confirmed
 * user joins `customers`; pre token generation adds `custom:policy`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { JwtVerifier } from 'aws-jwt-verify';
import { afterAll } from 'vitest';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { Assembly } from '../assembly/assembly';
import { synth } from '../assembly/synth';
import {
  localSdkConfig,
  LambdaError,
  type Invoker,
  type Outbox,
  type OutboxEmail,
  type OutboxSnsMessage,
} from '../ports';

export const fakeOutbox = (): Outbox & { all: OutboxEmail[] } => {
  const all: OutboxEmail[] = [];
  const sns: OutboxSnsMessage[] = [];
  return {
    all,
    recordEmail: (email) => all.push({ ...email, sentAt: new Date().toISOString() }),
    recordSns: (message) => sns.push({ ...message, sentAt: new Date().toISOString() }),
    emails: (filter) => all.filter((e) => !filter?.to || e.to === filter.to),
    sns: () => sns,
  };
};

/** The members of a Cognito trigger event the fakes read. */
export interface TriggerEvent {
  triggerSource: string;
  userPoolId: string;
  userName: string;
  request: { groupConfiguration?: { groupsToOverride?: string[] }; [name: string]: unknown };
  [name: string]: unknown;
}

export interface TriggerCallRecord {
  functionArn: string;
  event: TriggerEvent;
}

/** The invoker the local Lambda runtime would be; `fail` makes the next call of a trigger source throw. */
export const fakeInvoker = (endpoint: () => string) => {
  const calls: TriggerCallRecord[] = [];
  const failures = new Map<string, string>();
  const invoker: Invoker = {
    async invoke(functionArn, received) {
      const event = received as TriggerEvent;
      calls.push({ functionArn, event: structuredClone(event) });
      const failure = failures.get(event.triggerSource);
      if (failure) {
        failures.delete(event.triggerSource);
        throw new LambdaError({ errorType: 'Error', errorMessage: failure });
      }
      if (event.triggerSource === 'PostConfirmation_ConfirmSignUp') {
        // What the identity service's handler does, through the SDK, re-entering the local Cognito.
        const sdk = sdkClient(endpoint());
        await sdk.send(
          new AdminAddUserToGroupCommand({
            UserPoolId: event.userPoolId,
            Username: event.userName,
            GroupName: 'customers',
          }),
        );
        return event;
      }
      if (event.triggerSource.startsWith('TokenGeneration_')) {
        const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
        const policy = groups.includes('admins') ? 'admin' : 'customer';
        return {
          ...event,
          response: { claimsOverrideDetails: { claimsToAddOrOverride: { 'custom:policy': policy } } },
        };
      }
      return event;
    },
  };
  return { invoker, calls, fail: (triggerSource: string, message: string) => failures.set(triggerSource, message) };
};

export const sdkClient = (endpoint: string) => new CognitoIdentityProviderClient(localSdkConfig(endpoint));

const tempDirs: string[] = [];
/** A fresh data dir, removed when the test file is done. */
export const tempDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudshop-cognito-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The project's synthesized cloud assembly (synthesized once if it is missing or stale). */
export const projectAssembly = () => new Assembly(synth().dir);

/**
 * aws-jwt-verify's Node fetcher only speaks https; the local pools serve their JWKS over plain
 * http on the loopback interface (as the authorizer's own fetcher allows).
 */
export const httpFetcher: Fetcher = {
  async fetch(uri: string) {
    const res = await fetch(uri);
    if (!res.ok) throw new Error(`${uri}: ${res.status}`);
    return res.arrayBuffer();
  },
};

/** A verifier of the pool's ID tokens, built as the authorizer builds its own. */
export const idTokenVerifier = ({ issuer, clientId, jwksUri }: { issuer: string; clientId: string; jwksUri: string }) =>
  JwtVerifier.create(
    {
      issuer,
      audience: clientId,
      jwksUri,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'id') throw new Error(`token_use is ${String(payload.token_use)}`);
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: httpFetcher }) },
  );

export const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
export const headerOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8')) as Record<string, unknown>;
