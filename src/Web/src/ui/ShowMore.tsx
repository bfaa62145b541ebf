/** The button under a list that loads its next page (usePaginationFragment's loadNext); nothing when there is none. */
export function ShowMore({ hasNext, isLoadingNext, loadNext, count, label = 'Show more' }: {
  hasNext: boolean; isLoadingNext: boolean; loadNext: (count: number) => unknown; count: number; label?: string;
}) {
  if (!hasNext) return null;
  return (
    <p className="more">
      <button type="button" className="button button--light" disabled={isLoadingNext} onClick={() => loadNext(count)}>
        {isLoadingNext ? 'Loading…' : label}
      </button>
    </p>
  );
}
