import { type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation, usePaginationFragment } from 'react-relay/hooks';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CampaignsListPageQuery, CampaignStatus } from '../../../__generated__/CampaignsListPageQuery.graphql';
import type { CampaignsListPage_campaigns$key } from '../../../__generated__/CampaignsListPage_campaigns.graphql';
import type { CampaignsListPageLaunchMutation } from '../../../__generated__/CampaignsListPageLaunchMutation.graphql';
import { describedBy, FieldError } from '../../../ui/Field';
import { ShowMore } from '../../../ui/ShowMore';
import { SaveStatus } from '../../member/SaveStatus';
import { useSaving } from '../../member/saving';
import { useHasRole } from '../../../ui/console/AreaFrame';
import { dayLabel } from './format';

const statuses: ReadonlyArray<{ value: CampaignStatus; label: string }> = [
  { value: 'ACTIVE', label: 'Running' },
  { value: 'CONCLUDED', label: 'Concluded' },
];

/**
 * /organise/campaigns: the campaigns the signed-in member runs; for organisers of branches and admins also every
 * campaign, running or concluded, a page at a time, and launching a new one.
 */
export function CampaignsListPage() {
  // organisers of branches and admins see every campaign and launch new ones; a campaign organiser, theirs
  const branches = useHasRole('ORGANISER', 'ADMIN');
  const [params, setParams] = useSearchParams();
  const status: CampaignStatus = params.get('status') === 'CONCLUDED' ? 'CONCLUDED' : 'ACTIVE';
  const data = useLazyLoadQuery<CampaignsListPageQuery>(
    graphql`
      query CampaignsListPageQuery($status: CampaignStatus!) {
        me { grants(first: 100) { nodes { id active role scope { campaign { id slug title status } } } } }
        ...CampaignsListPage_campaigns @arguments(status: $status)
      }
    `,
    { status },
    { fetchPolicy: 'store-and-network' },
  );
  // the campaigns the signed-in member runs: their active CAMPAIGN_ORGANISER grants
  const mine = (data.me?.grants?.nodes ?? []).filter((g) => g.active && g.role === 'CAMPAIGN_ORGANISER' && g.scope.campaign)
    .map((g) => g.scope.campaign!);
  return (
    <>
      <title>Campaigns · Organise · Workers Power</title>
      <h1>Campaigns</h1>
      {mine.length > 0 || !branches ? (
        <section className="console-section" aria-labelledby="mine-title">
          <h2 id="mine-title">Campaigns you run <span className="muted">({mine.length})</span></h2>
          {mine.length === 0 ? <p className="muted">You run no campaign at the moment: an admin makes you one of a campaign’s organisers.</p> : (
            <ul className="item-list">
              {mine.map((c) => (
                <li key={c.id}>
                  <h3><Link to={`/organise/campaigns/${c.slug}`}>{c.title}</Link></h3>
                  <p className="muted">{c.status === 'CONCLUDED' ? 'Concluded' : 'Running'}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {branches ? (
        <>
          <div className="toolbar" role="group" aria-label="Which campaigns">
            {statuses.map((s) => (
              <button key={s.value} type="button" className={s.value === status ? 'button button--small' : 'button button--small button--quiet'}
                aria-pressed={s.value === status} onClick={() => setParams(s.value === 'ACTIVE' ? {} : { status: s.value })}>
                {s.label}
              </button>
            ))}
          </div>
          <CampaignList query={data} status={status} />
          <LaunchForm />
        </>
      ) : null}
    </>
  );
}

function CampaignList({ query, status }: { query: CampaignsListPage_campaigns$key; status: CampaignStatus }) {
  const { data, loadNext, hasNext, isLoadingNext } = usePaginationFragment(
    graphql`
      fragment CampaignsListPage_campaigns on Query
        @refetchable(queryName: "CampaignsListPagePaginationQuery")
        @argumentDefinitions(status: { type: "CampaignStatus!" }, count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
        campaigns(status: $status, first: $count, after: $cursor) @connection(key: "CampaignsListPage_campaigns", filters: ["status"]) {
          totalCount
          edges { node { id slug title status goal launchedAt progress { participants signUps actionsScheduled } } }
        }
      }
    `,
    query,
  );
  const campaigns = data.campaigns.edges.map((e) => e.node);
  return (
    <section className="console-section" aria-labelledby="list-title">
      <h2 id="list-title">{status === 'ACTIVE' ? 'Running campaigns' : 'Concluded campaigns'} <span className="muted">({data.campaigns.totalCount})</span></h2>
      {campaigns.length === 0 ? <p className="muted">{status === 'ACTIVE' ? 'No campaign is running. Launch one below.' : 'No campaign has been concluded yet.'}</p> : (
        <ul className="item-list">
          {campaigns.map((c) => (
            <li key={c.id}>
              <h3><Link to={`/organise/campaigns/${c.slug}`}>{c.title}</Link></h3>
              <p className="muted">
                Launched {dayLabel(c.launchedAt.slice(0, 10))} · {c.progress.participants} taking part{c.goal ? ` of a goal of ${c.goal}` : ''}
                {' '}· {c.progress.actionsScheduled} {c.progress.actionsScheduled === 1 ? 'action' : 'actions'}
              </p>
            </li>
          ))}
        </ul>
      )}
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={20} label="Show more campaigns" />
    </section>
  );
}

const launchFields = ['title', 'summary', 'goal', 'slug'];

/** Launch a campaign: on success, its page opens. Nothing typed is lost when the API refuses. */
function LaunchForm() {
  const navigate = useNavigate();
  const saving = useSaving(launchFields);
  const [commit, inFlight] = useMutation<CampaignsListPageLaunchMutation>(graphql`
    mutation CampaignsListPageLaunchMutation($input: LaunchCampaignInput!) {
      launchCampaign(input: $input) {
        campaign { id slug title }
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
      variables: { input: { title: text('title'), summary: text('summary'), goal: goal ? Number(goal) : null, slug: text('slug') || null } },
      onCompleted: (r) => {
        const payload = r.launchCampaign;
        saving.done(payload.errors, 'The campaign is launched.');
        if (payload.errors.length === 0 && payload.campaign) navigate(`/organise/campaigns/${payload.campaign.slug}`);
      },
      onError: saving.failed,
    });
  };
  const e = saving.errors;
  return (
    <section className="console-section" aria-labelledby="launch-title">
      <h2 id="launch-title">Launch a campaign</h2>
      <p>A launched campaign is public at once on the campaigns page; members sign up for its actions once you schedule them.</p>
      <form className="form" noValidate onSubmit={submit} aria-describedby="launch-status">
        <div className="field" data-invalid={e.title ? 'true' : undefined}>
          <label htmlFor="title">Title</label>
          <input id="title" name="title" type="text" required {...describedBy('title', e)} />
          <FieldError name="title" errors={e} />
        </div>
        <div className="field" data-invalid={e.summary ? 'true' : undefined}>
          <label htmlFor="summary">What it is about</label>
          <textarea id="summary" name="summary" rows={4} required {...describedBy('summary', e)} />
          <FieldError name="summary" errors={e} />
        </div>
        <div className="field" data-invalid={e.goal ? 'true' : undefined}>
          <label htmlFor="goal">Goal: how many people taking part (optional)</label>
          <input id="goal" name="goal" type="number" min={1} inputMode="numeric" {...describedBy('goal', e)} />
          <FieldError name="goal" errors={e} />
        </div>
        <div className="field" data-invalid={e.slug ? 'true' : undefined}>
          <label htmlFor="slug">Web address (optional)</label>
          <span className="hint" id="slug-hint">Lower-case letters, digits and hyphens; made from the title when left empty. It cannot change later.</span>
          <input id="slug" name="slug" type="text" autoCapitalize="none" {...describedBy('slug', e, 'slug-hint')} />
          <FieldError name="slug" errors={e} />
        </div>
        <button type="submit" className="button" data-mutation="launchCampaign" disabled={inFlight}>{inFlight ? 'Launching…' : 'Launch the campaign'}</button>
        <SaveStatus id="launch-status" alert={saving.alert} saved={saving.saved} />
      </form>
    </section>
  );
}
