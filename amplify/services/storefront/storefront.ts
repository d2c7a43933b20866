import { REVALIDATE_ROUTE, revalidationResponse, type RevalidationRequest } from './revalidation';

/** The storefront answered the revalidation call with an error: the event is retried. */
export class StorefrontRefused extends Error {
  override readonly name = 'StorefrontRefused';
}

const TIMEOUT_MS = 10_000;

/** Nothing listens at the storefront's address: no server runs, so none holds a page to revalidate. */
const refused = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';

/**
 * Asks the storefront to make the pages again; answers the paths it revalidated (home included or
 * not), or undefined when no storefront is running (one starting up, or stopped). Any other failure
 * throws, so the event is retried.
 */
export const revalidateOnStorefront = async (
  storefrontUrl: string,
  secret: string,
  request: RevalidationRequest,
): Promise<string[] | undefined> => {
  const target = new URL(REVALIDATE_ROUTE, storefrontUrl);
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    if (refused(error)) return undefined;
    throw error;
  }
  if (!response.ok) throw new StorefrontRefused(`${target} answered ${response.status}: ${await response.text()}`);
  return revalidationResponse.parse(await response.json()).revalidated;
};
