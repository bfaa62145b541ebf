import { graphql, useFragment } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { CampaignSummary_campaign$key } from '../../__generated__/CampaignSummary_campaign.graphql';

/** A campaign in a list: title, summary, how many take part against its goal. */
export function CampaignSummary({ campaign }: { campaign: CampaignSummary_campaign$key }) {
  const c = useFragment(
    graphql`
      fragment CampaignSummary_campaign on Campaign {
        slug
        title
        summary
        goal
        progress { participants }
      }
    `,
    campaign,
  );
  return (
    <article className="card">
      <h3><Link to={`/campaigns/${c.slug}`}>{c.title}</Link></h3>
      <p>{c.summary}</p>
      <p className="progress">
        {c.progress.participants} {c.progress.participants === 1 ? 'person has' : 'people have'} taken part
        {c.goal ? <> of a goal of {c.goal}</> : null}
      </p>
    </article>
  );
}
