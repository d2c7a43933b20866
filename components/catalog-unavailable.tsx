import type { UnavailableReason } from '@/lib/catalog';

/** What a shopper sees when the catalog API cannot be reached: a notice, never a crash. */
export function CatalogUnavailable({ reason }: { reason: UnavailableReason }) {
  return (
    <section className="unavailable" role="status" aria-labelledby="catalog-unavailable-title">
      <h1 id="catalog-unavailable-title">The catalog is unavailable right now</h1>
      <p>We couldn’t load the products. Please try again in a moment.</p>
      <p>
        <a href="" className="button">
          Try again
        </a>
      </p>
      {reason === 'not-configured' && process.env.NODE_ENV !== 'production' && (
        <p className="hint">
          Developer note: <code>amplify_outputs.json</code> was not found. Start the local cloud (<code>npm start</code>
          ) or <code>npx ampx sandbox</code>.
        </p>
      )}
    </section>
  );
}
