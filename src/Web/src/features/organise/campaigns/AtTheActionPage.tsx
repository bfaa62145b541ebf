import { startTransition, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation, usePaginationFragment, useRelayEnvironment, useSubscription } from 'react-relay/hooks';
import { fetchQuery, type GraphQLSubscriptionConfig } from 'relay-runtime';
import { Link, useParams } from 'react-router';
import type { AtTheActionPageQuery } from '../../../__generated__/AtTheActionPageQuery.graphql';
import type { AtTheActionPage_signUps$key } from '../../../__generated__/AtTheActionPage_signUps.graphql';
import type { AtTheActionPageCountsSubscription } from '../../../__generated__/AtTheActionPageCountsSubscription.graphql';
import type { AtTheActionPageCheckInMutation } from '../../../__generated__/AtTheActionPageCheckInMutation.graphql';
import type { AtTheActionPageWalkInQuery } from '../../../__generated__/AtTheActionPageWalkInQuery.graphql';
import type { AtTheActionPageOutcomeMutation } from '../../../__generated__/AtTheActionPageOutcomeMutation.graphql';
import { describedBy, FieldError } from '../../../ui/Field';
import { ShowMore } from '../../../ui/ShowMore';
import { requestFailed } from '../../../ui/userErrors';
import { SaveStatus } from '../../member/SaveStatus';
import { useSaving } from '../../member/saving';
import { useHasRole } from '../../../ui/console/AreaFrame';
import { plural, when } from './format';

/**
 * /organise/actions/:id, the at-the-action screen (a phone at a picket): the counts, moved live for every organiser
 * watching (actionCounts); the people signed up, filtered by name, each checked in with one tap; a walk-in found by
 * name and checked in; then the outcome with its figures.
 */
export function AtTheActionPage() {
  const { id = '' } = useParams();
  const { node } = useLazyLoadQuery<AtTheActionPageQuery>(
    graphql`
      query AtTheActionPageQuery($id: ID!) {
        node(id: $id) {
          ... on CampaignAction @alias(as: "action") {
            id title startsAt endsAt location status cancelReason capacity signUpCount attendanceCount placesLeft
            campaign { slug title }
            outcome { summary counts { name value } recordedAt }
            ...AtTheActionPage_signUps
          }
        }
      }
    `,
    { id },
    { fetchPolicy: 'store-and-network' },
  );
  const [checkedIn, setCheckedIn] = useState<ReadonlySet<string>>(new Set());
  const [checkInError, setCheckInError] = useState<string | null>(null);
  const [commit] = useMutation<AtTheActionPageCheckInMutation>(graphql`
    mutation AtTheActionPageCheckInMutation($input: CheckInAttendeeInput!) {
      checkInAttendee(input: $input) {
        action { id attendanceCount signUpCount placesLeft }
        errors { code message field }
      }
    }
  `);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const action = node?.action;
  if (!action) {
    return (
      <>
        <title>Not found · Organise · Workers Power</title>
        <h1>There is no action here</h1>
        <p><Link to="/organise/campaigns">See the campaigns</Link>.</p>
      </>
    );
  }
  const cancelled = action.status === 'CANCELLED';

  /** One tap: the person is checked in, the count moves (here through the answer, elsewhere through actionCounts). */
  const checkIn = (memberId: string, name: string) => {
    if (pending.has(memberId)) return;
    setPending((p) => new Set(p).add(memberId));
    setCheckInError(null);
    const settle = () => setPending((p) => { const n = new Set(p); n.delete(memberId); return n; });
    commit({
      variables: { input: { actionId: action.id, memberId } },
      onCompleted: (r) => {
        settle();
        const errors = r.checkInAttendee.errors;
        if (errors.length === 0) setCheckedIn((c) => new Set(c).add(memberId));
        else setCheckInError(`${name} was not checked in: ${errors[0]!.message}`);
      },
      onError: (e) => {
        settle();
        setCheckInError(/FORBIDDEN|Only admins/i.test(e.message)
          ? 'Only admins and the campaign’s organisers (who launched it or scheduled its actions) check people in.'
          : `${name} was not checked in. ${requestFailed(e)}`);
      },
    });
  };

  return (
    <>
      <title>{`${action.title} · At the action · Organise · Workers Power`}</title>
      <p><Link to={`/organise/campaigns/${action.campaign.slug}`}>{action.campaign.title}</Link></p>
      <h1>{action.title}</h1>
      <p className="muted"><time dateTime={action.startsAt}>{when(action.startsAt, action.endsAt)}</time> · {action.location}</p>
      {cancelled ? <p className="alert" role="alert">This action is cancelled{action.cancelReason ? `: ${action.cancelReason}` : '.'} Nobody can be checked in.</p> : null}
      <LiveCounts actionId={action.id} attendances={action.attendanceCount} signUps={action.signUpCount} placesLeft={action.placesLeft} />
      {checkInError ? <p className="alert" role="alert">{checkInError}</p> : null}
      <SignUpList action={action} attendances={action.attendanceCount} cancelled={cancelled} checkedIn={checkedIn} pending={pending} onCheckIn={checkIn} />
      {cancelled ? null : <WalkIn actionId={action.id} checkedIn={checkedIn} pending={pending} onCheckIn={checkIn} />}
      {cancelled ? null : <Outcome actionId={action.id} startsAt={action.startsAt} outcome={action.outcome} />}
    </>
  );
}

/** The counts in a polite live region, kept current by the actionCounts subscription (no reload). */
function LiveCounts({ actionId, attendances, signUps, placesLeft }: { actionId: string; attendances: number; signUps: number; placesLeft: number | null | undefined }) {
  const config = useMemo<GraphQLSubscriptionConfig<AtTheActionPageCountsSubscription>>(() => ({
    subscription: graphql`
      subscription AtTheActionPageCountsSubscription($actionId: ID!) {
        actionCounts(actionId: $actionId) { signUps attendances placesLeft status }
      }
    `,
    variables: { actionId },
    updater: (store) => {
      const counts = store.getRootField('actionCounts');
      const record = store.get(actionId);
      if (!counts || !record) return;
      record.setValue(counts.getValue('signUps'), 'signUpCount');
      record.setValue(counts.getValue('attendances'), 'attendanceCount');
      record.setValue(counts.getValue('placesLeft'), 'placesLeft');
      record.setValue(counts.getValue('status'), 'status');
    },
    onError: () => undefined,
  }), [actionId]);
  useSubscription(config);
  return (
    <p className="count-line" role="status" aria-live="polite" aria-atomic="true" id="counts">
      {attendances} checked in · {plural(signUps, 'signed up', 'signed up')}{placesLeft != null ? ` · ${plural(placesLeft, 'place', 'places')} left` : ''}
    </p>
  );
}

type CheckIn = { checkedIn: ReadonlySet<string>; pending: ReadonlySet<string>; onCheckIn: (memberId: string, name: string) => void };

function SignUpList({ action, attendances, cancelled, checkedIn, pending, onCheckIn }: { action: AtTheActionPage_signUps$key; attendances: number; cancelled: boolean } & CheckIn) {
  const { data, loadNext, hasNext, isLoadingNext, refetch } = usePaginationFragment(
    graphql`
      fragment AtTheActionPage_signUps on CampaignAction
        @refetchable(queryName: "AtTheActionPageSignUpsPaginationQuery")
        @argumentDefinitions(count: { type: "Int", defaultValue: 50 }, cursor: { type: "String" }) {
        signUps(first: $count, after: $cursor) @connection(key: "AtTheActionPage_signUps") {
          totalCount
          edges { node { memberId displayName status } }
        }
      }
    `,
    action,
  );
  const [filter, setFilter] = useState('');
  const entries = (data.signUps?.edges ?? []).map((e) => e.node);
  // Someone checked in elsewhere (another organiser's phone): the list shown is read again, so they show as checked in
  // here too; at most every 3 seconds, however busy the gate, and without hiding the list meanwhile.
  const seen = useRef(attendances);
  const latest = useRef(attendances);
  latest.current = attendances;
  const loaded = useRef(entries.length);
  loaded.current = entries.length;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (attendances === seen.current || timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      seen.current = latest.current;
      startTransition(() => { refetch({ count: Math.max(50, loaded.current) }, { fetchPolicy: 'network-only' }); });
    }, 3000);
  }, [attendances, refetch]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const wanted = filter.trim().toLowerCase();
  const shown = wanted ? entries.filter((e) => e.displayName.toLowerCase().includes(wanted)) : entries;
  const total = data.signUps?.totalCount ?? 0;
  return (
    <section className="console-section" aria-labelledby="list-title">
      <h2 id="list-title">Signed up <span className="muted">({total})</span></h2>
      <div className="field">
        <label htmlFor="filter">Find a name on the list</label>
        {hasNext ? <span className="hint" id="filter-hint">Looks through the {entries.length} shown; show more to look through everyone.</span> : null}
        <input id="filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" aria-describedby={hasNext ? 'filter-hint' : undefined} aria-controls="signups" />
      </div>
      {entries.length === 0 ? <p className="muted">Nobody has signed up yet. People who come anyway can be found below.</p> : null}
      {wanted && shown.length === 0 ? <p className="muted" role="status">Nobody on the list matches “{filter.trim()}”.</p> : null}
      <ul className="item-list" id="signups">
        {shown.map((e) => (
          <li key={e.memberId}>
            <Person memberId={e.memberId} name={e.displayName} attended={e.status === 'ATTENDED'} withdrawn={e.status === 'WITHDRAWN'}
              cancelled={cancelled} checkedIn={checkedIn} pending={pending} onCheckIn={onCheckIn} />
          </li>
        ))}
      </ul>
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={50} label="Show more people" />
    </section>
  );
}

/** One person: their name, and a check-in button until they are checked in. */
function Person({ memberId, name, branch, attended, withdrawn, cancelled, checkedIn, pending, onCheckIn }: {
  memberId: string; name: string; branch?: string | null; attended: boolean; withdrawn?: boolean; cancelled: boolean;
} & CheckIn) {
  const done = attended || checkedIn.has(memberId);
  const busy = pending.has(memberId);
  return (
    <div className="person">
      <span className="person__name">{name}{branch ? <small>{branch}</small> : null}{withdrawn && !done ? <small>Withdrew</small> : null}</span>
      {done ? <span className="checked">Checked in</span> : cancelled ? null : (
        <button type="button" className="button" data-mutation="checkInAttendee" aria-label={`Check in ${name}`} aria-disabled={busy || undefined}
          onClick={() => onCheckIn(memberId, name)}>
          {busy ? 'Checking in…' : 'Check in'}
        </button>
      )}
    </div>
  );
}

type Candidate = { readonly memberId: string; readonly displayName: string; readonly branch: { readonly name: string } | null | undefined };

/** Someone who came without signing up: found by name (names and branches only; each search is recorded), then checked in. */
function WalkIn({ actionId, ...checkIn }: { actionId: string } & CheckIn) {
  const environment = useRelayEnvironment();
  const admin = useHasRole('ADMIN');
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<ReadonlyArray<Candidate> | null>(null);
  const [searching, setSearching] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const search = String(new FormData(event.currentTarget).get('walkin') ?? '').trim();
    if (search.length < 2) { setError('Type at least 2 letters of the name.'); setFound(null); return; }
    setError(null);
    setSearching(true);
    fetchQuery<AtTheActionPageWalkInQuery>(environment, graphql`
      query AtTheActionPageWalkInQuery($id: ID!, $search: String!) {
        node(id: $id) { ... on CampaignAction { walkInCandidates(search: $search, first: 10) { memberId displayName branch { name } } } }
      }
    `, { id: actionId, search }, { fetchPolicy: 'network-only' }).subscribe({
      next: (data) => {
        setSearching(false);
        const list = data.node?.walkInCandidates;
        if (list == null) { setFound(null); setError('Only admins and the campaign’s organisers (who launched it or scheduled its actions) look for walk-ins.'); return; }
        setFound(list);
      },
      error: (e: Error) => { setSearching(false); setFound(null); setError(requestFailed(e)); },
    });
  };
  return (
    <section className="console-section" aria-labelledby="walkin-title">
      <h2 id="walkin-title">Someone who did not sign up</h2>
      <form className="form" noValidate onSubmit={submit} role="search" aria-label="Find a member by name">
        <div className="field" data-invalid={error ? 'true' : undefined}>
          <label htmlFor="walkin">Their name</label>
          <span className="hint" id="walkin-hint">{admin ? 'Any member.' : 'Members of your branch, and anyone taking part in this campaign.'} Only names and branches are shown; each search is recorded.</span>
          <input id="walkin" name="walkin" type="search" autoComplete="off" {...describedBy('walkin', error ? { walkin: error } : {}, 'walkin-hint')} />
          <FieldError name="walkin" errors={error ? { walkin: error } : {}} />
        </div>
        <button type="submit" className="button button--light" disabled={searching}>{searching ? 'Looking…' : 'Find'}</button>
      </form>
      <div role="status">
        {found === null ? null : found.length === 0 ? <p className="muted">No member found by that name.</p> : <p className="muted">{plural(found.length, 'member', 'members')} found.</p>}
      </div>
      {found && found.length > 0 ? (
        <ul className="item-list" aria-label="Members found">
          {found.map((c) => (
            <li key={c.memberId}>
              <Person memberId={c.memberId} name={c.displayName} branch={c.branch?.name} attended={false} cancelled={false} {...checkIn} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

type OutcomeView = { readonly summary: string; readonly counts: ReadonlyArray<{ readonly name: string; readonly value: number }>; readonly recordedAt: string } | null | undefined;

/** The outcome, once the action has started: a report in words and up to 20 figures; recording again replaces it. */
function Outcome({ actionId, startsAt, outcome }: { actionId: string; startsAt: string; outcome: OutcomeView }) {
  const [started, setStarted] = useState(() => Date.parse(startsAt) <= Date.now());
  useEffect(() => {
    if (started) return undefined;
    const timer = setTimeout(() => setStarted(true), Math.min(Math.max(Date.parse(startsAt) - Date.now(), 0) + 500, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [started, startsAt]);
  return (
    <section className="console-section" aria-labelledby="outcome-title">
      <h2 id="outcome-title">Outcome</h2>
      {outcome ? (
        <div id="outcome-recorded">
          <p>{outcome.summary}</p>
          {outcome.counts.length > 0 ? (
            <dl className="facts">
              {outcome.counts.map((c) => <div key={c.name}><dt>{c.name}</dt><dd>{c.value}</dd></div>)}
            </dl>
          ) : null}
        </div>
      ) : <p className="muted">Once the action is under way, say how it went: it goes in the campaign’s record.</p>}
      {started ? <OutcomeForm actionId={actionId} outcome={outcome} /> : <p>You can record the outcome once the action has started.</p>}
    </section>
  );
}

function OutcomeForm({ actionId, outcome }: { actionId: string; outcome: OutcomeView }) {
  const [rows, setRows] = useState(() => Math.max(2, outcome?.counts.length ?? 0));
  const saving = useSaving(['outcomeSummary', 'outcomeCounts'], { summary: 'outcomeSummary', counts: 'outcomeCounts' });
  const [commit, inFlight] = useMutation<AtTheActionPageOutcomeMutation>(graphql`
    mutation AtTheActionPageOutcomeMutation($input: RecordActionOutcomeInput!) {
      recordActionOutcome(input: $input) {
        action { id outcome { summary counts { name value } recordedAt } }
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const counts = Array.from({ length: rows }, (_, i) => ({
      name: String(form.get(`countName${i}`) ?? '').trim(),
      value: String(form.get(`countValue${i}`) ?? '').trim(),
    })).filter((c) => c.name || c.value);
    if (counts.some((c) => !c.name || !/^\d+$/.test(c.value))) {
      saving.done([{ code: 'VALIDATION', message: 'Each figure needs what was counted and a whole number.', field: ['counts'] }], '');
      return;
    }
    saving.starting();
    commit({
      variables: { input: { actionId, summary: String(form.get('outcomeSummary') ?? '').trim(), counts: counts.map((c) => ({ name: c.name, value: Number(c.value) })) } },
      onCompleted: (r) => saving.done(r.recordActionOutcome.errors, 'The outcome is recorded.'),
      onError: saving.failed,
    });
  };
  const e = saving.errors;
  return (
      <form className="form" noValidate onSubmit={submit} aria-describedby="outcome-status">
        <div className="field" data-invalid={e.outcomeSummary ? 'true' : undefined}>
          <label htmlFor="outcomeSummary">How it went</label>
          <textarea id="outcomeSummary" name="outcomeSummary" rows={4} required defaultValue={outcome?.summary ?? ''} {...describedBy('outcomeSummary', e)} />
          <FieldError name="outcomeSummary" errors={e} />
        </div>
        <fieldset className="field" {...describedBy('outcomeCounts', e)}>
          <legend>Figures (optional), such as papers sold or signatures</legend>
          {Array.from({ length: rows }, (_, i) => (
            <div className="counts-row" key={i}>
              <div className="field">
                <label htmlFor={`countName${i}`}>What was counted</label>
                <input id={`countName${i}`} name={`countName${i}`} type="text" defaultValue={outcome?.counts[i]?.name ?? ''} />
              </div>
              <div className="field">
                <label htmlFor={`countValue${i}`}>How many</label>
                <input id={`countValue${i}`} name={`countValue${i}`} type="text" inputMode="numeric" defaultValue={outcome?.counts[i]?.value ?? ''} />
              </div>
            </div>
          ))}
          {rows < 20 ? <button type="button" className="button button--small button--quiet" onClick={() => setRows(rows + 1)}>Add a figure</button> : null}
          <FieldError name="outcomeCounts" errors={e} />
        </fieldset>
        <button type="submit" className="button" data-mutation="recordActionOutcome" disabled={inFlight}>{inFlight ? 'Recording…' : 'Record the outcome'}</button>
        <SaveStatus id="outcome-status" alert={saving.alert} saved={saving.saved} />
      </form>
  );
}
