/** The "Show more" button under a list that pages (usePaginationFragment's hasNext, loadNext, isLoadingNext). */
export function ShowMore({ hasNext, isLoadingNext, loadNext, count }: { hasNext: boolean; isLoadingNext: boolean; loadNext: (count: number) => unknown; count: number }) {
  if (!hasNext) return null;
  return (
    <p className="more">
      <button type="button" className="button button--secondary" disabled={isLoadingNext} onClick={() => loadNext(count)}>
        {isLoadingNext ? 'Loading…' : 'Show more'}
      </button>
    </p>
  );
}
