import { useId, useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import type { VoteFormCastMutation } from '../../__generated__/VoteFormCastMutation.graphql';
import type { BallotData } from './BallotPage';
import { useOutcome } from './outcome';
import { described, FieldBox, OutcomeLine } from './Parts';
import { choiceWords, optionLabel } from './words';

/**
 * Voting on an open ballot: for oneself, or for a member whose proxy one holds; a secret ballot's receipt goes to
 * the page (shown once); where changes are allowed, "change my vote" (with the receipt, for a secret ballot).
 */
export function VoteForm({ ballot: b, onReceipt }: { ballot: BallotData; onReceipt: (code: string, forWhom: string | null) => void }) {
  const self = b.viewerMayVote && !b.viewerHasVoted;
  const proxies = b.viewerMayVoteFor;
  // having voted, one was in the electorate, whatever viewerMayVote says now
  const canChange = b.viewerHasVoted && b.allowChanges;
  // what the last vote cast here did: kept above the forms, which change or go once the vote is in
  const [cast, setCast] = useState<string | null>(null);
  return (
    <>
      <p className="saved" id="vote-status" role="status" hidden={!cast}>{cast}</p>
      {b.viewerHasVoted ? (
        <p className="notice" id="voted">You have voted: your vote is in the ballot box and counts.{b.allowChanges ? ' You may change it until the ballot closes.' : ''}</p>
      ) : null}
      {!b.viewerMayVote && !b.viewerHasVoted && proxies.length === 0 ? (
        <p className="notice" id="not-voter">You are not among those who may vote in this ballot: they are the members in good standing of the meeting’s scope when it opened{b.maxMonthsInArrears != null ? `, no more than ${b.maxMonthsInArrears} ${b.maxMonthsInArrears === 1 ? 'month' : 'months'} in arrears` : ''}. You can follow the turnout here and read the result when it closes.</p>
      ) : null}
      {self || proxies.length > 0 ? <Cast ballot={b} self={self} onReceipt={onReceipt} onCast={setCast} /> : null}
      {canChange ? <Cast ballot={b} self change onReceipt={onReceipt} onCast={setCast} /> : null}
    </>
  );
}

function Cast({ ballot: b, self, change = false, onReceipt, onCast }: {
  ballot: BallotData; self: boolean; change?: boolean; onReceipt: (code: string, forWhom: string | null) => void; onCast: (words: string) => void;
}) {
  const prefix = useId();
  const outcome = useOutcome(['choice', 'receipt', 'onBehalfOf', 'replacingReceipt']);
  const [ranking, setRanking] = useState<string[]>([]);
  const [commit, inFlight] = useMutation<VoteFormCastMutation>(graphql`
    mutation VoteFormCastMutation($input: CastVoteInput!) {
      castVote(input: $input) { receipt ballot { id ...BallotPage_ballot } errors { code message field } }
    }
  `);
  const proxies = change ? [] : b.viewerMayVoteFor;
  const title = change ? 'Change my vote' : proxies.length > 0 ? 'Cast a vote' : 'Cast your vote';
  const headingId = `${prefix}-title`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const whom = String(data.get('whom') ?? (self ? 'self' : ''));
    const choice = b.kind === 'STV' ? ranking : [String(data.get('choice') ?? '')].filter(Boolean);
    const receipt = String(data.get('receipt') ?? '').trim();
    const errors: Record<string, string> = {};
    if (!whom) errors.onBehalfOf = 'Choose whose vote you are casting.';
    if (choice.length === 0) errors.choice = b.kind === 'STV' ? 'Rank at least one candidate: give your first choice the number 1.' : 'Choose one.';
    if (change && b.secrecy === 'SECRET' && !receipt) errors.replacingReceipt = 'Type the receipt you were given when you voted.';
    if (Object.keys(errors).length > 0) { outcome.invalid(errors); return; }
    const forWhom = whom === 'self' ? null : proxies.find((p) => p.memberId === whom)?.displayName ?? null;
    commit({
      variables: { input: { ballotId: b.id, choice, onBehalfOf: whom === 'self' ? null : whom, replacingReceipt: change && b.secrecy === 'SECRET' ? receipt : null } },
      onCompleted: (r) => {
        const words = choiceWords(b.kind, choice);
        if (!outcome.done(r.castVote.errors, '')) return;
        onCast(b.secrecy === 'SECRET'
          ? `${change ? 'Your vote is changed' : forWhom ? `${forWhom}’s vote is cast` : 'Your vote is cast'}: ${words}. Keep the receipt shown above.`
          : `${change ? 'Your vote is changed' : forWhom ? `${forWhom}’s vote is recorded` : 'Your vote is recorded'}: ${words}. It is published with ${forWhom ? 'their' : 'your'} name when the ballot closes.`);
        form.reset();
        setRanking([]);
        if (r.castVote.receipt) onReceipt(r.castVote.receipt, forWhom);
      },
      onError: outcome.failed,
    });
  };
  const f = outcome.fields;
  return (
    <section className="console-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <form className="form" noValidate onSubmit={submit} aria-labelledby={headingId}>
        {proxies.length > 0 ? (
          <fieldset className="field" data-invalid={f.onBehalfOf ? 'true' : undefined} {...described(`${prefix}-whom`, f.onBehalfOf)}>
            <legend>Whose vote</legend>
            {self ? <Choice id={`${prefix}-whom-self`} name="whom" value="self" label="My own" /> : null}
            {proxies.map((p, i) => <Choice key={p.memberId} id={`${prefix}-whom-${i}`} name="whom" value={p.memberId} label={`${p.displayName}’s (you hold their proxy)`} />)}
            {f.onBehalfOf ? <p className="field-error" id={`${prefix}-whom-error`}>{f.onBehalfOf}</p> : null}
          </fieldset>
        ) : null}
        {b.kind === 'STV'
          ? <Ranking prefix={prefix} candidates={b.options} seats={b.seats} ranking={ranking} onChange={setRanking} error={f.choice} />
          : (
            <fieldset className="field" data-invalid={f.choice ? 'true' : undefined} {...described(`${prefix}-choice`, f.choice)}>
              <legend>{change ? 'My new vote' : 'My vote'}</legend>
              {b.options.map((o, i) => <Choice key={o} id={`${prefix}-choice-${i}`} name="choice" value={o} label={optionLabel(b.kind, o)} />)}
              {f.choice ? <p className="field-error" id={`${prefix}-choice-error`}>{f.choice}</p> : null}
            </fieldset>
          )}
        {change && b.secrecy === 'SECRET' ? (
          <FieldBox id={`${prefix}-receipt`} label="My receipt" error={f.replacingReceipt ?? f.receipt} hint="The code you were given when you voted: it finds your ballot without your name.">
            <input id={`${prefix}-receipt`} name="receipt" type="text" autoComplete="off" spellCheck={false} autoCapitalize="characters" {...described(`${prefix}-receipt`, f.replacingReceipt ?? f.receipt, true)} />
          </FieldBox>
        ) : null}
        <button type="submit" className="button" data-mutation="castVote" disabled={inFlight}>
          {inFlight ? 'Sending…' : change ? 'Change my vote' : 'Cast the vote'}
        </button>
        <OutcomeLine id={`${prefix}-status`} outcome={outcome} />
      </form>
    </section>
  );
}

function Choice({ id, name, value, label }: { id: string; name: string; value: string; label: string }) {
  return (
    <div className="choice">
      <input type="radio" id={id} name={name} value={value} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/**
 * An STV ranking without drag and drop: a number per candidate (1 for the first choice, and so on; "Not ranked"
 * leaves them out). Giving a candidate a number moves them to that place and the others along, so no two share a
 * number and there are no gaps. The ranking is read back in words in a polite live region.
 */
function Ranking({ prefix, candidates, seats, ranking, onChange, error }: {
  prefix: string; candidates: ReadonlyArray<string>; seats: number; ranking: string[]; onChange: (r: string[]) => void; error?: string;
}) {
  const place = (candidate: string, value: string) => {
    const without = ranking.filter((c) => c !== candidate);
    if (value === '') { onChange(without); return; }
    const at = Math.min(Number(value) - 1, without.length);
    onChange([...without.slice(0, at), candidate, ...without.slice(at)]);
  };
  const unranked = candidates.filter((c) => !ranking.includes(c));
  return (
    <fieldset className="field ranking" data-invalid={error ? 'true' : undefined} {...described(`${prefix}-choice`, error, true)}>
      <legend>My ranking</legend>
      <span className="hint" id={`${prefix}-choice-hint`}>
        Give your first choice 1, your second 2, and so on, as far as you wish ({seats} {seats === 1 ? 'seat' : 'seats'} to fill). Your later choices never count against your earlier ones.
      </span>
      <ul className="ranking__list">
        {candidates.map((c, i) => {
          const rank = ranking.indexOf(c);
          const most = rank >= 0 ? ranking.length : ranking.length + 1;
          return (
            <li key={c} className="ranking__row">
              <label htmlFor={`${prefix}-rank-${i}`}>{c}</label>
              <select id={`${prefix}-rank-${i}`} value={rank >= 0 ? String(rank + 1) : ''} onChange={(e) => place(c, e.target.value)} aria-label={`Rank for ${c}`}>
                <option value="">Not ranked</option>
                {Array.from({ length: most }, (_, n) => <option key={n} value={String(n + 1)}>{n + 1}</option>)}
              </select>
            </li>
          );
        })}
      </ul>
      <p className="ranking__words" id={`${prefix}-ranking-words`} aria-live="polite">
        {ranking.length === 0 ? 'Nobody ranked yet.' : `Your ranking: ${choiceWords('STV', ranking)}.`}
        {ranking.length > 0 && unranked.length > 0 ? ` Not ranked: ${unranked.join(', ')}.` : ''}
      </p>
      {ranking.length > 0 ? <button type="button" className="button button--light button--small" onClick={() => onChange([])}>Clear my ranking</button> : null}
      {error ? <p className="field-error" id={`${prefix}-choice-error`}>{error}</p> : null}
    </fieldset>
  );
}
