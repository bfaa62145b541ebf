import { useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { useNavigate } from 'react-router';
import type { NewArticlePageDraftMutation } from '../../__generated__/NewArticlePageDraftMutation.graphql';
import { ArticleFields, type ArticleDraft } from './ArticleFields';
import { CampaignSelect } from './CampaignSelect';
import { SaveStatus, tagList, useSaving } from './shared';

const known = ['title', 'summary', 'body', 'tags', 'visibility', 'campaignId'];

/** /editor/new: a new article, saved as a draft (draftArticle); then it opens in the editor. */
export function NewArticlePage() {
  const navigate = useNavigate();
  const saving = useSaving(known);
  const [draft, setDraft] = useState<ArticleDraft>({ title: '', summary: '', body: '', tags: '', visibility: 'PUBLIC' });
  const [campaignId, setCampaignId] = useState('');
  const [commit, inFlight] = useMutation<NewArticlePageDraftMutation>(graphql`
    mutation NewArticlePageDraftMutation($input: DraftArticleInput!) {
      draftArticle(input: $input) {
        article { id version status title }
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    saving.clear();
    commit({
      variables: { input: {
        title: draft.title, summary: draft.summary.trim() || null, body: draft.body, tags: tagList(draft.tags),
        visibility: draft.visibility, campaignId: campaignId || null,
      } },
      onCompleted: (response) => {
        const payload = response.draftArticle;
        if (saving.done(payload.errors, 'The draft is saved.') && payload.article) {
          navigate(`/editor/articles/${encodeURIComponent(payload.article.id)}`, { state: { saved: 'The draft is saved. Only editors can see it until it is published.' } });
        }
      },
      onError: saving.failed,
    });
  };
  return (
    <>
      <title>New article · Editing · Workers Power</title>
      <h1>New article</h1>
      <p>Write the article and save it as a draft. Nobody but the editors sees it until it is published.</p>
      <form className="form editor-form" noValidate onSubmit={submit} aria-describedby="draft-status">
        <ArticleFields draft={draft} onChange={(next) => { saving.edited(draft, next); setDraft(next); }} errors={saving.errors}
          campaign={<CampaignSelect value={campaignId} onChange={setCampaignId} errors={saving.errors} />} />
        <div className="actions">
          <button type="submit" className="button" data-mutation="draftArticle" disabled={inFlight}>{inFlight ? 'Saving…' : 'Save draft'}</button>
        </div>
        <SaveStatus id="draft-status" alert={saving.alert} saved={saving.saved} />
      </form>
    </>
  );
}
