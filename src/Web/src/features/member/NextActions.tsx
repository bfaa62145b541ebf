import { graphql, usePaginationFragment } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { NextActions_query$key } from '../../__generated__/NextActions_query.graphql';
import type { NextActionsPaginationQuery } from '../../__generated__/NextActionsPaginationQuery.graphql';
import { formatWhen } from './format';
import { ShowMore } from '../../ui/ShowMore';

const pageSize = 5;

/** The actions the member signed up for that have not ended, soonest first, each with its campaign's page. */
export function NextActions({ query }: { query: NextActions_query$key }) {
  const { data, hasNext, loadNext, isLoadingNext } = usePaginationFragment<NextActionsPaginationQuery, NextActions_query$key>(
    graphql`
      fragment NextActions_query on Query
        @argumentDefinitions(count: { type: "Int", defaultValue: 5 }, cursor: { type: "String" })
        @refetchable(queryName: "NextActionsPaginationQuery") {
        mySignUps(first: $count, after: $cursor) @connection(key: "NextActions_mySignUps") {
          edges { node { id title startsAt location campaign { title slug } } }
        }
      }
    `,
    query,
  );
  const actions = data.mySignUps.edges.map((e) => e.node);
  if (actions.length === 0) {
    return <p className="muted">You have not signed up for any upcoming action. <Link to="/">See the current campaigns</Link>.</p>;
  }
  return (
    <>
      <ul className="cards">
        {actions.map((a) => (
          <li key={a.id} className="card">
            <h3>{a.title}</h3>
            <p className="meta"><time dateTime={a.startsAt}>{formatWhen(a.startsAt)}</time> · {a.location}</p>
            <p>Part of <Link to={`/campaigns/${a.campaign.slug}`}>{a.campaign.title}</Link></p>
          </li>
        ))}
      </ul>
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={pageSize} />
    </>
  );
}
