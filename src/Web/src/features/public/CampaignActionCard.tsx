import { useState } from 'react';
import { graphql, useFragment, useMutation, useRelayEnvironment } from 'react-relay/hooks';
import { fetchQuery, type Environment } from 'relay-runtime';
import type { CampaignActionCard_action$key, ActionKind } from '../../__generated__/CampaignActionCard_action.graphql';
import type { CampaignActionCardSignUpMutation } from '../../__generated__/CampaignActionCardSignUpMutation.graphql';
import type { CampaignActionCardWithdrawMutation } from '../../__generated__/CampaignActionCardWithdrawMutation.graphql';
import type { CampaignActionCardRefreshQuery } from '../../__generated__/CampaignActionCardRefreshQuery.graphql';
import { requestFailed } from '../../ui/userErrors';

const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** When, as people say it: "Sat 5 Dec, 06:00–08:00". */
const when = (starts: string, ends: string) =>
  `${day.format(new Date(starts)).replace(',', '')}, ${time.format(new Date(starts))}–${time.format(new Date(ends))}`;

const kinds: Record<ActionKind, string> = {
  CANVASS: 'Canvass', DEMONSTRATION: 'Demonstration', LEAFLETING: 'Leafleting', MEETING: 'Meeting',
  ONLINE: 'Online', OTHER: 'Action', PICKET: 'Picket', STALL: 'Stall', '%future added value': 'Action',
};

const placesLeft = (n: number | null | undefined) =>
  n === null || n === undefined ? 'Open to everyone' : n === 0 ? 'Full: no places left' : `${n} ${n === 1 ? 'place' : 'places'} left`;

/**
 * Fetches these actions again by id (places left, status, my sign-up, and their campaign's figures): the store, and so
 * every card and figure showing them, updates.
 */
export function refreshActions(environment: Environment, ids: ReadonlyArray<string>): void {
  fetchQuery<CampaignActionCardRefreshQuery>(environment, graphql`
    query CampaignActionCardRefreshQuery($ids: [ID!]!) {
      nodes(ids: $ids) { ... on CampaignAction { id placesLeft status mySignUp campaign { id progress { ...CampaignProgress_progress } } } }
    }
  `, { ids: ids.slice(0, 100) }, { fetchPolicy: 'network-only' }).subscribe({});
}

type Refusal = { readonly code: string; readonly message: string };

/** Words a member understands for why signing up or withdrawing did not happen. */
function refusal(errors: ReadonlyArray<Refusal>): string {
  const e = errors[0];
  if (!e) return 'Something went wrong on our side. Please try again in a moment.';
  if (e.code === 'FULL') return 'This action is full: all its places are taken.';
  if (e.code === 'NOT_FOUND') return 'This action no longer exists.';
  if (e.code === 'CONFLICT') return 'Many people are signing up at once. Please try again.';
  if (/cancelled/i.test(e.message)) return 'This action has been cancelled.';
  if (/started|over/i.test(e.message)) return 'This action has already started, so sign-ups are closed.';
  if (/good standing/i.test(e.message)) return 'Only active members can sign up: your membership is not active just now. Please contact your branch.';
  if (/not signed up/i.test(e.message)) return 'You are not signed up for this action.';
  return e.message;
}

/** A failed request: an account without a membership, or the network. */
function failed(error: Error): string {
  if (/Only members sign up|FORBIDDEN/i.test(error.message)) return 'Only members can sign up for actions: this account has no membership.';
  return requestFailed(error);
}

/** One upcoming action: what, when, where, places left, and for a signed-in member, sign up or withdraw. */
export function CampaignActionCard({ action, signedIn }: { action: CampaignActionCard_action$key; signedIn: boolean }) {
  const a = useFragment(
    graphql`
      fragment CampaignActionCard_action on CampaignAction {
        id title kind startsAt endsAt location placesLeft status mySignUp
      }
    `,
    action,
  );
  const [signUp, signingUp] = useMutation<CampaignActionCardSignUpMutation>(graphql`
    mutation CampaignActionCardSignUpMutation($input: SignUpForActionInput!) {
      signUpForAction(input: $input) {
        action { ...CampaignActionCard_action campaign { id progress { ...CampaignProgress_progress } } }
        errors { code message }
      }
    }
  `);
  const [withdraw, withdrawing] = useMutation<CampaignActionCardWithdrawMutation>(graphql`
    mutation CampaignActionCardWithdrawMutation($input: WithdrawFromActionInput!) {
      withdrawFromAction(input: $input) {
        action { ...CampaignActionCard_action campaign { id progress { ...CampaignProgress_progress } } }
        errors { code message }
      }
    }
  `);
  const environment = useRelayEnvironment();
  const [error, setError] = useState<string | null>(null);
  const titleId = `action-${a.id}`;
  const errorId = `${titleId}-error`;
  const cancelled = a.status === 'CANCELLED';
  const signedUp = a.mySignUp === 'SIGNED_UP';
  const full = a.placesLeft === 0;
  const variables = { input: { actionId: a.id } };
  // refused (full, cancelled, started since the page was loaded): say why, and show the action as it is now
  const done = (payload: { readonly errors: ReadonlyArray<Refusal> }) => {
    setError(payload.errors.length ? refusal(payload.errors) : null);
    if (payload.errors.length) refreshActions(environment, [a.id]);
  };

  // One button that turns from "Sign up" to "Withdraw" and back, so keyboard focus stays on it; while a request is
  // in flight it is aria-disabled (a disabled button would lose the focus) and ignores clicks.
  const busy = signingUp || withdrawing;
  const act = () => {
    if (busy) return;
    if (signedUp) withdraw({ variables, onCompleted: (r) => done(r.withdrawFromAction), onError: (e) => setError(failed(e)) });
    else signUp({ variables, onCompleted: (r) => done(r.signUpForAction), onError: (e) => setError(failed(e)) });
  };
  const part = signedIn && !cancelled && (signedUp || !full) ? (
    <p className="action-part">
      <span role="status" className="signed-up">{signedUp ? 'You are signed up.' : ''}</span>{' '}
      <button type="button" className={signedUp ? 'button button--light' : 'button'} aria-disabled={busy || undefined} aria-describedby={titleId} onClick={act}>
        {signingUp ? 'Signing up…' : withdrawing ? 'Withdrawing…' : signedUp ? 'Withdraw' : 'Sign up'}
      </button>
    </p>
  ) : null;

  return (
    <article className="card action-card" aria-describedby={error ? errorId : undefined}>
      <h3 id={titleId}>{a.title}</h3>
      <p className="meta">
        {kinds[a.kind] ?? 'Action'} · <time dateTime={a.startsAt}>{when(a.startsAt, a.endsAt)}</time> · {a.location}
      </p>
      <p className={full || cancelled ? 'places places--none' : 'places'}>{cancelled ? 'Cancelled' : placesLeft(a.placesLeft)}</p>
      {part}
      {error ? <p className="field-error" id={errorId} role="alert">{error}</p> : null}
    </article>
  );
}
