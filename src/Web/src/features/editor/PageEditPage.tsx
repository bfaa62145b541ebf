import { useRef, useState, type FormEvent } from 'react';
import { fetchQuery, graphql, useLazyLoadQuery, useMutation, useRelayEnvironment } from 'react-relay/hooks';
import { Link, useParams } from 'react-router';
import type { PageEditPageQuery, PageEditPageQuery$data } from '../../__generated__/PageEditPageQuery.graphql';
import type { PageEditPageConflictQuery } from '../../__generated__/PageEditPageConflictQuery.graphql';
import type { PageEditPageSaveMutation } from '../../__generated__/PageEditPageSaveMutation.graphql';
import { ConflictPanel } from './ConflictPanel';
import { publicPath } from './PagesPage';
import { BodyEditor, isConflict, Preview, SaveStatus, TextInput, useSaving } from './shared';

type Page = NonNullable<PageEditPageQuery$data['page']>;
type PageDraft = { title: string; body: string };

const known = ['title', 'body'];
const names: Record<string, string> = { programme: 'The programme', about: 'About us' };

/** /editor/pages/:slug: a standing page in the editor (savePage), started when the slug is new. */
export function PageEditPage() {
  const { slug = '' } = useParams();
  const { page } = useLazyLoadQuery<PageEditPageQuery>(
    graphql`
      query PageEditPageQuery($slug: String!) {
        page(slug: $slug) { id slug title body version updatedAt }
      }
    `,
    { slug },
    { fetchPolicy: 'network-only' },
  );
  return <EditPage key={page?.id ?? `new:${slug}`} slug={slug} page={page ?? null} />;
}

function EditPage({ slug, page }: { slug: string; page: Page | null }) {
  const environment = useRelayEnvironment();
  const saving = useSaving(known);
  const [draft, setDraft] = useState<PageDraft>(() => ({ title: page?.title ?? names[slug] ?? '', body: page?.body ?? '' }));
  const [savedDraft, setSavedDraft] = useState<PageDraft>(draft);
  const [baseVersion, setBaseVersion] = useState<number | null>(page?.version ?? null);
  const [pageId, setPageId] = useState<string | null>(page?.id ?? null);
  const [conflict, setConflict] = useState<{ theirs: number | null; revisions: ReadonlyArray<number>; page: PageDraft | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const conflictRef = useRef<HTMLHeadingElement>(null);
  const dirty = draft.title !== savedDraft.title || draft.body !== savedDraft.body;
  const [commit, inFlight] = useMutation<PageEditPageSaveMutation>(graphql`
    mutation PageEditPageSaveMutation($input: SavePageInput!) {
      savePage(input: $input) {
        article { id slug title body version updatedAt }
        errors { code message field }
      }
    }
  `);
  const save = (expected: number | null) => {
    saving.clear();
    setNotice(null);
    const sent = draft;
    commit({
      variables: { input: { slug, title: sent.title, body: sent.body, expectedVersion: expected } },
      onCompleted: (response) => {
        const payload = response.savePage;
        if (isConflict(payload.errors)) { showConflict(); return; }
        if (saving.done(payload.errors, `The page is saved. It shows at ${publicPath(slug)} now.`) && payload.article) {
          setBaseVersion(payload.article.version);
          setPageId(payload.article.id);
          setSavedDraft(sent);
          setConflict(null);
        }
      },
      onError: saving.failed,
    });
  };
  const showConflict = () => {
    fetchQuery<PageEditPageConflictQuery>(environment, graphql`
      query PageEditPageConflictQuery($slug: String!) {
        page(slug: $slug) { id slug title body version updatedAt revisions(first: 50) { nodes { version } } }
      }
    `, { slug }, { fetchPolicy: 'network-only' }).toPromise()
      .then((data) => {
        const theirs = data?.page ?? null;
        if (theirs) setPageId(theirs.id);
        setConflict({ theirs: theirs?.version ?? null, revisions: theirs?.revisions.nodes.map((r) => r.version) ?? [], page: theirs ? { title: theirs.title, body: theirs.body } : null });
        requestAnimationFrame(() => conflictRef.current?.focus());
      })
      .catch(saving.failed);
  };
  const loadTheirs = () => {
    if (!conflict?.page) return;
    setDraft(conflict.page);
    setSavedDraft(conflict.page);
    setBaseVersion(conflict.theirs);
    setNotice(`Their version ${conflict.theirs ?? ''} is loaded; your changes were discarded.`);
    setConflict(null);
    saving.clear();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => { event.preventDefault(); save(baseVersion); };
  const heading = names[slug] ?? (page ? page.title : `New page: ${slug}`);
  return (
    <>
      <title>{`Edit: ${heading} · Editing · Workers Power`}</title>
      <h1>{heading}</h1>
      <p>
        {baseVersion !== null ? <>Version {baseVersion}. <Link to={`/editor/pages/${slug}/history`}>History and earlier versions</Link>{' · '}<Link to={publicPath(slug)}>The public page</Link></>
          : <>This page does not exist yet: saving it puts it on the site at {publicPath(slug)}.</>}
      </p>
      {conflict !== null && pageId ? (
        <ConflictPanel ref={conflictRef} articleId={pageId} kind="page" mine={baseVersion ?? 0} theirs={conflict.theirs} revisions={conflict.revisions}
          saving={inFlight} mutation="savePage" onSaveOver={() => conflict.theirs !== null && save(conflict.theirs)} onLoadTheirs={loadTheirs} />
      ) : null}
      <form className="form editor-form" noValidate onSubmit={submit} aria-describedby="page-status">
        <div className="editor-meta">
          <TextInput name="title" label="Title" value={draft.title} onChange={(title) => { saving.edited(draft, { ...draft, title }); setDraft({ ...draft, title }); }} errors={saving.errors} />
        </div>
        <BodyEditor body={draft.body} onBody={(body) => { saving.edited(draft, { ...draft, body }); setDraft({ ...draft, body }); }} errors={saving.errors}
          preview={<Preview title={draft.title} body={draft.body} />} />
        <div className="actions">
          <button type="submit" className="button" data-mutation="savePage" disabled={inFlight}>{inFlight ? 'Saving…' : 'Save page'}</button>
        </div>
        {dirty ? <p className="muted">You have changes that are not saved yet.</p> : null}
        <SaveStatus id="page-status" alert={saving.alert} saved={saving.saved ?? notice} />
      </form>
    </>
  );
}
