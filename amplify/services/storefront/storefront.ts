import { REVALIDATE_ROUTE, revalidationResponse, type RevalidationRequest } from './revalidation';

/** The storefront answered the revalidation call with an error: the event is retried. */
export class StorefrontRefused extends Error {
  override readonly name = 'StorefrontRefused';
}

const TIMEOUT_MS = 10_000;

/** Asks the storefront to make the pages again; answers the paths it revalidated (home included or not). */
export const revalidateOnStorefront = async (
  storefrontUrl: string,
  secret: string,
  request: RevalidationRequest,
): Promise<string[]> => {
  const target = new URL(REVALIDATE_ROUTE, storefrontUrl);
  const response = await fetch(target, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new StorefrontRefused(`${target} answered ${response.status}: ${await response.text()}`);
  return revalidationResponse.parse(await response.json()).revalidated;
};
