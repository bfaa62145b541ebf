import { useRef, useState, type FormEvent } from 'react';
import { fetchQuery, graphql, useLazyLoadQuery, useMutation, useRelayEnvironment } from 'react-relay/hooks';
import { Link, useLocation, useParams } from 'react-router';
import type { ArticleEditPageQuery, ArticleEditPageQuery$data } from '../../__generated__/ArticleEditPageQuery.graphql';
import type { ArticleEditPageConflictQuery } from '../../__generated__/ArticleEditPageConflictQuery.graphql';
import type { ArticleEditPageReviseMutation } from '../../__generated__/ArticleEditPageReviseMutation.graphql';
import type { ArticleEditPageSubmitMutation } from '../../__generated__/ArticleEditPageSubmitMutation.graphql';
import type { ArticleEditPagePublishMutation } from '../../__generated__/ArticleEditPagePublishMutation.graphql';
import type { ArticleEditPageUnpublishMutation } from '../../__generated__/ArticleEditPageUnpublishMutation.graphql';
import type { ArticleEditPageArchiveMutation } from '../../__generated__/ArticleEditPageArchiveMutation.graphql';
import { ArticleFields, type ArticleDraft } from './ArticleFields';
import { CampaignSelect } from './CampaignSelect';
import { ConflictPanel } from './ConflictPanel';
import { isConflict, SaveStatus, statusWord, tagList, useSaving, type UserErrors } from './shared';

const conflictQuery = graphql`
  query ArticleEditPageConflictQuery($id: ID!) {
    node(id: $id) {
      __typename
      ... on Article {
        id slug title summary body tags visibility status version updatedAt publishedAt
        campaign { id title }
        revisions(first: 50) { nodes { version } }
      }
    }
  }
`;

const articleQuery = graphql`
  query ArticleEditPageQuery($id: ID!) {
    node(id: $id) {
      __typename
      ... on Article {
        id slug title summary body tags visibility status version updatedAt publishedAt
        campaign { id title }
      }
    }
  }
`;

type Article = Extract<NonNullable<ArticleEditPageQuery$data['node']>, { __typename: 'Article' }>;

const known = ['title', 'summary', 'body', 'tags', 'visibility', 'campaignId'];

const draftOf = (a: Article): ArticleDraft => ({
  title: a.title, summary: a.summary ?? '', body: a.body, tags: a.tags.join(', '), visibility: a.visibility === 'MEMBERS' ? 'MEMBERS' : 'PUBLIC',
});
const same = (a: ArticleDraft, b: ArticleDraft) =>
  a.title === b.title && a.summary === b.summary && a.body === b.body && tagList(a.tags).join() === tagList(b.tags).join() && a.visibility === b.visibility;

/** /editor/articles/:id: an article in the editor, its workflow (review, publish, unpublish, archive) and a way to its history. */
export function ArticleEditPage() {
  const { id = '' } = useParams();
  const { node } = useLazyLoadQuery<ArticleEditPageQuery>(articleQuery, { id }, { fetchPolicy: 'network-only' });
  if (!node || node.__typename !== 'Article') {
    return (
      <>
        <title>Not found · Editing · Workers Power</title>
        <h1>There is no such article</h1>
        <p>It may have been removed, or the address is wrong. <Link to="/editor">See the articles</Link>.</p>
      </>
    );
  }
  return <EditArticle key={node.id} article={node} />;
}

function EditArticle({ article }: { article: Article }) {
  const environment = useRelayEnvironment();
  const location = useLocation();
  const initialSaved = (location.state as { saved?: string } | null)?.saved ?? null;
  const saving = useSaving(known);
  const [draft, setDraft] = useState<ArticleDraft>(() => draftOf(article));
  const [savedDraft, setSavedDraft] = useState<ArticleDraft>(() => draftOf(article));
  const [baseVersion, setBaseVersion] = useState(article.version);
  const [campaignId, setCampaignId] = useState(article.campaign?.id ?? '');
  const [savedCampaignId, setSavedCampaignId] = useState(article.campaign?.id ?? '');
  const [conflict, setConflict] = useState<{ theirs: number | null; revisions: ReadonlyArray<number> } | null>(null);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [notice, setNotice] = useState<string | null>(initialSaved);
  const conflictRef = useRef<HTMLHeadingElement>(null);
  const dirty = !same(draft, savedDraft) || campaignId !== savedCampaignId;

  const [revise, revising] = useMutation<ArticleEditPageReviseMutation>(graphql`
    mutation ArticleEditPageReviseMutation($input: ReviseArticleInput!) {
      reviseArticle(input: $input) {
        article { id slug title summary body tags visibility status version updatedAt campaign { id title } }
        errors { code message field }
      }
    }
  `);
  const [submitForReview, submitting] = useMutation<ArticleEditPageSubmitMutation>(graphql`
    mutation ArticleEditPageSubmitMutation($input: SubmitArticleForReviewInput!) {
      submitArticleForReview(input: $input) { article { id status version updatedAt } errors { code message field } }
    }
  `);
  const [publish, publishing] = useMutation<ArticleEditPagePublishMutation>(graphql`
    mutation ArticleEditPagePublishMutation($input: PublishArticleInput!) {
      publishArticle(input: $input) { article { id status version updatedAt publishedAt slug } errors { code message field } }
    }
  `);
  const [unpublish, unpublishing] = useMutation<ArticleEditPageUnpublishMutation>(graphql`
    mutation ArticleEditPageUnpublishMutation($input: UnpublishArticleInput!) {
      unpublishArticle(input: $input) { article { id status version updatedAt } errors { code message field } }
    }
  `);
  const [archive, archiving] = useMutation<ArticleEditPageArchiveMutation>(graphql`
    mutation ArticleEditPageArchiveMutation($input: ArchiveArticleInput!) {
      archiveArticle(input: $input) { article { id status version updatedAt } errors { code message field } }
    }
  `);
  const busy = revising || submitting || publishing || unpublishing || archiving;

  /** Saves the fields against `expected` (the version they were written against, or theirs when saving over it). */
  const save = (expected: number) => {
    saving.clear();
    setNotice(null);
    const sent = draft;
    const sentCampaign = campaignId;
    revise({
      variables: { input: {
        articleId: article.id, expectedVersion: expected, title: sent.title, summary: sent.summary, body: sent.body,
        tags: tagList(sent.tags), visibility: sent.visibility,
        // only a change of campaign is sent ("" takes it out of its campaign); omitted, it stays
        campaignId: sentCampaign !== savedCampaignId ? sentCampaign : null,
      } },
      onCompleted: (response) => {
        const payload = response.reviseArticle;
        if (isConflict(payload.errors)) { showConflict(); return; }
        if (saving.done(payload.errors, 'Your changes are saved.') && payload.article) {
          setBaseVersion(payload.article.version);
          setSavedDraft(sent);
          setSavedCampaignId(sentCampaign);
          setConflict(null);
        }
      },
      onError: saving.failed,
    });
  };
  /** Someone saved meanwhile: read their version (the store's article becomes theirs; the fields keep ours). */
  const showConflict = () => {
    fetchQuery<ArticleEditPageConflictQuery>(environment, conflictQuery, { id: article.id }, { fetchPolicy: 'network-only' }).toPromise()
      .then((data) => {
        const node = data?.node?.__typename === 'Article' ? data.node : null;
        setConflict({ theirs: node?.version ?? null, revisions: node?.revisions.nodes.map((r) => r.version) ?? [] });
        requestAnimationFrame(() => conflictRef.current?.focus());
      })
      .catch(saving.failed);
  };
  const loadTheirs = () => {
    const theirs = draftOf(article);
    setDraft(theirs);
    setSavedDraft(theirs);
    setCampaignId(article.campaign?.id ?? '');
    setSavedCampaignId(article.campaign?.id ?? '');
    setBaseVersion(article.version);
    setConflict(null);
    saving.clear();
    setNotice(`Their version ${article.version} is loaded; your changes were discarded.`);
  };

  /** Before a workflow step: refused while there are unsaved changes (it acts on the saved version). */
  const ready = () => {
    saving.clear();
    setNotice(null);
    if (dirty) saving.setAlert(['You have changes that are not saved yet. Save them first: this step acts on the saved version.']);
    return !dirty;
  };
  /** After a workflow step: what happened, in words. */
  const finish = (payload: { readonly article?: { readonly version: number } | null; readonly errors: UserErrors }, words: string) => {
    if (saving.done(payload.errors, words) && payload.article) {
      // our fields still match the saved version unless someone else saved in between (then the next save says so)
      if (payload.article.version === baseVersion + 1) setBaseVersion(payload.article.version);
      setConfirmArchive(false);
    }
  };
  const input = { input: { articleId: article.id } };
  const doSubmit = () => ready() && submitForReview({ variables: input, onError: saving.failed,
    onCompleted: (r) => finish(r.submitArticleForReview, 'It is in review: another editor can now publish it.') });
  const doPublish = () => ready() && publish({ variables: input, onError: saving.failed,
    onCompleted: (r) => finish(r.publishArticle, `It is published: the people it is meant for can read it at /articles/${r.publishArticle.article?.slug ?? article.slug}.`) });
  const doUnpublish = () => ready() && unpublish({ variables: input, onError: saving.failed,
    onCompleted: (r) => finish(r.unpublishArticle, 'It is taken down: only editors see it now.') });
  const doArchive = () => ready() && archive({ variables: input, onError: saving.failed,
    onCompleted: (r) => finish(r.archiveArticle, 'It is archived: it is kept, but can no longer be changed or published.') });

  const status = article.status;
  const archived = status === 'ARCHIVED';
  const submit = (event: FormEvent<HTMLFormElement>) => { event.preventDefault(); if (!archived) save(baseVersion); };
  return (
    <>
      <title>{`Edit: ${article.title} · Editing · Workers Power`}</title>
      <h1>Edit article</h1>
      <p id="article-facts">
        <span className="status-badge">{statusWord(status)}</span>{' '}
        Version {baseVersion}.{' '}
        <Link to={`/editor/articles/${encodeURIComponent(article.id)}/history`}>History and earlier versions</Link>
        {status === 'PUBLISHED' ? <>{' · '}<Link to={`/articles/${article.slug}`}>The public page</Link></> : null}
      </p>
      {conflict !== null ? (
        <ConflictPanel ref={conflictRef} articleId={article.id} kind="article" mine={baseVersion} theirs={conflict.theirs} revisions={conflict.revisions}
          saving={revising} mutation="reviseArticle" onSaveOver={() => conflict.theirs !== null && save(conflict.theirs)} onLoadTheirs={loadTheirs} />
      ) : null}
      {archived ? <p className="alert">This article is archived: it is kept with its history, but can no longer be changed or published.</p> : null}
      <form className="form editor-form" noValidate onSubmit={submit} aria-describedby="article-status">
        <ArticleFields draft={draft} onChange={(next) => { saving.edited(draft, next); setDraft(next); }} errors={saving.errors}
          campaign={<CampaignSelect value={campaignId} onChange={setCampaignId} errors={saving.errors} current={article.campaign} />} />
        {archived ? null : (
          <div className="actions">
            <button type="submit" className="button" data-mutation="reviseArticle" disabled={busy}>{revising ? 'Saving…' : 'Save changes'}</button>
            {status === 'DRAFT' || status === 'UNPUBLISHED' ? <button type="button" className="button button--light" data-mutation="submitArticleForReview" disabled={busy} onClick={doSubmit}>Submit for review</button> : null}
            {status === 'DRAFT' || status === 'IN_REVIEW' || status === 'UNPUBLISHED' ? <button type="button" className="button button--light" data-mutation="publishArticle" disabled={busy} onClick={doPublish}>Publish</button> : null}
            {status === 'PUBLISHED' ? <button type="button" className="button button--light" data-mutation="unpublishArticle" disabled={busy} onClick={doUnpublish}>Unpublish</button> : null}
            <button type="button" data-opens="archiveArticle" className="button button--quiet" disabled={busy} aria-expanded={confirmArchive} onClick={() => setConfirmArchive(true)}>Archive…</button>
          </div>
        )}
        {dirty && !archived ? <p className="muted">You have changes that are not saved yet.</p> : null}
        {confirmArchive ? (
          <div className="confirm-panel" role="group" aria-labelledby="archive-title">
            <h2 id="archive-title">Archive this article?</h2>
            <p>It comes off the site if it is published, and can never be changed, published or restored again. Its history is kept.</p>
            <div className="actions">
              <button type="button" className="button" data-mutation="archiveArticle" disabled={busy} onClick={doArchive}>Archive it</button>
              <button type="button" className="button button--light" onClick={() => setConfirmArchive(false)}>Keep it</button>
            </div>
          </div>
        ) : null}
        <SaveStatus id="article-status" alert={saving.alert} saved={saving.saved ?? notice} />
      </form>
    </>
  );
}
