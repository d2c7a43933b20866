/**
 * The access rules, without tokens: the verifier is a fake that knows a few tokens, the policy
 * table, notice ledger and topic are in memory, the clock is ours. (Real tokens: see
 * token-verifier.test.ts.)
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  GUEST_TOKEN,
  buildAnswer,
  cachePolicies,
  createAuthorizer,
  policyIdOf,
  type AccessPolicy,
  type IdClaims,
  type NoticeLedger,
  type NoticeSender,
} from './access';
import { seedPolicies } from './policies';
import { API_OPERATIONS, memoryLedger, memoryPolicies, recordingLog, recordingSender } from './test-fakes';

const T0 = Date.UTC(2025, 0, 1) / 1000; // epoch seconds
const seed = (id: string) => seedPolicies.find((p) => p.id === id)!;
const complement = (policy: AccessPolicy) => API_OPERATIONS.filter((op) => !policy.allowedOperations.includes(op));

describe('buildAnswer', () => {
  const claims: IdClaims = {
    sub: 'u-1',
    email: 'ada@example.com',
    'cognito:groups': ['customers', 'beta'],
    exp: T0 + 1800,
  };

  it('answers with the caller as strings, and denies exactly what the policy lacks', () => {
    const answer = buildAnswer(claims, seed('customers'), API_OPERATIONS, T0);
    expect(answer.resolverContext).toEqual({
      userId: 'u-1',
      email: 'ada@example.com',
      groups: 'customers,beta',
      policyId: 'customers',
      policyVersion: '1',
    });
    expect(Object.values(answer.resolverContext).every((v) => typeof v === 'string')).toBe(true);
    expect(answer.deniedFields).toEqual(complement(seed('customers')));
    const allowed = API_OPERATIONS.filter((op) => !answer.deniedFields.includes(op));
    expect(allowed.sort()).toEqual([...seed('customers').allowedOperations].sort());
  });

  it('denies admins only what no policy grants, and guests everything but the catalog', () => {
    // publishOrderUpdate is for the live publisher's IAM role only: no policy grants it.
    expect(buildAnswer(claims, seed('admins'), API_OPERATIONS, T0).deniedFields).toEqual([
      'Mutation.publishOrderUpdate',
      'Query.getProductSlug',
    ]);
    expect(buildAnswer({ sub: 'guest' }, seed('guest'), API_OPERATIONS, T0).deniedFields).toEqual(
      complement(seed('guest')),
    );
  });

  it('denies every operation of a policy that allows none, and ignores allowed operations the API lacks', () => {
    const none = { id: 'none', version: 3, description: '', allowedOperations: ['Query.gone'] };
    expect(buildAnswer(claims, none, API_OPERATIONS, T0).deniedFields).toEqual(API_OPERATIONS);
  });

  it("keeps ttlOverride within the token's remaining life", () => {
    expect(buildAnswer(claims, seed('customers'), API_OPERATIONS, T0).ttlOverride).toBe(1800);
    expect(buildAnswer(claims, seed('customers'), API_OPERATIONS, T0 + 1799.4).ttlOverride).toBe(0);
    expect(buildAnswer(claims, seed('customers'), API_OPERATIONS, T0 + 1000.5).ttlOverride).toBe(799);
  });

  it("keeps ttlOverride within the API's TTL when known, and AppSync's 3600 s maximum otherwise", () => {
    expect(buildAnswer(claims, seed('customers'), API_OPERATIONS, T0, { maxTtlSeconds: 300 }).ttlOverride).toBe(300);
    expect(buildAnswer({ ...claims, exp: T0 + 86400 }, seed('customers'), API_OPERATIONS, T0).ttlOverride).toBe(3600);
  });

  it('gives no ttlOverride without exp (the guest)', () => {
    expect(buildAnswer({ sub: 'guest' }, seed('guest'), API_OPERATIONS, T0)).not.toHaveProperty('ttlOverride');
  });
});

describe('policyIdOf', () => {
  it('takes custom:policy first, then admins over customers, else nothing', () => {
    expect(policyIdOf({ sub: 's', 'custom:policy': 'auditors', 'cognito:groups': ['admins'] })).toBe('auditors');
    expect(policyIdOf({ sub: 's', 'cognito:groups': ['customers', 'admins'] })).toBe('admins');
    expect(policyIdOf({ sub: 's', 'cognito:groups': ['customers'] })).toBe('customers');
    expect(policyIdOf({ sub: 's', 'cognito:groups': ['beta'] })).toBeUndefined();
    expect(policyIdOf({ sub: 's' })).toBeUndefined();
    expect(policyIdOf({ sub: 's', 'custom:policy': '', 'cognito:groups': ['customers'] })).toBe('customers');
  });
});

describe('the authorizer', () => {
  let clock: number; // epoch ms
  let table: ReturnType<typeof memoryPolicies>;
  let ledger: NoticeLedger & ReturnType<typeof memoryLedger>;
  let sender: NoticeSender & ReturnType<typeof recordingSender>;
  let log: ReturnType<typeof recordingLog>;
  let verified: string[];
  const tokens: Record<string, IdClaims> = {
    'ada-token': { sub: 'ada', email: 'ada@example.com', 'cognito:groups': ['customers'], exp: T0 + 3600 },
    'grace-token': { sub: 'grace', email: 'grace@example.com', 'cognito:groups': ['admins'], exp: T0 + 3600 },
    'auditor-token': { sub: 'alan', 'custom:policy': 'auditors', exp: T0 + 3600 },
  };

  const build = (overrides: Partial<Parameters<typeof createAuthorizer>[0]> = {}) =>
    createAuthorizer({
      verifyToken: async (token) => {
        verified.push(token);
        const claims = tokens[token];
        if (!claims) throw Object.assign(new Error('bad token'), { reason: 'signature' });
        return claims;
      },
      policies: cachePolicies(table, { now: () => clock }),
      notices: { ledger, sender, windowSeconds: 900 },
      operations: API_OPERATIONS,
      log,
      now: () => clock,
      ...overrides,
    });

  beforeEach(() => {
    clock = T0 * 1000;
    table = memoryPolicies();
    ledger = memoryLedger();
    sender = recordingSender();
    log = recordingLog();
    verified = [];
  });

  describe('the guest token', () => {
    it('maps to the guest policy and user, without verification or ttlOverride', async () => {
      const answer = await build()({ token: GUEST_TOKEN });
      expect(answer).toEqual({
        isAuthorized: true,
        resolverContext: { userId: 'guest', email: '', groups: '', policyId: 'guest', policyVersion: '1' },
        deniedFields: complement(seed('guest')),
      });
      expect(verified).toEqual([]);
    });

    it('gets no notices, even for a denied operation', async () => {
      const answer = await build()({
        token: 'Bearer guest',
        queryString: 'mutation { adminCreateProduct(sku: "x") { sku } }',
      });
      expect(answer.isAuthorized).toBe(true);
      expect(sender.sent).toEqual([]);
      expect(ledger.items.size).toBe(0);
    });

    it('is refused when the guest policy is withdrawn', async () => {
      table.table.delete('guest');
      expect(await build()({ token: GUEST_TOKEN })).toEqual({ isAuthorized: false });
    });
  });

  describe('the policy table is the authority', () => {
    it('refuses a token naming a policy the table does not have', async () => {
      expect(await build()({ token: 'auditor-token' })).toEqual({ isAuthorized: false });
      expect(log.entries.at(-1)).toMatchObject({
        message: 'refused',
        extra: { reason: 'unknown-policy', policyId: 'auditors' },
      });
      table.table.set('auditors', {
        id: 'auditors',
        version: 1,
        description: '',
        allowedOperations: ['Query.listProducts'],
      });
      expect(await build()({ token: 'auditor-token' })).toMatchObject({
        isAuthorized: true,
        resolverContext: { policyId: 'auditors' },
      });
    });

    it('refuses once a policy is withdrawn (after the policy cache expires)', async () => {
      const authorize = build();
      expect((await authorize({ token: 'ada-token' })).isAuthorized).toBe(true);
      table.table.delete('customers');
      clock += 29_000;
      expect((await authorize({ token: 'ada-token' })).isAuthorized).toBe(true); // still cached
      clock += 2_000;
      expect(await authorize({ token: 'ada-token' })).toEqual({ isAuthorized: false });
    });

    it('shows a version bump and its new operations (after the policy cache expires)', async () => {
      const authorize = build();
      const before = await authorize({ token: 'ada-token' });
      expect(before).toMatchObject({ resolverContext: { policyVersion: '1' } });
      expect((before as { deniedFields: string[] }).deniedFields).toContain('Query.listProducts');

      const customers = table.table.get('customers')!;
      table.table.set('customers', {
        ...customers,
        version: 2,
        allowedOperations: [...customers.allowedOperations, 'Query.listProducts'],
      });
      clock += 31_000;
      const after = await authorize({ token: 'ada-token' });
      expect(after).toMatchObject({ resolverContext: { policyVersion: '2' } });
      expect((after as { deniedFields: string[] }).deniedFields).not.toContain('Query.listProducts');
    });

    it('reads each policy once per cache period, and does not cache a miss', async () => {
      const authorize = build();
      for (let i = 0; i < 5; i += 1) await authorize({ token: 'ada-token' });
      await authorize({ token: 'grace-token' });
      expect(table.reads()).toBe(2);
      await authorize({ token: 'auditor-token' });
      await authorize({ token: 'auditor-token' });
      expect(table.reads()).toBe(4);
    });

    it('refuses (and logs) when the table cannot be read, uncached so the next request tries again', async () => {
      const authorize = build({ policies: { get: () => Promise.reject(new Error('ProvisionedThroughputExceeded')) } });
      expect(await authorize({ token: 'ada-token' })).toEqual({ isAuthorized: false, ttlOverride: 0 });
      expect(log.entries.at(-1)).toMatchObject({
        level: 'error',
        message: 'refused',
        extra: { reason: 'policy-unreadable', detail: 'ProvisionedThroughputExceeded' },
      });
    });
  });

  it('refuses an unverified token and logs the reason, not the token', async () => {
    expect(await build()({ token: 'forged-token' })).toEqual({ isAuthorized: false });
    expect(log.entries.at(-1)).toMatchObject({
      message: 'refused',
      extra: { reason: 'signature' },
    });
    expect(log.text()).not.toContain('forged-token');
  });

  it('never throws: an unexpected failure is a refusal', async () => {
    const authorize = build({
      verifyToken: () => {
        throw new TypeError('boom');
      },
    });
    await expect(authorize({ token: 'ada-token' })).resolves.toEqual({ isAuthorized: false });
    const corrupt = build({
      policies: { get: async () => ({ id: 'x', version: 1, description: '', allowedOperations: 5 as never }) },
    });
    await expect(corrupt({ token: 'ada-token' })).resolves.toEqual({ isAuthorized: false, ttlOverride: 0 });
    expect(log.entries.at(-1)).toMatchObject({ level: 'error', message: 'refused', extra: { reason: 'unexpected' } });
  });

  describe('notices', () => {
    const adminMutation = 'mutation Create { adminCreateProduct(sku: "s1") { sku } }';

    it('publishes one notice for a denied operation, with userId and operation', async () => {
      const answer = await build()({ token: 'ada-token', queryString: adminMutation });
      expect(answer).toMatchObject({
        isAuthorized: true,
        deniedFields: expect.arrayContaining(['Mutation.adminCreateProduct']),
      });
      expect(sender.sent).toEqual([
        {
          userId: 'ada',
          operation: 'Mutation.adminCreateProduct',
          subject: 'cloudshop: access refused',
          message: expect.stringContaining('Mutation.adminCreateProduct'),
        },
      ]);
      expect(sender.sent[0].message).toMatch(/policy "customers" \(version 1\).*every 15 minutes/);
      expect(ledger.items.get('ada#Mutation.adminCreateProduct')).toEqual({
        key: 'ada#Mutation.adminCreateProduct',
        userId: 'ada',
        operation: 'Mutation.adminCreateProduct',
        expiresAt: T0 + 900,
      });
    });

    it('publishes at most once per (user, operation) per window', async () => {
      const authorize = build();
      await authorize({ token: 'ada-token', queryString: adminMutation });
      clock += 899_000;
      await authorize({ token: 'ada-token', queryString: adminMutation });
      expect(sender.sent).toHaveLength(1);
      clock += 2_000; // the window has passed
      await authorize({ token: 'ada-token', queryString: adminMutation });
      expect(sender.sent).toHaveLength(2);
    });

    it('counts each user and each operation separately', async () => {
      tokens['bob-token'] = { sub: 'bob', 'cognito:groups': ['customers'], exp: T0 + 3600 };
      const authorize = build();
      await authorize({ token: 'ada-token', queryString: adminMutation });
      await authorize({ token: 'bob-token', queryString: adminMutation });
      await authorize({
        token: 'ada-token',
        queryString: '{ listProducts { items { sku } } products { items { sku } } }',
      });
      expect(sender.sent.map((n) => `${n.userId} ${n.operation}`)).toEqual([
        'ada Mutation.adminCreateProduct',
        'bob Mutation.adminCreateProduct',
        'ada Query.listProducts',
      ]);
    });

    it('publishes one notice per denied operation of a request, and none for the allowed ones', async () => {
      await build()({
        token: 'ada-token',
        queryString:
          'mutation { a: adminCreateProduct(sku: "1") { sku } b: adminCreateProduct(sku: "2") { sku } deleteCategory(input: {slug: "x"}) { slug } }',
      });
      expect(sender.sent.map((n) => n.operation).sort()).toEqual([
        'Mutation.adminCreateProduct',
        'Mutation.deleteCategory',
      ]);
    });

    it('publishes nothing for allowed operations', async () => {
      const authorize = build();
      await authorize({ token: 'ada-token', queryString: '{ me { userId } products { items { sku } } }' });
      await authorize({ token: 'grace-token', queryString: adminMutation });
      expect(sender.sent).toEqual([]);
      expect(ledger.items.size).toBe(0);
    });

    it('follows the selected operation of a document with several', async () => {
      const document = `query Browse { products { items { sku } } } ${adminMutation}`;
      const authorize = build();
      await authorize({ token: 'ada-token', queryString: document, operationName: 'Browse' });
      expect(sender.sent).toEqual([]);
      await authorize({ token: 'ada-token', queryString: document, operationName: 'Create' });
      expect(sender.sent.map((n) => n.operation)).toEqual(['Mutation.adminCreateProduct']);
    });

    it('does not turn a failing ledger or topic into a refusal', async () => {
      const failingLedger = build({
        notices: { ledger: { claim: () => Promise.reject(new Error('table down')) }, sender, windowSeconds: 900 },
      });
      expect((await failingLedger({ token: 'ada-token', queryString: adminMutation })).isAuthorized).toBe(true);
      expect(sender.sent).toEqual([]);
      const failingTopic = build({
        notices: { ledger, sender: { send: () => Promise.reject(new Error('topic down')) }, windowSeconds: 900 },
      });
      expect((await failingTopic({ token: 'ada-token', queryString: adminMutation })).isAuthorized).toBe(true);
      expect(log.entries.filter((e) => e.level === 'error').map((e) => [e.message, e.extra.detail])).toEqual([
        ['notice failed', 'table down'],
        ['notice failed', 'topic down'],
      ]);
    });

    it('sends nothing for a request that does not parse (AppSync refuses it anyway)', async () => {
      const answer = await build()({ token: 'ada-token', queryString: 'mutation { adminCreateProduct(' });
      expect(answer.isAuthorized).toBe(true);
      expect(sender.sent).toEqual([]);
    });
  });
});
