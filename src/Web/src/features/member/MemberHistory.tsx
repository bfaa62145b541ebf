import { graphql, usePaginationFragment } from 'react-relay/hooks';
import type { MemberHistory_member$key } from '../../__generated__/MemberHistory_member.graphql';
import type { MemberHistoryPaginationQuery } from '../../__generated__/MemberHistoryPaginationQuery.graphql';
import { ShowMore } from '../../ui/ShowMore';
import { formatMoment } from './format';
import './history.css';

const pageSize = 10;

/**
 * A member's record of changes, newest first, a page at a time: the member's own (/me/history) and, for an
 * organiser or admin, a member's page in the console (whose reads the server records).
 */
export function MemberHistory({ member }: { member: MemberHistory_member$key }) {
  const { data, hasNext, loadNext, isLoadingNext } = usePaginationFragment<MemberHistoryPaginationQuery, MemberHistory_member$key>(
    graphql`
      fragment MemberHistory_member on Member
        @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" })
        @refetchable(queryName: "MemberHistoryPaginationQuery") {
        history(first: $count, after: $cursor) @connection(key: "MemberHistory_history") {
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
      <p className="meta" role="status">Showing {events.length} of {total} {total === 1 ? 'change' : 'changes'}, newest first.</p>
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
