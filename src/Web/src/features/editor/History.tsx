import { Suspense, useState, useTransition, type FormEvent } from 'react';
import { graphql, useFragment, useMutation, usePaginationFragment } from 'react-relay/hooks';
import type { History_article$key } from '../../__generated__/History_article.graphql';
import type { History_revisions$key } from '../../__generated__/History_revisions.graphql';
import type { HistoryRestoreMutation } from '../../__generated__/HistoryRestoreMutation.graphql';
import { ShowMore } from '../../ui/ShowMore';
import { DiffView } from './DiffView';
import { formatWhen, isConflict, SaveStatus, useSaving } from './shared';

/**
 * An article's or page's history: every version (when, by whom, its title, whether it was a restore), a comparison of any
 * two (articleDiff) and restoring one as a new version (restoreArticleRevision, confirmed).
 */
export function History({ article: key, kind }: { article: History_article$key; kind: 'article' | 'page' }) {
  const article = useFragment(graphql`
    fragment History_article on Article {
      id version status
      ...History_revisions
    }
  `, key);
  const { data, loadNext, hasNext, isLoadingNext, refetch } = usePaginationFragment(graphql`
    fragment History_revisions on Article
      @refetchable(queryName: "HistoryRevisionsPaginationQuery")
      @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
      revisions(first: $count, after: $cursor) @connection(key: "History_revisions") {
        totalCount
        edges { node { version revisedAt restoredFrom title revisedBy { displayName } } }
      }
    }
  `, article as History_revisions$key);
  const [, startTransition] = useTransition();
  const saving = useSaving([]);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [commit, inFlight] = useMutation<HistoryRestoreMutation>(graphql`
    mutation HistoryRestoreMutation($input: RestoreArticleRevisionInput!) {
      restoreArticleRevision(input: $input) {
        article { id title summary body tags visibility status version updatedAt }
        errors { code message field }
      }
    }
  `);
  const rows = data.revisions.edges.map((e) => e.node);
  const versions = rows.map((r) => r.version);
  const newest = versions[0];
  const [from, setFrom] = useState<number | null>(versions[1] ?? null);
  const [to, setTo] = useState<number | null>(newest ?? null);
  const [compared, setCompared] = useState<{ from: number; to: number } | null>(null);
  const compare = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (from === null || to === null) return;
    setCompared({ from: Math.min(from, to), to: Math.max(from, to) });
  };
  const reload = () => startTransition(() => { refetch({}, { fetchPolicy: 'network-only' }); });
  const restore = (version: number) => {
    saving.clear();
    commit({
      variables: { input: { articleId: article.id, version, expectedVersion: article.version } },
      onCompleted: (response) => {
        const payload = response.restoreArticleRevision;
        if (isConflict(payload.errors)) {
          saving.setAlert([`Someone else changed this ${kind} meanwhile, so nothing was restored. The list now shows their version too: look again, then restore.`]);
          setRestoring(null);
          reload();
          return;
        }
        if (saving.done(payload.errors, `Version ${version} is restored: it is now the current text, as version ${payload.article?.version ?? ''}. The versions in between stay in the history.`)) {
          setRestoring(null);
          reload();
        }
      },
      onError: saving.failed,
    });
  };
  const archived = article.status === 'ARCHIVED';
  return (
    <>
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <p role="status">{`${rows.length} of ${data.revisions.totalCount} versions shown, newest first.`}</p>
        <div className="table-scroll">
          <table className="data-table">
            <thead><tr><th scope="col">Version</th><th scope="col">Made</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.version}>
                  <td className="number">{r.version}</td>
                  <td>
                    <time dateTime={r.revisedAt}>{formatWhen(r.revisedAt)}</time> by <span className="who">{r.revisedBy?.displayName ?? 'someone not on record'}</span>
                    {r.restoredFrom ? <><br /><span className="muted">Restored from version {r.restoredFrom}</span></> : null}
                    <br /><span className="muted">Title: {r.title}</span>
                  </td>
                  <td>
                    {r.version === newest ? <span className="muted">Current text</span>
                      : archived ? null
                      : <button type="button" data-opens="restoreArticleRevision" className="button button--small button--light nowrap" aria-expanded={restoring === r.version} aria-label={`Restore version ${r.version}…`} onClick={() => { saving.clear(); setRestoring(r.version); }}>Restore…</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={20} label="Show older versions" />
        {restoring !== null ? (
          <div className="confirm-panel" role="group" aria-labelledby="restore-title">
            <h3 id="restore-title">Restore version {restoring}?</h3>
            <p>Its title and text become the current ones, saved as a new version. Nothing is lost: the current text stays in the history and can be restored in turn.{kind === 'article' && article.status === 'PUBLISHED' ? ' The article is published, so readers see the restored text at once.' : ''}</p>
            <div className="actions">
              <button type="button" className="button" data-mutation="restoreArticleRevision" disabled={inFlight} onClick={() => restore(restoring)}>{inFlight ? 'Restoring…' : `Restore version ${restoring}`}</button>
              <button type="button" className="button button--light" onClick={() => setRestoring(null)}>Cancel</button>
            </div>
          </div>
        ) : null}
        <SaveStatus id="restore-status" alert={saving.alert} saved={saving.saved} />
      </section>
      <section aria-labelledby="compare-title" className="editor-section">
        <h2 id="compare-title">Compare two versions</h2>
        {versions.length < 2 ? <p>There is only one version so far.</p> : (
          <form className="compare" onSubmit={compare}>
            <div className="field">
              <label htmlFor="from">From version</label>
              <select id="from" value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value))}>
                {versions.map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="to">To version</label>
              <select id="to" value={to ?? ''} onChange={(e) => setTo(Number(e.target.value))}>
                {versions.map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </div>
            <button type="submit" className="button button--small">Compare</button>
          </form>
        )}
        {compared ? (
          <Suspense fallback={<p className="muted" role="status">Loading the changes…</p>}>
            <DiffView articleId={article.id} from={compared.from} to={compared.to} />
          </Suspense>
        ) : null}
      </section>
    </>
  );
}
