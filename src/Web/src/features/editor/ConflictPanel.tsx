import { Suspense, useState, type Ref } from 'react';
import { DiffView } from './DiffView';

/**
 * A stale edit: someone else saved since the version the editor started from. Nothing of theirs was saved and the
 * fields keep what they typed; they may see what the other person changed (their version against the one we
 * started from), save theirs over it deliberately, or discard theirs and load the other version (confirmed).
 */
export function ConflictPanel({ ref, articleId, kind, mine, theirs, revisions, saving, mutation, onSaveOver, onLoadTheirs }: {
  ref?: Ref<HTMLHeadingElement>; articleId: string; kind: 'article' | 'page'; mine: number; theirs: number | null;
  /** The versions that changed the text (newest first), to compare the text at ours with the text at theirs. */
  revisions: ReadonlyArray<number>;
  saving: boolean; mutation: 'reviseArticle' | 'savePage'; onSaveOver: () => void; onLoadTheirs: () => void;
}) {
  const [showChanges, setShowChanges] = useState(false);
  const [confirmLoad, setConfirmLoad] = useState(false);
  // workflow steps (submit, publish, …) make versions too but change no text: compare the texts current at each
  const from = revisions.find((v) => v <= mine) ?? null;
  const to = theirs === null ? null : revisions.find((v) => v <= theirs) ?? null;
  const textChanged = from !== null && to !== null && from !== to;
  return (
    <section className="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title" ref={ref} tabIndex={-1}>Someone else saved this {kind} while you were editing it</h2>
      <p role="alert">
        Your changes are not saved yet, and they are still in the fields below.
        {theirs !== null ? ` You started from version ${mine}; it is now at version ${theirs}.` : ''}
      </p>
      <p>See what they changed, then either save your text over theirs, or discard your text and load their version.</p>
      <div className="actions">
        {textChanged ? (
          <button type="button" className="button button--light" aria-expanded={showChanges} onClick={() => setShowChanges(!showChanges)}>
            {showChanges ? 'Hide what they changed' : 'See what they changed'}
          </button>
        ) : null}
        {theirs !== null ? (
          <button type="button" className="button" data-mutation={mutation} disabled={saving} onClick={onSaveOver}>{saving ? 'Saving…' : 'Save mine over theirs'}</button>
        ) : null}
        <button type="button" className="button button--quiet" aria-expanded={confirmLoad} onClick={() => setConfirmLoad(true)}>Load their version…</button>
      </div>
      {confirmLoad ? (
        <div className="confirm-panel" role="group" aria-labelledby="load-title">
          <h3 id="load-title">Discard your changes?</h3>
          <p>The fields will show their version{theirs !== null ? ` ${theirs}` : ''} and what you typed since your last save is lost.</p>
          <div className="actions">
            <button type="button" className="button" onClick={onLoadTheirs}>Discard mine and load theirs</button>
            <button type="button" className="button button--light" onClick={() => setConfirmLoad(false)}>Keep mine</button>
          </div>
        </div>
      ) : null}
      {theirs !== null && !textChanged ? <p>Their change did not touch the text: it was a step such as a review or publication.</p> : null}
      {showChanges && textChanged ? (
        <Suspense fallback={<p className="muted" role="status">Loading the changes…</p>}>
          <DiffView articleId={articleId} from={from} to={to} />
        </Suspense>
      ) : null}
    </section>
  );
}
