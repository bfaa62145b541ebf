import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { HistoryPageQuery } from '../../__generated__/HistoryPageQuery.graphql';
import { SignInAgain } from './MemberSpace';
import { MemberHistory } from './MemberHistory';

/** /me/history: the member's own record of changes, newest first, a page at a time. */
export function HistoryPage() {
  const { me } = useLazyLoadQuery<HistoryPageQuery>(
    graphql`
      query HistoryPageQuery {
        me { ...MemberHistory_member }
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
      <MemberHistory member={me} />
    </>
  );
}
