import { useMemo } from 'react';
import { graphql, useFragment, useLazyLoadQuery, usePaginationFragment, useSubscription } from 'react-relay/hooks';
import type { GraphQLSubscriptionConfig } from 'relay-runtime';
import { Link, useParams } from 'react-router';
import type { CampaignDetailPageQuery } from '../../../__generated__/CampaignDetailPageQuery.graphql';
import type { CampaignDetailPage_figures$key } from '../../../__generated__/CampaignDetailPage_figures.graphql';
import type { CampaignDetailPage_actions$key } from '../../../__generated__/CampaignDetailPage_actions.graphql';
import type { CampaignDetailPageProgressSubscription } from '../../../__generated__/CampaignDetailPageProgressSubscription.graphql';
import { ShowMore } from '../../../ui/ShowMore';
import { BarChart } from '../../../ui/console/BarChart';
import { ActionItem } from './ActionItem';
import { EditForm, Standing } from './CampaignSettings';
import { ScheduleForm } from './ScheduleForm';
import { dayLabel } from './format';

/** Why the campaign's page offers no change to someone who does not run it, and who does. */
function notRunning(organisers: ReadonlyArray<string>): string {
  const who = organisers.length === 0 ? 'Nobody runs it at the moment' : `It is run by ${new Intl.ListFormat('en-GB').format(organisers)}`;
  return `You do not run this campaign, so you see it without changing it. ${who}; an admin can make you one of its campaign organisers.`;
}

/**
 * /organise/campaigns/:slug: a campaign's live progress, activity and actions; for those who run it (its campaign
 * organisers, admins) also edit, conclude or reopen it, and schedule, move or cancel its actions.
 */
export function CampaignDetailPage() {
  const { slug = '' } = useParams();
  const { campaign } = useLazyLoadQuery<CampaignDetailPageQuery>(
    graphql`
      query CampaignDetailPageQuery($slug: String!) {
        campaign(slug: $slug) {
          id slug title summary goal status viewerOrganises organisers { displayName }
          progress { ...CampaignDetailPage_figures }
          activity(days: 30) { day signUps checkIns }
          ...CampaignDetailPage_actions
        }
      }
    `,
    { slug },
    { fetchPolicy: 'store-and-network' },
  );
  if (!campaign) {
    return (
      <>
        <title>Not found · Organise · Workers Power</title>
        <h1>There is no campaign here</h1>
        <p><Link to="/organise/campaigns">See all campaigns</Link>.</p>
      </>
    );
  }
  // activity is newest first; the chart reads oldest first, left to right
  const days = [...campaign.activity].reverse();
  return (
    <>
      <title>{`${campaign.title} · Organise · Workers Power`}</title>
      <p><Link to="/organise/campaigns">All campaigns</Link></p>
      <h1>{campaign.title}</h1>
      <p>
        <span className="status-badge">{campaign.status === 'CONCLUDED' ? 'Concluded' : 'Running'}</span>{' '}
        <Link to={`/campaigns/${campaign.slug}`}>Its public page</Link>
      </p>
      <section className="console-section" aria-labelledby="progress-title">
        <h2 id="progress-title">Progress</h2>
        <LiveFigures progress={campaign.progress} campaignId={campaign.id} />
        <BarChart caption="Sign-ups and check-ins per day (last 30 days)" labels={days.map((d) => dayLabel(d.day))}
          series={[{ name: 'Sign-ups', values: days.map((d) => d.signUps) }, { name: 'Check-ins', values: days.map((d) => d.checkIns), colour: 'black' }]} />
        <p className="muted">The daily figures may take a moment to catch up with the latest sign-ups.</p>
      </section>
      {campaign.viewerOrganises ? null : (
        <p className="notice">{notRunning(campaign.organisers.map((o) => o.displayName))}</p>
      )}
      <Actions campaign={campaign} campaignId={campaign.id} manage={campaign.viewerOrganises} />
      {campaign.viewerOrganises ? <EditForm campaign={campaign} /> : null}
      {campaign.viewerOrganises ? <Standing campaignId={campaign.id} status={campaign.status} /> : null}
    </>
  );
}

/** The campaign's figures against its goal, moved by the campaignProgress subscription without a reload. */
function LiveFigures({ progress, campaignId }: { progress: CampaignDetailPage_figures$key; campaignId: string }) {
  const p = useFragment(
    graphql`
      fragment CampaignDetailPage_figures on CampaignProgress {
        participants signUps attendances actionsScheduled goal
      }
    `,
    progress,
  );
  const config = useMemo<GraphQLSubscriptionConfig<CampaignDetailPageProgressSubscription>>(() => ({
    subscription: graphql`
      subscription CampaignDetailPageProgressSubscription($campaignId: ID!) {
        campaignProgress(campaignId: $campaignId) { ...CampaignDetailPage_figures }
      }
    `,
    variables: { campaignId },
    updater: (store) => {
      const next = store.getRootField('campaignProgress');
      const record = store.get(campaignId);
      if (next && record) record.setLinkedRecord(next, 'progress');
    },
    // the live connection gave up: the figures stay as last shown, fresh again on the next visit
    onError: () => undefined,
  }), [campaignId]);
  useSubscription(config);
  return (
    <>
      <ul className="figures" aria-live="polite" aria-atomic="true">
        <li><strong>{p.participants}</strong> taking part{p.goal ? ` of a goal of ${p.goal}` : ''}</li>
        <li><strong>{p.signUps}</strong> {p.signUps === 1 ? 'sign-up' : 'sign-ups'}</li>
        <li><strong>{p.attendances}</strong> checked in</li>
        <li><strong>{p.actionsScheduled}</strong> {p.actionsScheduled === 1 ? 'action' : 'actions'}</li>
      </ul>
      {p.goal ? <progress className="goal-bar" max={p.goal} value={Math.min(p.participants, p.goal)} aria-label={`${p.participants} of a goal of ${p.goal} taking part`} /> : null}
    </>
  );
}

function Actions({ campaign, campaignId, manage }: { campaign: CampaignDetailPage_actions$key; campaignId: string; manage: boolean }) {
  const { data, loadNext, hasNext, isLoadingNext } = usePaginationFragment(
    graphql`
      fragment CampaignDetailPage_actions on Campaign
        @refetchable(queryName: "CampaignDetailPageActionsPaginationQuery")
        @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
        actions(first: $count, after: $cursor) @connection(key: "CampaignDetailPage_actions") {
          __id
          totalCount
          edges { node { id ...ActionItem_action } }
        }
      }
    `,
    campaign,
  );
  const actions = data.actions.edges.map((e) => e.node);
  return (
    <section className="console-section" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions <span className="muted">({data.actions.totalCount})</span></h2>
      {actions.length === 0 ? <p className="muted">{manage ? 'No actions yet: schedule the first one below.' : 'No actions yet.'}</p> : (
        <ul className="item-list">
          {actions.map((a) => <li key={a.id}><ActionItem action={a} manage={manage} /></li>)}
        </ul>
      )}
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={20} label="Show more actions" />
      {manage ? <ScheduleForm campaignId={campaignId} connection={data.actions.__id} /> : null}
    </section>
  );
}
