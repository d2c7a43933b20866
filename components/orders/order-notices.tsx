/** What the order pages say when they cannot show orders: no store configured, or a failed load. */

export function OrdersUnconfigured() {
  return (
    <p className="notice notice--error" role="alert">
      Orders are not available right now: the store is not configured.
    </p>
  );
}

/** The load failed (and stopped): `what` could not be loaded, the reason, and "Try again". */
export function LoadFailed({ what, message, onRetry }: { what: string; message: string; onRetry: () => void }) {
  return (
    <div className="notice notice--error" role="alert">
      <p>{`We couldn’t load ${what}. Try again in a moment.`}</p>
      <p className="hint">{message}</p>
      <p>
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      </p>
    </div>
  );
}
