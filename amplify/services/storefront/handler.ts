import type { EventBridgeEvent } from 'aws-lambda';
import { readEvent } from '../../events/consume';
import { requiredEnv } from '../shared/environment';
import { logger, observe } from '../shared/observability';
import { viewTablesFromEnvironment } from '../views/tables';
import { invalidateOnCdn } from './cdn';
import { HOME_PATH, pagesShowing, viewHolds } from './pages';
import { REVALIDATE_SECRET_VARIABLE } from './revalidation';
import { revalidateOnStorefront } from './storefront';
import { cardVersionOf, waitForCard } from './view';

/** The grids are made from the view: until it holds the change, making them again would cache the old card. */
export class ViewBehind extends Error {
  override readonly name = 'ViewBehind';
}

const { productCards } = viewTablesFromEnvironment(['productCards']);
/** The storefront's origin; empty where there is no storefront to call (then only the CDN is told). */
const storefrontUrl = process.env.STOREFRONT_URL ?? '';
const distributionId = process.env.STOREFRONT_DISTRIBUTION_ID ?? '';

/**
 * ProductChanged consumer (EventBridge → Lambda, async): the storefront makes again the cached pages
 * that show the product, and the CDN drops its copies of the same pages. Throws ViewBehind when the
 * ProductCards view still lags the change after a few seconds, StorefrontRefused when the storefront says no, MalformedEvent
 * on a bad event: Lambda retries, then the rule's dead-letter queue keeps the event.
 */
export const handler = observe(async (event: EventBridgeEvent<string, unknown>) => {
  const { detail } = readEvent(event, ['ProductChanged']);
  const { data, metadata } = detail;
  const inView = await waitForCard(
    () => cardVersionOf(productCards, data.sku),
    (card) => viewHolds(card, metadata.occurredAt),
  );
  if (!inView)
    throw new ViewBehind(`the ProductCards view does not hold ${data.sku}'s change of ${metadata.occurredAt} yet`);
  const paths = pagesShowing(data);
  // Read per call: Amplify's SSM shim refreshes secrets while the container lives.
  const answer = storefrontUrl
    ? await revalidateOnStorefront(storefrontUrl, requiredEnv(process.env, REVALIDATE_SECRET_VARIABLE, 'storefront'), {
        paths,
        sku: data.sku,
      })
    : undefined;
  // A storefront that is not running holds no cached page (on AWS the URL always answers).
  if (!answer)
    logger.info(
      storefrontUrl
        ? `no storefront answers at ${storefrontUrl}: nothing it caches to revalidate`
        : 'STOREFRONT_URL is empty: no storefront to revalidate (its pages refresh on their own schedule)',
    );
  // Without the storefront's answer, the CDN cannot tell whether home features the product.
  const revalidated = answer ?? [...paths, HOME_PATH];
  const invalidation = distributionId
    ? await invalidateOnCdn(distributionId, metadata.eventId, revalidated)
    : undefined;
  logger.info('pages revalidated', { sku: data.sku, revalidated, invalidation });
  return { revalidated, invalidation };
});
