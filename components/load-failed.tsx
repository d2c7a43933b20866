/** A page's data could not be loaded (and loading stopped): what, the reason, and "Try again". */
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
