import { useCallback, useEffect, useState } from 'react';
import { graphql, useFragment, useLazyLoadQuery } from 'react-relay/hooks';
import { Link, useParams } from 'react-router';
import type { BallotPageQuery } from '../../__generated__/BallotPageQuery.graphql';
import type { BallotPage_ballot$data, BallotPage_ballot$key } from '../../__generated__/BallotPage_ballot.graphql';
import { LiveTurnout, TurnoutLine } from './LiveTurnout';
import { VoteForm } from './VoteForm';
import { Results } from './Results';
import { ReceiptPanel } from './Receipt';
import { ballotStatusNames, formatWhen, kindNames, percent } from './words';

export type BallotData = BallotPage_ballot$data;

/**
 * /decisions/ballots/:id: the member's ballot. While open and theirs to vote: the options (or a ranking for an
 * election), for themselves or for whom they hold a proxy; a secret ballot's receipt shown once; the live turnout
 * (never partial results). Once closed: the result and its verification by receipt, and the published ballots.
 */
export function BallotPage() {
  const { id = '' } = useParams();
  const [fetchKey, setFetchKey] = useState(0);
  const refetch = useCallback(() => setFetchKey((k) => k + 1), []);
  const { node } = useLazyLoadQuery<BallotPageQuery>(
    graphql`
      query BallotPageQuery($id: ID!) {
        node(id: $id) { __typename ... on Ballot { id ...BallotPage_ballot @alias(as: "ballot") } }
      }
    `,
    { id },
    { fetchPolicy: 'store-and-network', fetchKey },
  );
  if (!node || node.__typename !== 'Ballot' || !node.ballot) {
    return (
      <>
        <title>Not found · Decisions · Workers Power</title>
        <h1>There is no ballot here</h1>
        <p>It may belong to another branch’s meeting, or the address is mistyped. <Link to="/decisions">See your meetings</Link>.</p>
      </>
    );
  }
  return <BallotView ballot={node.ballot} refetch={refetch} />;
}

function BallotView({ ballot: key, refetch }: { ballot: BallotPage_ballot$key; refetch: () => void }) {
  const b = useFragment(
    graphql`
      fragment BallotPage_ballot on Ballot {
        id title kind secrecy options seats allowChanges quorum maxMonthsInArrears opensAt closesAt status
        electorateSize turnout viewerMayVote viewerHasVoted
        viewerMayVoteFor { memberId displayName }
        meeting { id title }
        result {
          quorate turnout electorateSize carried elected
          counts { option votes }
          rounds { number elected excluded note tallies { candidate votes } }
          ballots { receipt choice }
          votes { voter { memberId displayName } choice }
        }
      }
    `,
    key,
  );
  // closed (the subscription said so) but the result not loaded yet: fetch it, a few times while it is counted
  const [tries, setTries] = useState(0);
  useEffect(() => {
    if (b.status !== 'CLOSED' || b.result || tries >= 5) return undefined;
    const timer = window.setTimeout(() => { setTries((t) => t + 1); refetch(); }, tries === 0 ? 0 : 1000);
    return () => window.clearTimeout(timer);
  }, [b.status, b.result, tries, refetch]);
  // a secret ballot's receipt, shown once: kept in this page's memory only (never stored, never in the address)
  const [receipt, setReceipt] = useState<{ code: string; forWhom: string | null } | null>(null);
  const figures = { turnout: b.turnout, electorateSize: b.electorateSize, quorum: b.quorum, status: b.status };
  return (
    <>
      <title>{`${b.title} · Decisions · Workers Power`}</title>
      <p><Link to={`/decisions/meetings/${encodeURIComponent(b.meeting.id)}`}>{b.meeting.title}</Link></p>
      <h1>{b.title}</h1>
      <p>
        <span className={`status-badge${b.status === 'OPEN' ? ' status-badge--open' : ''}`}>{ballotStatusNames[b.status]}</span>{' '}
        {kindNames[b.kind]}{b.kind === 'STV' ? `, ${b.seats} ${b.seats === 1 ? 'seat' : 'seats'}` : ''} · {b.secrecy === 'SECRET' ? 'a secret ballot' : 'a recorded vote: each vote is published with its member’s name'}
      </p>
      <ul className="ballot-terms">
        {b.quorum > 0 ? <li>Quorum: {percent(b.quorum)} of those who may vote.</li> : null}
        {b.status === 'CLOSED' ? null : b.allowChanges ? <li>You may change your vote until it closes.</li> : <li>Your vote is final once cast.</li>}
        {b.maxMonthsInArrears != null ? <li>Members more than {b.maxMonthsInArrears} {b.maxMonthsInArrears === 1 ? 'month' : 'months'} in arrears when it opened may not vote.</li> : null}
        {b.status === 'SCHEDULED' && b.opensAt ? <li>Opens {formatWhen(b.opensAt)}.</li> : null}
        {b.status !== 'CLOSED' && b.closesAt ? <li>Closes {formatWhen(b.closesAt)}.</li> : null}
      </ul>
      {b.status === 'CLOSED' && b.result ? null : (
        <section className="console-section" aria-labelledby="turnout-title">
          <h2 id="turnout-title">Turnout</h2>
          {b.status === 'CLOSED' ? <TurnoutLine figures={figures} id="turnout" /> : <LiveTurnout key={b.status} ballotId={b.id} figures={figures} id="turnout" onStatusChange={refetch} />}
          {b.status === 'OPEN' ? <p className="muted">Nobody sees how anyone voted until it closes: the result is counted and published at the close.</p> : null}
        </section>
      )}
      {receipt ? <ReceiptPanel code={receipt.code} forWhom={receipt.forWhom} onDismiss={() => setReceipt(null)} /> : null}
      {b.status === 'OPEN' ? <VoteForm ballot={b} onReceipt={(code, forWhom) => setReceipt({ code, forWhom })} /> : null}
      {b.status === 'SCHEDULED' ? <p className="notice">Voting has not opened yet. This page shows the ballot when it does.</p> : null}
      {b.status === 'CLOSED' ? (b.result ? <Results ballot={b} result={b.result} /> : <p className="muted" role="status">The ballot is closed: counting…</p>) : null}
    </>
  );
}
