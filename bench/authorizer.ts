/**
 * How long the access authorizer takes per request, in process: token verification cold (a new
 * container: JWKS fetch, key import) and warm, and the whole authorization warm. The JWKS comes
 * from a throwaway server on 127.0.0.1; the policy port is in memory, so no DynamoDB time is
 * counted. Run: ./node_modules/.bin/node ./node_modules/.bin/tsx bench/authorizer.ts [warmCalls]
 *
 * `benchAuthorizerInProcess` returns the rows and `formatBenchTable` prints them, so a bench of
 * the local endpoint can add its own rows to the same table.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { cachePolicies, createAuthorizer, type Answer } from '../amplify/services/access/access';
import {
  API_OPERATIONS,
  memoryLedger,
  memoryPolicies,
  recordingSender,
  silentLog,
} from '../amplify/services/access/test-fakes';
import { startTokenKit } from '../amplify/services/access/test-tokens';
import { createTokenVerifier } from '../amplify/services/access/token-verifier';
import { BENCH_PORTS } from '../local/ports';

export interface BenchRow {
  phase: string;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentiles of durations in milliseconds. */
export const benchRow = (phase: string, durations: number[]): BenchRow => {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { phase, samples: sorted.length, p50Ms: at(50), p99Ms: at(99), maxMs: sorted.at(-1)! };
};

const timed = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
};

export interface InProcessOptions {
  /** Warm calls per warm phase. */
  warmCalls?: number;
  /** Fresh verifiers (simulated cold containers) whose first call is timed. */
  coldStarts?: number;
}

export const benchAuthorizerInProcess = async ({ warmCalls = 2000, coldStarts = 50 }: InProcessOptions = {}): Promise<
  BenchRow[]
> => {
  const kit = await startTokenKit();
  try {
    const options = { issuer: kit.issuer, audience: kit.audience, jwksUri: kit.jwksUri };
    // Distinct tokens, minted before timing: signing is the identity provider's cost, not ours.
    const tokens = Array.from({ length: warmCalls }, (_, i) => kit.idToken({ sub: `user-${i}` }));
    const expectAuthorized = (answer: Answer) => {
      if (!answer.isAuthorized) throw new Error('bench token refused');
    };

    // The very first call in this process also pays for loading and compiling the code paths.
    const [first] = await timed(() => createTokenVerifier(options)(tokens[0]));

    const cold: number[] = [];
    for (let i = 0; i < coldStarts; i += 1) {
      const verify = createTokenVerifier(options);
      cold.push((await timed(() => verify(tokens[i % tokens.length])))[0]);
    }

    const verify = createTokenVerifier(options);
    await verify(tokens[0]);
    const warmVerify: number[] = [];
    for (const token of tokens) warmVerify.push((await timed(() => verify(token)))[0]);

    const authorizer = (queryString: string) => {
      const authorize = createAuthorizer({
        verifyToken: verify,
        policies: cachePolicies(memoryPolicies()),
        notices: { ledger: memoryLedger(), sender: recordingSender(), windowSeconds: 900 },
        operations: API_OPERATIONS,
        log: silentLog,
      });
      return async (token: string) => expectAuthorized(await authorize({ token, queryString }));
    };
    const allowed = authorizer('query Browse { products(limit: 20) { items { sku name price } nextToken } }');
    const warmAllowed: number[] = [];
    for (const token of tokens) warmAllowed.push((await timed(() => allowed(token)))[0]);
    // A denied field costs a parse and a ledger claim (here in memory) and, once per window, a notice.
    const denied = authorizer(
      'mutation { adminCreateProduct(sku: "s", slug: "s", name: "n", description: "d", category: "c", price: 1, currency: "USD") { sku } }',
    );
    const warmDenied: number[] = [];
    for (const token of tokens) warmDenied.push((await timed(() => denied(token)))[0]);

    const guest = authorizer('{ products { items { sku } } }');
    const warmGuest: number[] = [];
    for (let i = 0; i < warmCalls; i += 1) warmGuest.push((await timed(() => guest('guest')))[0]);

    return [
      benchRow('verify: first call in process (JWKS fetch)', [first]),
      benchRow('verify: cold, new verifier (JWKS fetch)', cold),
      benchRow('verify: warm', warmVerify),
      benchRow('authorize: warm, allowed query', warmAllowed),
      benchRow('authorize: warm, denied mutation (notice)', warmDenied),
      benchRow('authorize: warm, guest token', warmGuest),
    ];
  } finally {
    await kit.close();
  }
};

export const formatBenchTable = (title: string, rows: BenchRow[]): string => {
  const width = Math.max(...rows.map((r) => r.phase.length));
  const ms = (n: number) => n.toFixed(3).padStart(9);
  return [
    title,
    `${'phase'.padEnd(width)}  ${'n'.padStart(5)}  ${'p50 ms'.padStart(9)}  ${'p99 ms'.padStart(9)}  ${'max ms'.padStart(9)}`,
    ...rows.map(
      (r) =>
        `${r.phase.padEnd(width)}  ${String(r.samples).padStart(5)}  ${ms(r.p50Ms)}  ${ms(r.p99Ms)}  ${ms(r.maxMs)}`,
    ),
  ].join('\n');
};

/**
 * Through a fresh local cloud: `requests` catalog queries with one customer's token, then the same
 * with the guest token. Reports end-to-end latency and how often AppSync's cache let the
 * authorizer rest (the rest of the TTL caching is AppSync's, emulated by the local endpoint).
 */
export const benchAuthorizerThroughEndpoint = async ({ requests = 1000 } = {}) => {
  const { startThrowawayCloud } = await import('../local/cloud');
  const { passwordSignIn } = await import('../local/cognito/password-sign-in');
  const cloud = await startThrowawayCloud({ ports: BENCH_PORTS, storefront: 'none' });
  try {
    const password = 'Bench-pass-1!';
    await cloud.cognito.createUser({ email: 'bench@example.com', password, groups: ['customers'] });
    const { idToken } = await passwordSignIn({
      endpoint: cloud.cognito.endpoint,
      clientId: cloud.cognito.clientId,
      email: 'bench@example.com',
      password,
    });
    const query = JSON.stringify({
      query: 'query Browse { products(limit: 20) { items { sku name price } nextToken } }',
    });
    const run = async (label: string, token: string) => {
      const before = cloud.appsync.authorizerInvocations();
      const latencies: number[] = [];
      for (let i = 0; i < requests; i += 1) {
        const [ms] = await timed(async () => {
          const response = await fetch(cloud.urls.graphql, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: token },
            body: query,
          });
          if (response.status !== 200) throw new Error(`request refused: ${response.status}`);
          await response.json();
        });
        latencies.push(ms);
      }
      const invocations = cloud.appsync.authorizerInvocations() - before;
      return { row: benchRow(`${label}: request through the endpoint`, latencies), invocations };
    };
    const customer = await run('customer token', idToken);
    const guest = await run('guest token', 'guest');
    return { customer, guest, requests };
  } finally {
    await cloud.stop();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const warmCalls = Number(process.argv[2] ?? 2000);
  const rows = await benchAuthorizerInProcess({ warmCalls });
  console.log(
    formatBenchTable(`access authorizer, in process (node ${process.version}, ${warmCalls} warm calls)`, rows),
  );
  const endpoint = await benchAuthorizerThroughEndpoint({ requests: 1000 });
  console.log('');
  console.log(
    formatBenchTable(`through the local GraphQL endpoint (${endpoint.requests} requests per token)`, [
      endpoint.customer.row,
      endpoint.guest.row,
    ]),
  );
  for (const [label, r] of [
    ['customer token', endpoint.customer],
    ['guest token', endpoint.guest],
  ] as const) {
    console.log(`authorizer invocations per ${endpoint.requests} requests, ${label}: ${r.invocations}`);
  }
}
