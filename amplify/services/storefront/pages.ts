/**
 * Which cached storefront pages show a product, worked out from its ProductChanged event. Plain
 * code: no AWS, no environment.
 */

/** What a change tells of where the product was and is shown (ProductChanged.v1's data). */
export interface ProductPlaces {
  sku: string;
  slug: string;
  previousSlug?: string;
  category: string;
  previousCategory?: string;
}

export const HOME_PATH = '/';
export const productPath = (slug: string) => `/product/${encodeURIComponent(slug)}`;
export const categoryPath = (slug: string) => `/category/${encodeURIComponent(slug)}`;

/** The cached pages' paths: home, `/product/<slug>` and `/category/<slug>` (what the storefront accepts). */
export const CACHED_PAGE_PATH = /^\/(?:(?:product|category)\/[^/?#]+)?$/;

/**
 * The product's own page and its category's, under the old slug and category as well when the
 * change moved it: the old page now answers "not found", the old category no longer lists it.
 * Home is not here: whether it shows the product depends on the other products (see decision 11),
 * so the storefront decides it from the featured list.
 */
export const pagesShowing = (product: ProductPlaces): string[] => {
  const slugs = [product.slug, product.previousSlug];
  const categories = [product.category, product.previousCategory];
  const paths = [
    ...slugs.filter((s): s is string => !!s).map(productPath),
    ...categories.filter((c): c is string => !!c).map(categoryPath),
  ];
  return [...new Set(paths)];
};

/**
 * Whether the ProductCards view already holds the change: the card's product side carries the
 * product's `updatedAt` as `productVersion`. A grid made again before then would be cached stale.
 */
export const viewHolds = (card: { productVersion?: string } | undefined, changedAt: string) =>
  !!card?.productVersion && card.productVersion >= changedAt;
