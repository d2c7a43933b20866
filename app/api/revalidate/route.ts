import { revalidatePath } from 'next/cache';
import { NextResponse, type NextRequest } from 'next/server';
import { HOME_PATH } from '@/amplify/services/storefront/pages';
import { revalidationRequest, type RevalidationResponse } from '@/amplify/services/storefront/revalidation';
import { getProductPage } from '@/lib/catalog';
import { FEATURED_COUNT } from '@/lib/constants';
import { authorized, homeShows } from '@/lib/revalidation';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'cache-control': 'no-store' };
const answer = (body: unknown, status = 200) => NextResponse.json(body, { status, headers: NO_STORE });

/**
 * `POST /api/revalidate` (bearer: the shared secret), from the storefront service's function on ProductChanged:
 * `{ paths, sku }` → the cached pages at `paths` are made again on their next request, and home too
 * when it features the product, now or as cached. Answers the paths revalidated.
 */
export async function POST(request: NextRequest) {
  if (!authorized(request.headers.get('authorization'))) return answer({ error: 'not authorized' }, 401);
  const parsed = revalidationRequest.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ');
    return answer({ error: `bad revalidation request: ${problems}` }, 400);
  }
  const { paths, sku } = parsed.data;
  // The page as shoppers get it (from the cache) and the list it would be made from now.
  const [cachedHome, featured] = await Promise.all([
    fetch(new URL(HOME_PATH, request.url), { cache: 'no-store' }).then((r) => r.text()),
    getProductPage({ sort: 'FEATURED' }, { limit: FEATURED_COUNT }),
  ]);
  const revalidated = homeShows(sku, cachedHome, featured.items) ? [...paths, HOME_PATH] : paths;
  for (const path of revalidated) revalidatePath(path);
  return answer({ revalidated } satisfies RevalidationResponse);
}

/** Anything but POST: refused, and never cached. */
export const GET = () => answer({ error: 'use POST' }, 405);
