import { useMemo, useState, type FormEvent } from 'react';
import { graphql, useFragment, useLazyLoadQuery, useMutation, usePaginationFragment, useSubscription } from 'react-relay/hooks';
import type { GraphQLSubscriptionConfig } from 'relay-runtime';
import { Link, useParams } from 'react-router';
import type { CampaignDetailPageQuery } from '../../../__generated__/CampaignDetailPageQuery.graphql';
import type { CampaignDetailPage_figures$key } from '../../../__generated__/CampaignDetailPage_figures.graphql';
import type { CampaignDetailPage_actions$key } from '../../../__generated__/CampaignDetailPage_actions.graphql';
import type { CampaignDetailPageProgressSubscription } from '../../../__generated__/CampaignDetailPageProgressSubscription.graphql';
import type { CampaignDetailPageUpdateMutation } from '../../../__generated__/CampaignDetailPageUpdateMutation.graphql';
import type { CampaignDetailPageConcludeMutation } from '../../../__generated__/CampaignDetailPageConcludeMutation.graphql';
import type { CampaignDetailPageReopenMutation } from '../../../__generated__/CampaignDetailPageReopenMutation.graphql';
import type { CampaignDetailPageScheduleMutation, ActionKind } from '../../../__generated__/CampaignDetailPageScheduleMutation.graphql';
import { describedBy, FieldError } from '../../../ui/Field';
import { ShowMore } from '../../../ui/ShowMore';
import { BarChart } from '../../../ui/console/BarChart';
import { requestFailed } from '../../../ui/userErrors';
import { SaveStatus } from '../../member/SaveStatus';
import { useSaving } from '../../member/saving';
import { ActionItem } from './ActionItem';
import { dayLabel, isoOf, kindNames } from './format';

/** /organise/campaigns/:slug: edit, conclude or reopen a campaign; its live progress and activity; its actions. */
export function CampaignDetailPage() {
  const { slug = '' } = useParams();
  const { campaign } = useLazyLoadQuery<CampaignDetailPageQuery>(
    graphql`
      query CampaignDetailPageQuery($slug: String!) {
        campaign(slug: $slug) {
          id slug title summary goal status
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
      <Actions campaign={campaign} campaignId={campaign.id} />
      <EditForm campaign={campaign} />
      <Standing campaignId={campaign.id} status={campaign.status} />
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

function Actions({ campaign, campaignId }: { campaign: CampaignDetailPage_actions$key; campaignId: string }) {
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
      {actions.length === 0 ? <p className="muted">No actions yet: schedule the first one below.</p> : (
        <ul className="item-list">
          {actions.map((a) => <li key={a.id}><ActionItem action={a} /></li>)}
        </ul>
      )}
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={20} label="Show more actions" />
      <ScheduleForm campaignId={campaignId} connection={data.actions.__id} />
    </section>
  );
}

const scheduleFields = ['kind', 'actionTitle', 'startsAt', 'endsAt', 'location', 'capacity'];
const kinds = Object.entries(kindNames) as ReadonlyArray<[ActionKind, string]>;

/** Schedule an action: it appears in the list above, and members can sign up for it at once. */
function ScheduleForm({ campaignId, connection }: { campaignId: string; connection: string }) {
  const saving = useSaving(scheduleFields, { title: 'actionTitle' });
  const [commit, inFlight] = useMutation<CampaignDetailPageScheduleMutation>(graphql`
    mutation CampaignDetailPageScheduleMutation($input: ScheduleActionInput!, $connections: [ID!]!) {
      scheduleAction(input: $input) {
        action @appendNode(connections: $connections, edgeTypeName: "CampaignActionEdge") {
          id ...ActionItem_action campaign { id progress { ...CampaignDetailPage_figures } }
        }
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const startsAt = isoOf(text('startsAt'));
    const endsAt = isoOf(text('endsAt'));
    const missing: Record<string, string> = {};
    if (!startsAt) missing.startsAt = 'Say when it starts.';
    if (!endsAt) missing.endsAt = 'Say when it ends.';
    if (!startsAt || !endsAt) {
      saving.done(Object.entries(missing).map(([field, message]) => ({ code: 'VALIDATION', message, field: [field] })), '');
      return;
    }
    const capacity = text('capacity');
    saving.starting();
    commit({
      variables: {
        connections: [connection],
        input: { campaignId, kind: text('kind') as ActionKind, title: text('title') || null, startsAt, endsAt, location: text('location'), capacity: capacity ? Number(capacity) : null },
      },
      // the new action is added to the list (@appendNode); its heading's total counts it too
      updater: (store, response) => {
        const list = store.get(connection);
        if (!list || !response?.scheduleAction.action) return;
        list.setValue(Number(list.getValue('totalCount') ?? 0) + 1, 'totalCount');
      },
      onCompleted: (r) => {
        const payload = r.scheduleAction;
        saving.done(payload.errors, 'The action is scheduled: members can sign up for it now, and those signed up get a reminder the day before.');
        if (payload.errors.length === 0) formElement.reset();
      },
      onError: saving.failed,
    });
  };
  const e = saving.errors;
  return (
    <div className="inline-form">
      <h3 id="schedule-title">Schedule an action</h3>
      <form className="form" noValidate onSubmit={submit} aria-labelledby="schedule-title" aria-describedby="schedule-status">
        <div className="field" data-invalid={e.kind ? 'true' : undefined}>
          <label htmlFor="kind">Kind of action</label>
          <select id="kind" name="kind" defaultValue="PICKET" {...describedBy('kind', e)}>
            {kinds.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
          <FieldError name="kind" errors={e} />
        </div>
        <div className="field" data-invalid={e.actionTitle ? 'true' : undefined}>
          <label htmlFor="actionTitle">Title (optional)</label>
          <span className="hint" id="actionTitle-hint">Made from the kind and the campaign when left empty.</span>
          <input id="actionTitle" name="title" type="text" {...describedBy('actionTitle', e, 'actionTitle-hint')} />
          <FieldError name="actionTitle" errors={e} />
        </div>
        <div className="field" data-invalid={e.startsAt ? 'true' : undefined}>
          <label htmlFor="startsAt">Starts</label>
          <input id="startsAt" name="startsAt" type="datetime-local" required {...describedBy('startsAt', e)} />
          <FieldError name="startsAt" errors={e} />
        </div>
        <div className="field" data-invalid={e.endsAt ? 'true' : undefined}>
          <label htmlFor="endsAt">Ends</label>
          <input id="endsAt" name="endsAt" type="datetime-local" required {...describedBy('endsAt', e)} />
          <FieldError name="endsAt" errors={e} />
        </div>
        <div className="field" data-invalid={e.location ? 'true' : undefined}>
          <label htmlFor="location">Where</label>
          <input id="location" name="location" type="text" required {...describedBy('location', e)} />
          <FieldError name="location" errors={e} />
        </div>
        <div className="field" data-invalid={e.capacity ? 'true' : undefined}>
          <label htmlFor="capacity">Places (optional)</label>
          <span className="hint" id="capacity-hint">Leave empty for no limit.</span>
          <input id="capacity" name="capacity" type="number" min={1} inputMode="numeric" {...describedBy('capacity', e, 'capacity-hint')} />
          <FieldError name="capacity" errors={e} />
        </div>
        <button type="submit" className="button" data-mutation="scheduleAction" disabled={inFlight}>{inFlight ? 'Scheduling…' : 'Schedule the action'}</button>
        <SaveStatus id="schedule-status" alert={saving.alert} saved={saving.saved} />
      </form>
    </div>
  );
}

const editFields = ['title', 'summary', 'goal'];

type Campaign = { readonly id: string; readonly title: string; readonly summary: string; readonly goal: number | null | undefined };

function EditForm({ campaign }: { campaign: Campaign }) {
  const saving = useSaving(editFields);
  const [commit, inFlight] = useMutation<CampaignDetailPageUpdateMutation>(graphql`
    mutation CampaignDetailPageUpdateMutation($input: UpdateCampaignInput!) {
      updateCampaign(input: $input) {
        campaign { id title summary goal progress { ...CampaignDetailPage_figures } }
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const goal = text('goal');
    saving.starting();
    commit({
      variables: { input: { campaignId: campaign.id, title: text('title'), summary: text('summary'), goal: goal ? Number(goal) : 0 } },
      onCompleted: (r) => saving.done(r.updateCampaign.errors, 'The campaign is saved.'),
      onError: saving.failed,
    });
  };
  const e = saving.errors;
  return (
    <section className="console-section" aria-labelledby="edit-title">
      <h2 id="edit-title">Edit the campaign</h2>
      <form className="form" noValidate onSubmit={submit} aria-describedby="edit-status">
        <div className="field" data-invalid={e.title ? 'true' : undefined}>
          <label htmlFor="title">Title</label>
          <input id="title" name="title" type="text" required defaultValue={campaign.title} {...describedBy('title', e)} />
          <FieldError name="title" errors={e} />
        </div>
        <div className="field" data-invalid={e.summary ? 'true' : undefined}>
          <label htmlFor="summary">What it is about</label>
          <textarea id="summary" name="summary" rows={4} required defaultValue={campaign.summary} {...describedBy('summary', e)} />
          <FieldError name="summary" errors={e} />
        </div>
        <div className="field" data-invalid={e.goal ? 'true' : undefined}>
          <label htmlFor="goal">Goal: how many people taking part (optional)</label>
          <span className="hint" id="goal-hint">Leave empty for no goal.</span>
          <input id="goal" name="goal" type="number" min={1} inputMode="numeric" defaultValue={campaign.goal ?? ''} {...describedBy('goal', e, 'goal-hint')} />
          <FieldError name="goal" errors={e} />
        </div>
        <button type="submit" className="button" data-mutation="updateCampaign" disabled={inFlight}>{inFlight ? 'Saving…' : 'Save the campaign'}</button>
        <SaveStatus id="edit-status" alert={saving.alert} saved={saving.saved} />
      </form>
    </section>
  );
}

/** Conclude (with a confirmation: it leaves the public list of running campaigns) or reopen. */
function Standing({ campaignId, status }: { campaignId: string; status: string }) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ alert: string[]; saved: string | null }>({ alert: [], saved: null });
  const [conclude, concluding] = useMutation<CampaignDetailPageConcludeMutation>(graphql`
    mutation CampaignDetailPageConcludeMutation($input: CampaignIdInput!) {
      concludeCampaign(input: $input) { campaign { id status } errors { code message field } }
    }
  `);
  const [reopen, reopening] = useMutation<CampaignDetailPageReopenMutation>(graphql`
    mutation CampaignDetailPageReopenMutation($input: CampaignIdInput!) {
      reopenCampaign(input: $input) { campaign { id status } errors { code message field } }
    }
  `);
  const finish = (errors: ReadonlyArray<{ readonly message: string }>, saved: string) => {
    setConfirming(false);
    setMessage(errors.length ? { alert: errors.map((x) => x.message), saved: null } : { alert: [], saved });
  };
  const failed = (error: Error) => setMessage({ alert: [requestFailed(error)], saved: null });
  const variables = { input: { campaignId } };
  return (
    <section className="console-section" aria-labelledby="standing-title">
      <h2 id="standing-title">{status === 'CONCLUDED' ? 'Reopen the campaign' : 'Conclude the campaign'}</h2>
      {status === 'CONCLUDED' ? (
        <>
          <p>This campaign is concluded. Reopening it puts it back among the running campaigns.</p>
          <button type="button" className="button" data-mutation="reopenCampaign" disabled={reopening}
            onClick={() => reopen({ variables, onCompleted: (r) => finish(r.reopenCampaign.errors, 'The campaign is running again.'), onError: failed })}>
            {reopening ? 'Reopening…' : 'Reopen the campaign'}
          </button>
        </>
      ) : confirming ? (
        <div className="confirm-box" role="group" aria-labelledby="conclude-question">
          <p id="conclude-question">Conclude this campaign? It leaves the list of running campaigns; its actions and figures stay, and you can reopen it later.</p>
          <div className="button-row">
            <button type="button" className="button" data-mutation="concludeCampaign" disabled={concluding}
              onClick={() => conclude({ variables, onCompleted: (r) => finish(r.concludeCampaign.errors, 'The campaign is concluded.'), onError: failed })}>
              {concluding ? 'Concluding…' : 'Yes, conclude it'}
            </button>
            <button type="button" className="button button--light" onClick={() => setConfirming(false)}>Keep it running</button>
          </div>
        </div>
      ) : (
        <>
          <p>When the campaign is over, conclude it: its actions and figures stay.</p>
          <button type="button" data-opens="concludeCampaign" className="button button--light" onClick={() => { setMessage({ alert: [], saved: null }); setConfirming(true); }}>Conclude the campaign…</button>
        </>
      )}
      <SaveStatus id="standing-status" alert={message.alert} saved={message.saved} />
    </section>
  );
}

