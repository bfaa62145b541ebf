import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import type { HistoryPageQuery } from '../../__generated__/HistoryPageQuery.graphql';
import type { HistoryPage_history$key } from '../../__generated__/HistoryPage_history.graphql';
import type { HistoryPageHistoryQuery } from '../../__generated__/HistoryPageHistoryQuery.graphql';
import { formatMoment } from './format';
import { SignInAgain } from './MemberSpace';
import { ShowMore } from '../../ui/ShowMore';

const pageSize = 10;

/** /me/history: the member's own record of changes, newest first, a page at a time. */
export function HistoryPage() {
  const { me } = useLazyLoadQuery<HistoryPageQuery>(
    graphql`
      query HistoryPageQuery {
        me { ...HistoryPage_history }
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  if (!me) return <SignInAgain />;
  return (
    <>
      <title>Your history · Workers Power</title>
      <h1>Your history</h1>
      <p>Everything that changed in your membership, newest first: what changed and when.</p>
      <History member={me} />
    </>
  );
}

function History({ member }: { member: HistoryPage_history$key }) {
  const { data, hasNext, loadNext, isLoadingNext } = usePaginationFragment<HistoryPageHistoryQuery, HistoryPage_history$key>(
    graphql`
      fragment HistoryPage_history on Member
        @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" })
        @refetchable(queryName: "HistoryPageHistoryQuery") {
        history(first: $count, after: $cursor) @connection(key: "HistoryPage_history") {
          totalCount
          edges { node { occurredAt summary } }
        }
      }
    `,
    member,
  );
  const events = data.history?.edges.map((e) => e.node) ?? [];
  if (events.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  const total = data.history?.totalCount ?? events.length;
  return (
    <>
      <p className="meta" aria-live="polite">Showing {events.length} of {total} {total === 1 ? 'change' : 'changes'}.</p>
      <ol className="history" aria-label="Changes, newest first">
        {events.map((e, i) => (
          <li key={`${e.occurredAt}-${i}`}>
            <p className="meta"><time dateTime={e.occurredAt}>{formatMoment(e.occurredAt)}</time></p>
            <p>{e.summary}</p>
          </li>
        ))}
      </ol>
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={pageSize} />
    </>
  );
}
