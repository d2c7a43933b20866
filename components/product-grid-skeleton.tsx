/** What a catalog page shows while its products load: a labelled, busy placeholder of the grid. */
export function ProductGridSkeleton({ label, count = 8 }: { label: string; count?: number }) {
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-busy="true">
      <p className="visually-hidden">{label}</p>
      <ul className="product-grid" aria-hidden="true">
        {Array.from({ length: count }, (_, i) => (
          <li key={i} className="skeleton__card" />
        ))}
      </ul>
    </div>
  );
}
