export default function Loading() {
  return (
    <div className="skeleton product" role="status" aria-live="polite" aria-busy="true">
      <p className="visually-hidden">Loading the product…</p>
      <div className="skeleton__card product__media" aria-hidden="true" />
    </div>
  );
}
