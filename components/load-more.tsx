/**
 * The foot of a paged list: a polite announcement of what the last "Load more" added, the notice
 * when it failed, and the button while the API has a next page.
 */
export function LoadMore({
  announcement,
  failedMessage,
  hasMore,
  pending,
  onLoadMore,
}: {
  announcement: string;
  /** Shown when the last "Load more" failed; null when it did not. */
  failedMessage: string | null;
  hasMore: boolean;
  pending: boolean;
  onLoadMore: () => void;
}) {
  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {failedMessage && (
        <p className="notice notice--error" role="alert">
          {failedMessage}
        </p>
      )}
      {hasMore && (
        <div className="load-more">
          <button type="button" className="button" onClick={onLoadMore} disabled={pending} aria-busy={pending}>
            {pending ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}
