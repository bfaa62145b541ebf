import type { ReactNode } from 'react';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { BodyEditor, Preview, tagList, TextInput } from './shared';

export type ArticleDraft = { title: string; summary: string; body: string; tags: string; visibility: 'PUBLIC' | 'MEMBERS' };

/** The fields of an article: title, summary, the body beside its preview, tags, visibility; `campaign` is the campaign's field. */
export function ArticleFields({ draft, onChange, errors, campaign }: {
  draft: ArticleDraft; onChange: (draft: ArticleDraft) => void; errors: FieldErrors; campaign: ReactNode;
}) {
  const set = (part: Partial<ArticleDraft>) => onChange({ ...draft, ...part });
  return (
    <>
      <div className="editor-meta">
        <TextInput name="title" label="Title" value={draft.title} onChange={(title) => set({ title })} errors={errors} />
        <div className="field" data-invalid={errors.summary ? 'true' : undefined}>
          <label htmlFor="summary">Summary (optional)</label>
          <span className="hint" id="summary-hint">One or two sentences shown in the lists and at the top of the article.</span>
          <textarea id="summary" name="summary" maxLength={1000} value={draft.summary} onChange={(e) => set({ summary: e.target.value })} {...describedBy('summary', errors, 'summary-hint')} />
          <FieldError name="summary" errors={errors} />
        </div>
      </div>
      <BodyEditor body={draft.body} onBody={(body) => set({ body })} errors={errors}
        preview={<Preview title={draft.title} summary={draft.summary} body={draft.body} tags={tagList(draft.tags)} />} />
      <div className="editor-meta">
        <TextInput name="tags" label="Tags" value={draft.tags} onChange={(tags) => set({ tags })} errors={errors} optional hint="Separate several with commas, e.g. housing, rent strike." />
        <div className="field" data-invalid={errors.visibility ? 'true' : undefined}>
          <label htmlFor="visibility">Who may read it once published</label>
          <select id="visibility" name="visibility" value={draft.visibility} onChange={(e) => set({ visibility: e.target.value === 'MEMBERS' ? 'MEMBERS' : 'PUBLIC' })} {...describedBy('visibility', errors)}>
            <option value="PUBLIC">Everyone</option>
            <option value="MEMBERS">Signed-in members only</option>
          </select>
          <FieldError name="visibility" errors={errors} />
        </div>
        {campaign}
      </div>
    </>
  );
}
