import { eventIdOf, type OutgoingEvent } from '../../events/publish';

/** What a product's change announces needs of its stored item. */
interface ProductItem {
  sku: string;
  slug: string;
  category: string;
  active: boolean;
  updatedAt: string;
}

/** ProductChanged for every created, edited, hidden or shown product: caches of its pages go stale. */
export const productChangedEvents = (
  before: ProductItem | undefined,
  after: ProductItem | undefined,
): OutgoingEvent[] => {
  if (!after) return [];
  const change = !before
    ? 'CREATED'
    : before.active !== after.active
      ? after.active
        ? 'ACTIVATED'
        : 'DEACTIVATED'
      : 'UPDATED';
  return [
    {
      name: 'ProductChanged',
      detail: {
        metadata: {
          eventId: eventIdOf('product', after.sku, after.updatedAt),
          correlationId: after.sku,
          occurredAt: after.updatedAt,
        },
        data: {
          sku: after.sku,
          slug: after.slug,
          ...(before && before.slug !== after.slug ? { previousSlug: before.slug } : {}),
          category: after.category,
          ...(before && before.category !== after.category ? { previousCategory: before.category } : {}),
          change,
        },
      },
    },
  ];
};
