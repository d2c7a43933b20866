/** What the order pages say when the store has no configuration for orders. */
export function OrdersUnconfigured() {
  return (
    <p className="notice notice--error" role="alert">
      Orders are not available right now: the store is not configured.
    </p>
  );
}
