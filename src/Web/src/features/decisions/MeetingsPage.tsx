import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { MeetingsPageQuery } from '../../__generated__/MeetingsPageQuery.graphql';
import type { MeetingsPage_meetings$key } from '../../__generated__/MeetingsPage_meetings.graphql';
import { ShowMore } from '../../ui/ShowMore';
import { useHasRole } from '../../ui/console/AreaFrame';
import { ConveneSection } from './ConveneForm';
import { bodyNames, formatWhen } from './words';

/** /decisions: the meetings the member's scopes hold (their branch's, the whole organisation's), open ballots marked. */
export function MeetingsPage() {
  const data = useLazyLoadQuery<MeetingsPageQuery>(
    graphql`query MeetingsPageQuery { ...MeetingsPage_meetings }`,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  const mayConvene = useHasRole('ORGANISER', 'ADMIN');
  return (
    <>
      <title>Meetings and votes · Workers Power</title>
      <h1>Meetings and votes</h1>
      <p className="lead form">Your branch’s meetings and the organisation’s conferences and committees: read the motions, move and second them, and vote.</p>
      {mayConvene ? <ConveneSection /> : null}
      <MeetingList query={data} />
    </>
  );
}

function MeetingList({ query }: { query: MeetingsPage_meetings$key }) {
  const { data, loadNext, hasNext, isLoadingNext } = usePaginationFragment(
    graphql`
      fragment MeetingsPage_meetings on Query
        @refetchable(queryName: "MeetingsPagePaginationQuery")
        @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
        meetings(first: $count, after: $cursor) @connection(key: "MeetingsPage_meetings") {
          totalCount
          edges {
            node {
              id title body startsAt status
              scope { kind branch { name } }
              ballots { id title status }
            }
          }
        }
      }
    `,
    query,
  );
  const meetings = data.meetings.edges.map((e) => e.node);
  return (
    <section aria-labelledby="meetings-title">
      <h2 id="meetings-title" className="section-title">Meetings <span className="muted">({data.meetings.totalCount})</span></h2>
      {meetings.length === 0 ? <p className="muted">No meetings yet. When your branch or the organisation convenes one, it shows here.</p> : (
        <ul className="cards">
          {meetings.map((m) => {
            const open = m.ballots.filter((b) => b.status === 'OPEN');
            return (
              <li key={m.id} className="card">
                <article aria-labelledby={`meeting-${m.id}`}>
                  <h3 id={`meeting-${m.id}`}><Link to={`/decisions/meetings/${encodeURIComponent(m.id)}`}>{m.title}</Link></h3>
                  <p className="muted">
                    {bodyNames[m.body] ?? m.body} · {m.scope.kind === 'BRANCH' ? m.scope.branch?.name ?? 'A branch' : 'The whole organisation'} · {formatWhen(m.startsAt)}
                    {m.status === 'CLOSED' ? ' · Closed' : ''}
                  </p>
                  {open.length > 0 ? (
                    <ul className="open-ballots" aria-label={`Open ballots of ${m.title}`}>
                      {open.map((b) => (
                        <li key={b.id}><span className="status-badge status-badge--open">Voting open</span>{' '}<Link to={`/decisions/ballots/${encodeURIComponent(b.id)}`}>{b.title}</Link></li>
                      ))}
                    </ul>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ul>
      )}
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={20} label="Show more meetings" />
    </section>
  );
}
