import { graphql, usePaginationFragment } from 'react-relay/hooks';
import type { Notices_member$key } from '../../__generated__/Notices_member.graphql';
import type { NoticesPaginationQuery } from '../../__generated__/NoticesPaginationQuery.graphql';
import { formatDate } from '../../ui/dates';
import { ShowMore } from '../../ui/ShowMore';

const pageSize = 5;

/** Reminders and cancellations of the member's actions, newest first. */
export function Notices({ member, labelledBy }: { member: Notices_member$key; labelledBy: string }) {
  const { data, hasNext, loadNext, isLoadingNext } = usePaginationFragment<NoticesPaginationQuery, Notices_member$key>(
    graphql`
      fragment Notices_member on Member
        @argumentDefinitions(count: { type: "Int", defaultValue: 5 }, cursor: { type: "String" })
        @refetchable(queryName: "NoticesPaginationQuery") {
        notices(first: $count, after: $cursor) @connection(key: "Notices_notices") {
          edges { node { kind text createdAt } }
        }
      }
    `,
    member,
  );
  const notices = data.notices?.edges.map((e) => e.node) ?? [];
  if (notices.length === 0) return <p className="muted">No notices: reminders and cancellations of your actions appear here.</p>;
  return (
    <>
      <ul className="cards" aria-labelledby={labelledBy}>
        {notices.map((n, i) => (
          <li key={`${n.createdAt}-${i}`} className="card">
            <p className="meta">
              {n.kind === 'ACTION_CANCELLED' ? 'Cancelled' : 'Reminder'} · <time dateTime={n.createdAt}>{formatDate(n.createdAt)}</time>
            </p>
            <p>{n.text}</p>
          </li>
        ))}
      </ul>
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={pageSize} />
    </>
  );
}
