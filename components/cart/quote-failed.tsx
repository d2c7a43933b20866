/** The cart or the order could not be priced: the server's words and a way to ask again. */
export function QuoteFailed({ what, message, retry }: { what: string; message: string; retry: () => void }) {
  return (
    <div className="notice notice--error" role="alert">
      <p>We couldn’t price your {what}.</p>
      <p>{message}</p>
      <p>
        <button type="button" className="button button--small" onClick={retry}>
          Try again
        </button>
      </p>
    </div>
  );
}
