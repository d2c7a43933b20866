import { createServerRunner } from '@aws-amplify/adapter-nextjs';
import { generateClient } from 'aws-amplify/api/server';
import { connection } from 'next/server';
import { cache } from 'react';
import { GUEST_TOKEN, PAGE_SIZE } from './constants';
import { LIST_CATEGORIES, PRODUCT_BY_SLUG, PRODUCT_CARDS, errorsOf, isNetworkError } from './graphql';
import { cardOfView } from './grid';
import { readAmplifyOutputs, type AmplifyOutputs } from './outputs';
import type { CatalogProduct, CatalogQuery, Category, GridPage, ProductCard } from './types';

/**
 * Server-side catalog reads, through Amplify's Next.js adapter. Catalog pages are the same for every
 * visitor, so they are read as the guest (`authMode: 'lambda'` with the guest token) in a server
 * context without cookies (`nextServerContext: null`): nothing of the visitor's session is touched,
 * and the pages stay cacheable (ISR). Every failure (no configuration, endpoint down, GraphQL errors)
 * becomes a CatalogUnavailableError that pages turn into a notice.
 */

export type UnavailableReason = 'not-configured' | 'unreachable' | 'error';

export class CatalogUnavailableError extends Error {
  constructor(
    readonly reason: UnavailableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CatalogUnavailableError';
  }
}

const REQUEST_TIMEOUT_MS = 10_000;

type Runner = ReturnType<typeof createServerRunner>['runWithAmplifyServerContext'];
/** What is used of the server client (its full generic type is too deep for an untyped schema). */
interface Client {
  graphql: unknown;
  cancel(request: Promise<unknown>, message?: string): boolean;
  isCancelError(error: unknown): boolean;
}
type AmplifyConfig = Parameters<typeof createServerRunner>[0]['config'];

/**
 * The adapter's runner and a server client for the configuration in amplify_outputs.json. Made once
 * per configuration (the adapter asks for one runner per app; the file is read at render time, so
 * a new one is made only if the file changes).
 */
let made: { key: string; run: Runner; client: Client } | undefined;
const amplifyFor = (outputs: AmplifyOutputs) => {
  const key = JSON.stringify(outputs);
  if (made?.key !== key) {
    const config = outputs as unknown as AmplifyConfig;
    made = {
      key,
      run: createServerRunner({ config }).runWithAmplifyServerContext,
      client: generateClient({ config: config as Parameters<typeof generateClient>[0]['config'] }) as unknown as Client,
    };
  }
  return made;
};

/** aws-amplify's server `graphql` for an untyped document string (its generics only help generated code). */
type UntypedGraphQL = (
  this: unknown,
  contextSpec: unknown,
  options: { query: string; variables: Record<string, unknown>; authMode: 'lambda'; authToken: string },
) => Promise<{ data?: unknown; errors?: unknown[] }>;

async function guestQuery<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const outputs = await readAmplifyOutputs();
  const url = outputs?.data?.url;
  if (!outputs || !url) {
    throw new CatalogUnavailableError('not-configured', 'amplify_outputs.json is missing or has no data.url');
  }
  const { run, client } = amplifyFor(outputs);
  let result: { data?: unknown; errors?: unknown[] };
  try {
    result = await run({
      nextServerContext: null, // public reads: no cookies, the same answer for everyone
      operation: (contextSpec) => {
        const request = (client.graphql as unknown as UntypedGraphQL).call(client, contextSpec, {
          query,
          variables,
          authMode: 'lambda',
          authToken: GUEST_TOKEN,
        });
        const timeout = setTimeout(() => client.cancel(request, 'timed out'), REQUEST_TIMEOUT_MS);
        return request.finally(() => clearTimeout(timeout));
      },
    });
  } catch (thrown) {
    const errors = errorsOf(thrown);
    const detail = errors.map((e) => `${e.errorType ?? 'Error'}: ${e.message}`).join('; ');
    const unreachable = isNetworkError(errors) || client.isCancelError(thrown);
    throw new CatalogUnavailableError(unreachable ? 'unreachable' : 'error', `GraphQL at ${url}: ${detail}`, {
      cause: thrown,
    });
  }
  if (!result.data) throw new CatalogUnavailableError('error', `GraphQL at ${url} answered no data`);
  return result.data as T;
}

/** All categories, in their display order. */
export const getCategories = cache(async (): Promise<Category[]> => {
  const categories: Category[] = [];
  let nextToken: string | null = null;
  do {
    const data: { listCategories: { items: (Category | null)[]; nextToken: string | null } | null } = await guestQuery(
      LIST_CATEGORIES,
      { limit: 100, nextToken },
    );
    categories.push(...(data.listCategories?.items ?? []).filter((c): c is Category => c !== null));
    nextToken = data.listCategories?.nextToken ?? null;
  } while (nextToken);
  return categories.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
});

/** One page of a product grid from the ProductCards view (with whether each product is in stock). */
export async function getProductPage(
  query: CatalogQuery,
  { nextToken, limit = PAGE_SIZE }: { nextToken?: string | null; limit?: number } = {},
): Promise<GridPage> {
  const data = await guestQuery<{
    productCards: { items: ProductCard[]; nextToken?: string | null; total: number } | null;
  }>(PRODUCT_CARDS, { ...query, limit, nextToken: nextToken ?? null });
  return {
    items: (data.productCards?.items ?? []).map(cardOfView),
    nextToken: data.productCards?.nextToken ?? null,
    total: data.productCards?.total ?? 0,
  };
}

/** Every listed product's slug, for the sitemap: the grid, a hundred at a time. */
export async function getAllProductSlugs(): Promise<string[]> {
  const slugs: string[] = [];
  let nextToken: string | null = null;
  do {
    const page = await getProductPage({ sort: 'NAME' }, { nextToken, limit: 100 });
    slugs.push(...page.items.map((p) => p.slug));
    nextToken = page.nextToken;
  } while (nextToken);
  return slugs;
}

/** The active product at `slug`, or null (unknown and inactive products look the same to shoppers). */
export const getProduct = cache(async (slug: string): Promise<CatalogProduct | null> => {
  const data = await guestQuery<{ productBySlug: CatalogProduct | null }>(PRODUCT_BY_SLUG, { slug });
  return data.productBySlug;
});

/**
 * Runs catalog reads for a page; a CatalogUnavailableError becomes `{ ok: false }` (logged here) so
 * the page can show its notice. Any other error is a bug and propagates to the error boundary.
 *
 * The notice is never cached: a failure calls `connection()`, as a missing amplify_outputs.json does
 * (lib/outputs.ts). On a dynamic page (search) that changes nothing and the notice shows. In a cached
 * page's render it stops the render from being kept: at build time the route is rendered per request
 * instead (a build on a busy machine or without a backend still succeeds); when a cached page is
 * made again, Next.js drops the render ("changed from static to dynamic", logged) and keeps serving
 * the last good page, trying again on a later request; a page with none yet answers with the error
 * page, uncached, until the catalog answers. (Throwing would do the same after the build, but fail
 * the build itself.)
 */
export async function loadCatalog<T>(
  load: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: UnavailableReason }> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    if (!(error instanceof CatalogUnavailableError)) throw error;
    console.error(`[catalog] unavailable (${error.reason}): ${error.message}`, error.cause ?? '');
    await connection();
    return { ok: false, reason: error.reason };
  }
}
