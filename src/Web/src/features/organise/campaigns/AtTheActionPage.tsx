import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { graphql, useLazyLoadQuery, useMutation, usePaginationFragment, useSubscription } from 'react-relay/hooks';
import { type GraphQLSubscriptionConfig } from 'relay-runtime';
import { Link, useParams } from 'react-router';
import type { AtTheActionPageQuery } from '../../../__generated__/AtTheActionPageQuery.graphql';
import type { AtTheActionPage_signUps$key } from '../../../__generated__/AtTheActionPage_signUps.graphql';
import type { AtTheActionPageCountsSubscription } from '../../../__generated__/AtTheActionPageCountsSubscription.graphql';
import type { AtTheActionPageCheckInMutation } from '../../../__generated__/AtTheActionPageCheckInMutation.graphql';
import { ShowMore } from '../../../ui/ShowMore';
import { requestFailed } from '../../../ui/userErrors';
import { plural, when } from './format';
import { Person, WalkIn, type CheckIn } from './WalkIn';
import { Outcome } from './ActionOutcome';

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
            campaign { slug title viewerOrganises organisers { displayName } }
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
  // Check-in, the walk-in search and the outcome are for admins and the campaign's organisers (the server refuses others).
  const organises = action.campaign.viewerOrganises;

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
      {organises ? null : <p className="notice" id="not-organiser">{notOrganiser(action.campaign.organisers.map((o) => o.displayName))}</p>}
      {checkInError ? <p className="alert" role="alert">{checkInError}</p> : null}
      <SignUpList action={action} attendances={action.attendanceCount} cancelled={cancelled} organises={organises} checkedIn={checkedIn} pending={pending} onCheckIn={checkIn} />
      {cancelled || !organises ? null : <WalkIn actionId={action.id} checkedIn={checkedIn} pending={pending} onCheckIn={checkIn} />}
      {cancelled || !organises ? null : <Outcome actionId={action.id} startsAt={action.startsAt} outcome={action.outcome} />}
    </>
  );
}

const names = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

/** Why someone who does not run the campaign has nothing to do here but watch the counts. */
function notOrganiser(organisers: ReadonlyArray<string>) {
  const who = organisers.length === 0 ? 'admins and the campaign’s organisers' : `the campaign’s organisers (${names.format(organisers)}) and admins`;
  return `Only ${who} check people in and record the outcome here. You can follow the counts as they change.`;
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


function SignUpList({ action, attendances, cancelled, organises, checkedIn, pending, onCheckIn }: { action: AtTheActionPage_signUps$key; attendances: number; cancelled: boolean; organises: boolean } & CheckIn) {
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
      <h2 id="list-title">{organises ? 'Signed up' : 'Signed up from your branch'} <span className="muted">({total})</span></h2>
      <div className="field">
        <label htmlFor="filter">Find a name on the list</label>
        {hasNext ? <span className="hint" id="filter-hint">Looks through the {entries.length} shown; show more to look through everyone.</span> : null}
        <input id="filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" aria-describedby={hasNext ? 'filter-hint' : undefined} aria-controls="signups" />
      </div>
      {entries.length === 0 ? <p className="muted">{organises ? 'Nobody has signed up yet. People who come anyway can be found below.' : 'Nobody you can see has signed up yet.'}</p> : null}
      {wanted && shown.length === 0 ? <p className="muted" role="status">Nobody on the list matches “{filter.trim()}”.</p> : null}
      <ul className="item-list" id="signups">
        {shown.map((e) => (
          <li key={e.memberId}>
            <Person memberId={e.memberId} name={e.displayName} attended={e.status === 'ATTENDED'} withdrawn={e.status === 'WITHDRAWN'}
              cancelled={cancelled} checkInOffered={organises} checkedIn={checkedIn} pending={pending} onCheckIn={onCheckIn} />
          </li>
        ))}
      </ul>
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={50} label="Show more people" />
    </section>
  );
}
