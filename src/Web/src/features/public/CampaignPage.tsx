import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Link, useParams } from 'react-router';
import type { CampaignPageQuery } from '../../__generated__/CampaignPageQuery.graphql';

const when = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** A campaign: summary, goal and progress, and its upcoming actions with the places left. */
export function CampaignPage() {
  const { slug = '' } = useParams();
  const { campaign } = useLazyLoadQuery<CampaignPageQuery>(
    graphql`
      query CampaignPageQuery($slug: String!) {
        campaign(slug: $slug) {
          title summary goal
          progress { participants signUps actionsScheduled }
          actions(upcomingOnly: true, first: 20) { nodes { id title kind startsAt location placesLeft } }
        }
      }
    `,
    { slug },
  );
  if (!campaign) {
    return <><title>Not found · Workers Power</title><h1>There is no campaign here</h1><p><Link to="/">See the current campaigns</Link>.</p></>;
  }
  const actions = campaign.actions.nodes;
  return (
    <>
      <title>{`${campaign.title} · Workers Power`}</title>
      <h1>{campaign.title}</h1>
      <p className="form">{campaign.summary}</p>
      <p className="progress">
        {campaign.progress.participants} taking part{campaign.goal ? ` of a goal of ${campaign.goal}` : ''};
        {' '}{campaign.progress.signUps} sign-ups to {campaign.progress.actionsScheduled} actions.
      </p>
      <h2>Upcoming actions</h2>
      {actions.length === 0 ? <p className="muted">No actions planned just now.</p> : (
        <ul className="cards">
          {actions.map((a) => (
            <li key={a.id} className="card">
              <h3>{a.title}</h3>
              <p className="meta"><time dateTime={a.startsAt}>{when.format(new Date(a.startsAt)).replace(',', '')}</time> · {a.location}</p>
              {a.placesLeft !== null && a.placesLeft !== undefined ? <p>{a.placesLeft === 0 ? 'Full' : `${a.placesLeft} places left`}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <p><Link to="/join" className="button">Join to take part</Link></p>
    </>
  );
}
