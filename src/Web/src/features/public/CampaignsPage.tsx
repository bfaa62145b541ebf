import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import type { CampaignsPageQuery } from '../../__generated__/CampaignsPageQuery.graphql';
import type { CampaignsPage_campaigns$key } from '../../__generated__/CampaignsPage_campaigns.graphql';
import { CampaignSummary } from './CampaignSummary';
import { ShowMore } from '../../ui/ShowMore';
import './public.css';

/** The current campaigns, newest first, a page at a time. */
export function CampaignsPage() {
  const data = useLazyLoadQuery<CampaignsPageQuery>(
    graphql`
      query CampaignsPageQuery {
        ...CampaignsPage_campaigns
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  return (
    <>
      <title>Campaigns · Workers Power</title>
      <h1>Campaigns</h1>
      <p className="lead form">What we are fighting for now. Open a campaign to see its actions and take part.</p>
      <CampaignList query={data} />
    </>
  );
}

function CampaignList({ query }: { query: CampaignsPage_campaigns$key }) {
  const { data, loadNext, hasNext, isLoadingNext } = usePaginationFragment(
    graphql`
      fragment CampaignsPage_campaigns on Query
        @refetchable(queryName: "CampaignsPagePaginationQuery")
        @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
        campaigns(first: $count, after: $cursor) @connection(key: "CampaignsPage_campaigns") {
          edges { node { id ...CampaignSummary_campaign } }
        }
      }
    `,
    query,
  );
  const campaigns = data.campaigns.edges.map((e) => e.node);
  return (
    <>
      {campaigns.length === 0 ? <p className="muted">No campaigns running just now.</p> : (
        <ul className="cards">{campaigns.map((c) => <li key={c.id}><CampaignSummary campaign={c} /></li>)}</ul>
      )}
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={10} label="Show more campaigns" />
    </>
  );
}
