import { useState, type FormEvent } from 'react';
import { graphql, useRelayEnvironment } from 'react-relay/hooks';
import { fetchQuery } from 'relay-runtime';
import type { WalkInQuery } from '../../../__generated__/WalkInQuery.graphql';
import { describedBy, FieldError } from '../../../ui/Field';
import { requestFailed } from '../../../ui/userErrors';
import { useHasRole } from '../../../ui/console/AreaFrame';
import { plural } from './format';

export type CheckIn = { checkedIn: ReadonlySet<string>; pending: ReadonlySet<string>; onCheckIn: (memberId: string, name: string) => void };

type Candidate = { readonly memberId: string; readonly displayName: string; readonly branch: { readonly name: string } | null | undefined };

/** Someone who came without signing up: found by name (names and branches only; each search is recorded), then checked in. */
export function WalkIn({ actionId, ...checkIn }: { actionId: string } & CheckIn) {
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
    fetchQuery<WalkInQuery>(environment, graphql`
      query WalkInQuery($id: ID!, $search: String!) {
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

/** One person: their name, and a check-in button until they are checked in. */
export function Person({ memberId, name, branch, attended, withdrawn, cancelled, checkInOffered = true, checkedIn, pending, onCheckIn }: {
  memberId: string; name: string; branch?: string | null; attended: boolean; withdrawn?: boolean; cancelled: boolean;
  /** False for someone who may not check people in here (not one of the campaign's organisers): no button. */
  checkInOffered?: boolean;
} & CheckIn) {
  const done = attended || checkedIn.has(memberId);
  const busy = pending.has(memberId);
  return (
    <div className="person">
      <span className="person__name">{name}{branch ? <small>{branch}</small> : null}{withdrawn && !done ? <small>Withdrew</small> : null}</span>
      {done ? <span className="checked">Checked in</span> : cancelled || !checkInOffered ? null : (
        <button type="button" className="button" data-mutation="checkInAttendee" aria-label={`Check in ${name}`} aria-disabled={busy || undefined}
          onClick={() => onCheckIn(memberId, name)}>
          {busy ? 'Checking in…' : 'Check in'}
        </button>
      )}
    </div>
  );
}
