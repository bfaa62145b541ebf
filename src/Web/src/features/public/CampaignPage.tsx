import { useEffect, useMemo, useRef } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment, useRelayEnvironment, useSubscription } from 'react-relay/hooks';
import type { GraphQLSubscriptionConfig } from 'relay-runtime';
import { Link, useParams } from 'react-router';
import type { CampaignPageQuery } from '../../__generated__/CampaignPageQuery.graphql';
import type { CampaignPage_actions$key } from '../../__generated__/CampaignPage_actions.graphql';
import type { CampaignPageProgressSubscription } from '../../__generated__/CampaignPageProgressSubscription.graphql';
import { useSignedIn } from '../../ui/Layout';
import { CampaignProgress } from './CampaignProgress';
import { CampaignActionCard, refreshActions } from './CampaignActionCard';
import { ShowMore } from '../../ui/ShowMore';
import './public.css';

/** A campaign: summary, goal and live progress, and its upcoming actions with the places left and sign-up. */
export function CampaignPage() {
  const { slug = '' } = useParams();
  // store-and-network: the places left and "my sign-up" are fetched afresh each time the page opens
  const { campaign } = useLazyLoadQuery<CampaignPageQuery>(
    graphql`
      query CampaignPageQuery($slug: String!) {
        campaign(slug: $slug) {
          id title summary
          progress { ...CampaignProgress_progress }
          ...CampaignPage_actions
        }
      }
    `,
    { slug },
    { fetchPolicy: 'store-and-network' },
  );
  if (!campaign) {
    return <><title>Not found · Workers Power</title><h1>There is no campaign here</h1><p><Link to="/campaigns">See the current campaigns</Link>.</p></>;
  }
  return (
    <>
      <title>{`${campaign.title} · Workers Power`}</title>
      <h1>{campaign.title}</h1>
      <p className="lead form">{campaign.summary}</p>
      <CampaignProgress progress={campaign.progress} />
      <CampaignActions campaign={campaign} campaignId={campaign.id} slug={slug} />
    </>
  );
}

/** The upcoming actions, a page at a time, kept live by the campaign's progress subscription. */
function CampaignActions({ campaign, campaignId, slug }: { campaign: CampaignPage_actions$key; campaignId: string; slug: string }) {
  const { signedIn } = useSignedIn();
  const { data, loadNext, hasNext, isLoadingNext } = usePaginationFragment(
    graphql`
      fragment CampaignPage_actions on Campaign
        @refetchable(queryName: "CampaignPageActionsPaginationQuery")
        @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
        actions(upcomingOnly: true, first: $count, after: $cursor) @connection(key: "CampaignPage_actions") {
          edges { node { id ...CampaignActionCard_action } }
        }
      }
    `,
    campaign,
  );
  const actions = data.actions.edges.map((e) => e.node);
  useLiveProgress(campaignId, actions.map((a) => a.id));
  const here = `/campaigns/${slug}`;
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title" className="section-title">Upcoming actions</h2>
      {signedIn ? null : (
        <p className="take-part">
          <Link to={`/sign-in?next=${encodeURIComponent(here)}`} className="button">Sign in to take part</Link>
          {' '}<span className="muted">Not a member yet? <Link to="/join">Join Workers Power</Link>.</span>
        </p>
      )}
      {actions.length === 0 ? <p className="muted">No actions planned just now.</p> : (
        <ul className="cards">
          {actions.map((a) => <li key={a.id}><CampaignActionCard action={a} signedIn={signedIn} /></li>)}
        </ul>
      )}
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={10} label="Show more actions" />
    </section>
  );
}

/**
 * Subscribes to the campaign's progress: each new value replaces the figures in the store (so they move on the page
 * without a reload), and the actions on the page are fetched again by id, so their places left move too.
 */
function useLiveProgress(campaignId: string, actionIds: string[]) {
  const environment = useRelayEnvironment();
  const shown = useRef(actionIds);
  useEffect(() => { shown.current = actionIds; });
  const config = useMemo<GraphQLSubscriptionConfig<CampaignPageProgressSubscription>>(() => {
    let first = true; // the subscription's first value is the figures as they are: nothing to fetch again
    return {
      subscription: graphql`
        subscription CampaignPageProgressSubscription($campaignId: ID!) {
          campaignProgress(campaignId: $campaignId) { ...CampaignProgress_progress }
        }
      `,
      variables: { campaignId },
      updater: (store) => {
        const progress = store.getRootField('campaignProgress');
        const record = store.get(campaignId);
        if (progress && record) record.setLinkedRecord(progress, 'progress');
      },
      onNext: () => {
        if (first) { first = false; return; }
        const ids = shown.current.slice(0, 100);
        if (ids.length === 0) return;
        refreshActions(environment, ids);
      },
      // the live connection gave up: the figures stay as last shown, and are fresh again on the next visit
      onError: () => undefined,
    };
  }, [campaignId, environment]);
  useSubscription(config);
}
