import { useEffect, useRef, useState, useTransition } from 'react';
import { graphql, useLazyLoadQuery, useMutation, usePaginationFragment } from 'react-relay/hooks';
import type { DeadLettersPageQuery } from '../../__generated__/DeadLettersPageQuery.graphql';
import type { DeadLettersPage_list$key } from '../../__generated__/DeadLettersPage_list.graphql';
import type { DeadLettersPageListQuery } from '../../__generated__/DeadLettersPageListQuery.graphql';
import type { DeadLettersPageReplayMutation } from '../../__generated__/DeadLettersPageReplayMutation.graphql';
import type { DeadLettersPageDiscardMutation } from '../../__generated__/DeadLettersPageDiscardMutation.graphql';
import { ShowMore } from '../../ui/ShowMore';
import { requestFailed } from '../../ui/userErrors';
import { formatMoment } from '../member/format';
import { failureOf, partOf, workOf } from './deadLetterWords';

const pageSize = 20;

/** /admin/dead-letters: work that failed for good, what each means; replay once mended, or discard (confirmed). */
export function DeadLettersPage() {
  const data = useLazyLoadQuery<DeadLettersPageQuery>(
    graphql`
      query DeadLettersPageQuery {
        ...DeadLettersPage_list
      }
    `,
    {},
    { fetchPolicy: 'network-only' },
  );
  return (
    <>
      <title>Dead letters · Admin · Workers Power</title>
      <h1>Dead letters</h1>
      <p>Each dead letter is a piece of work the platform tried several times and gave up on: a mail not sent, a change not passed on. Its content is not shown, as it may hold a member’s data. Once what made it fail is mended, <strong>replay</strong> it to do the work again; <strong>discard</strong> it when the work should never be done.</p>
      <Letters list={data} />
    </>
  );
}

function Letters({ list }: { list: DeadLettersPage_list$key }) {
  const { data, hasNext, loadNext, isLoadingNext, refetch } = usePaginationFragment<DeadLettersPageListQuery, DeadLettersPage_list$key>(
    graphql`
      fragment DeadLettersPage_list on Query
        @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" })
        @refetchable(queryName: "DeadLettersPageListQuery") {
        deadLetters(first: $count, after: $cursor) @connection(key: "DeadLettersPage_deadLetters") {
          totalCount
          edges { node { id messageType exceptionType exceptionMessage queue sentAt failedAt replayCount replayable } }
        }
      }
    `,
    list,
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [alert, setAlert] = useState<string[]>([]);
  const [refreshing, startRefresh] = useTransition();
  const confirmRef = useRef<HTMLDivElement>(null);
  const [replay, replaying] = useMutation<DeadLettersPageReplayMutation>(graphql`
    mutation DeadLettersPageReplayMutation($input: ReplayDeadLettersInput!) {
      replayDeadLetters(input: $input) { count errors { code message field } }
    }
  `);
  const [discard, discarding] = useMutation<DeadLettersPageDiscardMutation>(graphql`
    mutation DeadLettersPageDiscardMutation($input: DiscardDeadLettersInput!) {
      discardDeadLetters(input: $input) { count errors { code message field } }
    }
  `);
  useEffect(() => { if (confirming) confirmRef.current?.focus(); }, [confirming]);
  const letters = data.deadLetters.edges.map((e) => e.node);
  const total = data.deadLetters.totalCount;
  const busy = replaying || discarding;
  const refresh = () => startRefresh(() => { refetch({}, { fetchPolicy: 'network-only' }); });
  const chosen = letters.filter((l) => selected.has(l.id)).map((l) => l.id);
  const toggle = (id: string) => setSelected((s) => { const next = new Set(s); if (next.has(id)) next.delete(id); else next.add(id); return next; });
  const plural = (n: number) => (n === 1 ? '1 dead letter' : `${n} dead letters`);

  const doReplay = (ids: string[]) => {
    setStatus(null); setAlert([]);
    replay({
      variables: { input: { ids } },
      onCompleted: (r) => {
        const p = r.replayDeadLetters;
        if (p.errors.length > 0) { setAlert(p.errors.map((e) => e.message)); return; }
        setSelected(new Set());
        setStatus(`${plural(p.count)} sent back to be done again. Each leaves this list once its work is done; if it fails again it comes back here.`);
        refresh();
      },
      onError: (e) => setAlert([requestFailed(e)]),
    });
  };
  const doDiscard = (ids: string[]) => {
    setStatus(null); setAlert([]);
    discard({
      variables: { input: { ids } },
      onCompleted: (r) => {
        const p = r.discardDeadLetters;
        setConfirming(null);
        if (p.errors.length > 0) { setAlert(p.errors.map((e) => e.message)); return; }
        setSelected(new Set());
        setStatus(`${plural(p.count)} discarded: that work will never be done.`);
        refresh();
      },
      onError: (e) => { setConfirming(null); setAlert([requestFailed(e)]); },
    });
  };

  return (
    <section className="admin-section" aria-labelledby="letters-title">
      <h2 id="letters-title">Waiting for a decision</h2>
      <p className="meta" role="status">{total === 0 ? 'No dead letters: every piece of work was done.' : `Showing ${letters.length} of ${plural(total)}, newest first.`}</p>
      <p className="saved" role="status" hidden={!status}>{status}</p>
      {alert.length > 0 ? <div className="alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
      {confirming ? (
        <div className="confirm-panel" role="group" aria-labelledby="discard-title" tabIndex={-1} ref={confirmRef}>
          <h3 id="discard-title">Discard {plural(confirming.length)}?</h3>
          <p>The work {confirming.length === 1 ? 'it asks' : 'they ask'} for will never be done, and {confirming.length === 1 ? 'it' : 'they'} cannot be brought back. Replay instead if the work should still happen.</p>
          <div className="actions">
            <button type="button" className="button" data-mutation="discardDeadLetters" disabled={busy} onClick={() => doDiscard(confirming)}>{discarding ? 'Discarding…' : 'Discard for good'}</button>
            <button type="button" className="button button--light" onClick={() => setConfirming(null)}>Keep {confirming.length === 1 ? 'it' : 'them'}</button>
          </div>
        </div>
      ) : null}
      <div className="toolbar">
        <button type="button" className="button button--small" data-mutation="replayDeadLetters" disabled={busy || chosen.length === 0} onClick={() => doReplay(chosen)}>Replay the selected ({chosen.length})</button>
        <button type="button" data-opens="discardDeadLetters" className="button button--small button--light" disabled={busy || chosen.length === 0} onClick={() => { setStatus(null); setConfirming(chosen); }}>Discard the selected ({chosen.length})…</button>
        <button type="button" className="button button--small button--quiet" disabled={refreshing} onClick={refresh}>{refreshing ? 'Refreshing…' : 'Refresh the list'}</button>
      </div>
      {letters.length > 0 ? (
        <div className="table-scroll admin-table">
          <table className="data-table letters-table">
            <thead>
              <tr>
                <th scope="col" className="select-cell"><span className="visually-hidden">Select</span></th>
                <th scope="col">What was to be done</th>
                <th scope="col">Why it failed</th>
                <th scope="col">When, and replays</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((l, i) => {
                const what = workOf(l.messageType);
                return (
                  <tr key={l.id}>
                    <td className="select-cell">
                      <input type="checkbox" id={`select-${i}`} checked={selected.has(l.id)} onChange={() => toggle(l.id)} aria-label={`Select: ${what}, failed ${l.failedAt ? formatMoment(l.failedAt) : ''}`} />
                    </td>
                    <td>
                      <p className="letter__what">{what}</p>
                      <p className="letter__detail">By {partOf(l.queue)} · {l.messageType}</p>
                      <div className="actions letter__actions">
                        <button type="button" className="button button--small" data-mutation="replayDeadLetters" disabled={busy || l.replayable} onClick={() => doReplay([l.id])}>Replay<span className="visually-hidden">: {what}</span></button>
                        <button type="button" data-opens="discardDeadLetters" className="button button--small button--light" disabled={busy} onClick={() => { setStatus(null); setConfirming([l.id]); }}>Discard…<span className="visually-hidden"> {what}</span></button>
                      </div>
                    </td>
                    <td>
                      <p className="letter__what">{failureOf(l.exceptionType)}</p>
                      <p className="letter__detail">{l.exceptionMessage}</p>
                    </td>
                    <td>
                      <p className="letter__detail">Sent <time dateTime={l.sentAt}>{formatMoment(l.sentAt)}</time></p>
                      {l.failedAt ? <p className="letter__detail">Gave up <time dateTime={l.failedAt}>{formatMoment(l.failedAt)}</time></p> : null}
                      {l.replayable ? <span className="status-badge">Replay under way</span> : null}
                      <p className="letter__detail">{l.replayCount === 0 ? 'Not replayed before' : `Replayed ${l.replayCount === 1 ? 'once' : `${l.replayCount} times`} before`}</p>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={pageSize} />
    </section>
  );
}
