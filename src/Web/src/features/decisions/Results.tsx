import { useState, type FormEvent } from 'react';
import type { BallotData } from './BallotPage';
import { TurnoutLine } from './LiveTurnout';
import { choiceWords, listWords, optionLabel, receiptKey } from './words';

type Result = NonNullable<BallotData['result']>;

const PAGE = 50;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/**
 * A closed ballot's result: counts (or the STV rounds), carried or elected, quorate; then its verification: a voter
 * finds their receipt in the published list (here, in the browser: the list is public to the scope, so nothing is
 * asked of the server), and the whole list of ballots by receipt, or of recorded votes by name, to recount.
 */
export function Results({ ballot: b, result: r }: { ballot: BallotData; result: Result }) {
  return (
    <>
      <section className="console-section" aria-labelledby="result-title">
        <h2 id="result-title">Result</h2>
        <p className="result-line" id="result-line">{verdict(b, r)}</p>
        <TurnoutLine figures={{ turnout: r.turnout, electorateSize: r.electorateSize, quorum: b.quorum, status: 'CLOSED' }} reached={r.quorate} />
        {b.kind !== 'STV' ? (
          <div className="table-scroll">
            <table className="data-table counts-table">
              <caption>Votes by option</caption>
              <thead><tr><th scope="col">Option</th><th scope="col" className="number">Votes</th></tr></thead>
              <tbody>
                {r.counts.map((c) => <tr key={c.option}><th scope="row">{optionLabel(b.kind, c.option)}</th><td className="number">{c.votes}</td></tr>)}
              </tbody>
            </table>
          </div>
        ) : <Rounds ballot={b} result={r} />}
      </section>
      <section className="console-section" aria-labelledby="verify-title">
        <h2 id="verify-title">Check the count</h2>
        {b.secrecy === 'SECRET' ? <FindReceipt ballot={b} result={r} /> : null}
        {b.secrecy === 'SECRET' ? <Published ballot={b} result={r} /> : <Recorded ballot={b} result={r} />}
      </section>
    </>
  );
}

function verdict(b: BallotData, r: Result): string {
  if (!r.quorate) return 'Not quorate: too few voted for the result to stand.';
  if (b.kind === 'MOTION') return r.carried ? 'Carried.' : 'Not carried: it fell.';
  if (r.elected.length === 0) return b.kind === 'CHOICE' ? 'No option won: the first place is tied.' : 'Nobody was elected.';
  return b.kind === 'STV' ? `Elected: ${listWords(r.elected)}.` : `Chosen: ${listWords(r.elected)}.`;
}

/** The STV count round by round: each candidate's votes, who was elected or excluded, and why. */
function Rounds({ ballot: b, result: r }: { ballot: BallotData; result: Result }) {
  const candidates = b.options;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="rounds-caption">
      <table className="data-table rounds-table">
        <caption id="rounds-caption">The count, round by round</caption>
        <thead>
          <tr>
            <th scope="col">Round</th>
            {candidates.map((c) => <th key={c} scope="col" className="number">{c}</th>)}
            <th scope="col">Elected</th>
            <th scope="col">Excluded</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {r.rounds.map((round) => {
            const tally = new Map(round.tallies.map((t) => [t.candidate, t.votes]));
            return (
              <tr key={round.number}>
                <th scope="row">{round.number}</th>
                {candidates.map((c) => <td key={c} className="number">{tally.has(c) ? fmt(tally.get(c)!) : '–'}</td>)}
                <td>{round.elected.join(', ')}</td>
                <td>{round.excluded.join(', ')}</td>
                <td>{round.note}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** "Find my receipt": looks it up in the published list, in the browser, and says what that ballot recorded. */
function FindReceipt({ ballot: b, result: r }: { ballot: BallotData; result: Result }) {
  const [answer, setAnswer] = useState<{ found: boolean; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const find = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget).get('receipt') ?? '').trim();
    if (!typed) { setAnswer(null); setError('Type the receipt you were given when you voted.'); return; }
    setError(null);
    const key = receiptKey(typed);
    const found = r.ballots.find((x) => x.receipt === typed) ?? r.ballots.find((x) => receiptKey(x.receipt) === key);
    setAnswer(found
      ? { found: true, text: `Found: the ballot with receipt ${found.receipt} is counted, and it recorded ${choiceWords(b.kind, found.choice)}.` }
      : { found: false, text: 'No published ballot has this receipt. Check it letter by letter as you wrote it down; if it is right and still not found, tell the chair of the meeting.' });
  };
  return (
    <form className="form inline-form" noValidate onSubmit={find} role="search" aria-label="Check my ballot">
      <div className="field" data-invalid={error ? 'true' : undefined}>
        <label htmlFor="find-receipt">Find my receipt</label>
        <span className="hint" id="find-receipt-hint">The code you were given when you voted. It is looked up on this page only: it is not sent anywhere.</span>
        <input id="find-receipt" name="receipt" type="text" autoComplete="off" spellCheck={false}
          aria-invalid={error ? true : undefined} aria-describedby={['find-receipt-hint', error ? 'find-receipt-error' : ''].filter(Boolean).join(' ')} />
        {error ? <p className="field-error" id="find-receipt-error">{error}</p> : null}
      </div>
      <button type="submit" className="button">Find it</button>
      <p className={answer?.found ? 'saved' : answer ? 'alert' : 'saved'} id="receipt-answer" role="status" hidden={!answer}>{answer?.text}</p>
    </form>
  );
}

/** Every ballot by receipt (sorted by receipt, as published), a page at a time, in a table that scrolls inside itself. */
function Published({ ballot: b, result: r }: { ballot: BallotData; result: Result }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <>
      <h3 id="published-title">Every ballot, by receipt ({r.ballots.length})</h3>
      <p className="muted">Anyone in the meeting’s scope can recount the result from this list. Receipts carry no names: only each voter knows theirs.</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="published-title">
        <table className="data-table published-table">
          <thead><tr><th scope="col">Receipt</th><th scope="col">{b.kind === 'STV' ? 'Ranking' : 'Vote'}</th></tr></thead>
          <tbody>
            {r.ballots.slice(0, shown).map((x) => <tr key={x.receipt}><td className="receipt-cell">{x.receipt}</td><td>{choiceWords(b.kind, x.choice)}</td></tr>)}
          </tbody>
        </table>
      </div>
      {shown < r.ballots.length ? (
        <p className="more"><button type="button" className="button button--light" onClick={() => setShown((s) => s + PAGE)}>Show {Math.min(PAGE, r.ballots.length - shown)} more ballots</button></p>
      ) : null}
    </>
  );
}

/** A recorded vote: each vote with its member's name. */
function Recorded({ ballot: b, result: r }: { ballot: BallotData; result: Result }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <>
      <h3 id="recorded-title">Votes by name ({r.votes.length})</h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="recorded-title">
        <table className="data-table">
          <thead><tr><th scope="col">Member</th><th scope="col">{b.kind === 'STV' ? 'Ranking' : 'Vote'}</th></tr></thead>
          <tbody>
            {r.votes.slice(0, shown).map((v) => <tr key={v.voter.memberId}><td>{v.voter.displayName}</td><td>{choiceWords(b.kind, v.choice)}</td></tr>)}
          </tbody>
        </table>
      </div>
      {shown < r.votes.length ? (
        <p className="more"><button type="button" className="button button--light" onClick={() => setShown((s) => s + PAGE)}>Show {Math.min(PAGE, r.votes.length - shown)} more votes</button></p>
      ) : null}
    </>
  );
}
