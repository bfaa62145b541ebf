import { useState, type ReactNode } from 'react';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { Markdown } from '../../ui/Markdown';
import { requestFailed, splitUserErrors } from '../../ui/userErrors';

export type Status = 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'UNPUBLISHED' | 'ARCHIVED';

/** Where an article stands, in words; the URL's status word (?status=in-review) for each. */
export const statuses: ReadonlyArray<{ value: Status; label: string; param: string }> = [
  { value: 'DRAFT', label: 'Drafts', param: 'draft' },
  { value: 'IN_REVIEW', label: 'In review', param: 'in-review' },
  { value: 'PUBLISHED', label: 'Published', param: 'published' },
  { value: 'UNPUBLISHED', label: 'Unpublished', param: 'unpublished' },
  { value: 'ARCHIVED', label: 'Archived', param: 'archived' },
];

const statusWords: Record<string, string> = { DRAFT: 'Draft', IN_REVIEW: 'In review', PUBLISHED: 'Published', UNPUBLISHED: 'Unpublished', ARCHIVED: 'Archived' };
export const statusWord = (status: string) => statusWords[status] ?? status;

const whenFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
/** A moment as people say it: "Sun 29 Nov 2026, 09:12". */
export const formatWhen = (iso: string) => whenFormat.format(new Date(iso)).replace(/^(\w+),/, '$1');

export type UserErrors = ReadonlyArray<{ readonly code: string; readonly message: string; readonly field?: ReadonlyArray<string | null | undefined> | null }>;

/** The tags as typed (commas between them) → the list the API takes. */
export const tagList = (text: string) => text.split(',').map((t) => t.trim()).filter(Boolean);

/**
 * One form's saving: its field errors, its page-level alert and its status message. `done` with the payload's user
 * errors and the words for success (true when it succeeded); `failed` when the request failed. The first field in
 * error gets the focus. Nothing typed is touched: the fields keep their values whatever happens.
 */
export function useSaving(known: ReadonlyArray<string>) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const done = (userErrors: UserErrors, success: string): boolean => {
    if (userErrors.length === 0) { setErrors({}); setAlert([]); setSaved(success); return true; }
    const renamed = userErrors.map((e) => ({ ...e, field: (e.field ?? []).map((p) => (p && /^\d+$/.test(p) ? null : p)) }));
    const { fields, page } = splitUserErrors(renamed, known);
    setErrors(fields);
    setSaved(null);
    setAlert(Object.keys(fields).length > 0 ? ['Nothing was saved: please check the fields marked above.', ...page] : page);
    const first = known.find((n) => fields[n]);
    if (first) document.getElementById(first)?.focus();
    return false;
  };
  const failed = (error: Error) => { setSaved(null); setAlert([`${requestFailed(error)} Your text is still here.`]); };
  const clear = () => { setSaved(null); setAlert([]); setErrors({}); };
  /** The fields whose values changed since the last answer lose their error (the rest keep theirs until the next save). */
  const edited = <T extends Record<string, unknown>>(before: T, after: T) => {
    const changed = Object.keys(after).filter((k) => before[k] !== after[k] && errors[k]);
    if (changed.length > 0) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !changed.includes(k))));
  };
  return { errors, alert, saved, done, failed, clear, edited, setSaved, setAlert };
}

/** A form's page-level errors (role=alert) or, after a save, its status message (role=status). */
export function SaveStatus({ id, alert, saved }: { id: string; alert: string[]; saved: string | null }) {
  if (alert.length > 0) return <div className="alert" id={id} role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div>;
  return <p className="saved" id={id} role="status" hidden={!saved}>{saved}</p>;
}

/** A labelled one-line text input, controlled, with an optional hint and its error. */
export function TextInput({ name, label, value, onChange, errors, hint, optional }: {
  name: string; label: string; value: string; onChange: (value: string) => void; errors: FieldErrors; hint?: string; optional?: boolean;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className="field" data-invalid={errors[name] ? 'true' : undefined}>
      <label htmlFor={name}>{label}{optional ? ' (optional)' : ''}</label>
      {hint ? <span className="hint" id={hintId}>{hint}</span> : null}
      <input id={name} name={name} type="text" value={value} onChange={(e) => onChange(e.target.value)} required={!optional} {...describedBy(name, errors, hintId)} />
      <FieldError name={name} errors={errors} />
    </div>
  );
}

/**
 * What the public page will show, rendered by the public pages' own Markdown renderer inside the same wrapper
 * (ArticlePage's `article.form`): the title, the summary as the lead, the body, the tags.
 */
export function Preview({ title, summary, body, tags }: { title: string; summary?: string; body: string; tags?: ReadonlyArray<string> }) {
  return (
    <section className="editor-preview" aria-labelledby="preview-label">
      <h2 className="editor-preview__label" id="preview-label">Preview</h2>
      <div className="form">
        <p className="editor-preview__title">{title.trim() || 'Untitled'}</p>
        {summary?.trim() ? <p className="lead">{summary.trim()}</p> : null}
        {body.trim() ? <Markdown text={body} /> : <p className="muted">The text shows here as you write it.</p>}
        {tags && tags.length > 0 ? <ul className="tags" aria-label="Tags">{tags.map((t) => <li key={t}>{t.toLowerCase()}</li>)}</ul> : null}
      </div>
    </section>
  );
}

/**
 * The body in Markdown beside its live preview on wide screens; on phones a Write/Preview switch shows one at a
 * time (both stay in the page, so nothing typed is lost by switching).
 */
export function BodyEditor({ body, onBody, errors, preview }: { body: string; onBody: (body: string) => void; errors: FieldErrors; preview: ReactNode }) {
  const [view, setView] = useState<'write' | 'preview'>('write');
  return (
    <>
      <div className="write-switch" role="group" aria-label="Show">
        <button type="button" className="button button--small" aria-pressed={view === 'write'} onClick={() => setView('write')}>Write</button>
        <button type="button" className="button button--small" aria-pressed={view === 'preview'} onClick={() => setView('preview')}>Preview</button>
      </div>
      <div className="editor-body" data-view={view}>
        <div className="editor-write field" data-invalid={errors.body ? 'true' : undefined}>
          <label htmlFor="body">Text</label>
          <span className="hint" id="body-hint">In Markdown: # a heading, ## a smaller one, a blank line between paragraphs, "- " at the start of each line of a list, **bold**, *italic*, [a link](https://…).</span>
          <textarea id="body" name="body" value={body} onChange={(e) => onBody(e.target.value)} required {...describedBy('body', errors, 'body-hint')} />
          <FieldError name="body" errors={errors} />
        </div>
        {preview}
      </div>
    </>
  );
}

/** Whether a user error list holds the API's CONFLICT (someone else saved since the version we hold). */
export const isConflict = (errors: UserErrors) => errors.some((e) => e.code === 'CONFLICT');
