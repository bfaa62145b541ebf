import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'react-relay/hooks';
import type { GraphQLTaggedNode, MutationParameters, SelectorStoreUpdater } from 'relay-runtime';
import { describedBy, FieldError, type FieldErrors } from '../../../ui/Field';
import { requestFailed, splitUserErrors } from '../../../ui/userErrors';

export type UserErrors = ReadonlyArray<{ readonly code: string; readonly message: string; readonly field?: ReadonlyArray<string | null | undefined> | null }>;

/** A member's standing in words. */
export const standingWords: Record<string, string> = {
  ACTIVE: 'Active', LAPSED: 'Lapsed', SUSPENDED: 'Suspended', RESIGNED: 'Resigned',
};

/** An application's status in words. */
export const applicationWords: Record<string, string> = { PENDING: 'Waiting for a decision', APPROVED: 'Approved', REJECTED: 'Rejected' };

/** useMutation as a promise: the response, or the request's failure thrown. */
export function useCommit<T extends MutationParameters>(mutation: GraphQLTaggedNode) {
  const [commit, inFlight] = useMutation<T>(mutation);
  const run = (variables: T['variables'], updater?: SelectorStoreUpdater<T['response']>) =>
    new Promise<T['response']>((resolve, reject) => {
      commit({ variables, updater, onCompleted: (response) => resolve(response), onError: reject });
    });
  return [run, inFlight] as const;
}

/**
 * A consequential step behind a confirmation (reject, suspend, reinstate): first a button; then a reason field,
 * the button that commits (carrying data-mutation) and Cancel. `onConfirm` answers the API's user errors (none:
 * done, the step closes); a failed request says so in words and keeps what was typed.
 */
export function ConfirmWithReason({ id, openLabel, title, explain, reasonLabel, reasonHint, confirmLabel, mutation, maxLength, onConfirm }: {
  id: string; openLabel: string; title: string; explain: string; reasonLabel: string; reasonHint: string;
  confirmLabel: string; mutation: string; maxLength: number; onConfirm: (reason: string) => Promise<UserErrors>;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const opener = useRef<HTMLButtonElement>(null);
  const reasonId = `${id}-reason`;
  const close = () => { setOpen(false); setErrors({}); setAlert([]); requestAnimationFrame(() => opener.current?.focus()); };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get(reasonId) ?? '').trim();
    if (!reason) { setErrors({ [reasonId]: 'Please give a reason: it is kept with the record.' }); document.getElementById(reasonId)?.focus(); return; }
    setBusy(true);
    try {
      const userErrors = await onConfirm(reason);
      if (userErrors.length === 0) { setOpen(false); setErrors({}); setAlert([]); return; }
      const renamed = userErrors.map((e) => ((e.field ?? []).includes('reason') ? { ...e, field: [reasonId] } : e));
      const split = splitUserErrors(renamed, [reasonId]);
      setErrors(split.fields);
      setAlert(split.page);
      if (split.fields[reasonId]) document.getElementById(reasonId)?.focus();
    } catch (error) {
      setAlert([requestFailed(error)]);
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <button ref={opener} type="button" className="button button--light" data-opens={mutation} onClick={() => { setOpen(true); requestAnimationFrame(() => document.getElementById(reasonId)?.focus()); }}>
        {openLabel}
      </button>
    );
  }
  return (
    <form className="form confirm-step" noValidate onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p>{explain}</p>
      <div className="field" data-invalid={errors[reasonId] ? 'true' : undefined}>
        <label htmlFor={reasonId}>{reasonLabel}</label>
        <span className="hint" id={`${reasonId}-hint`}>{reasonHint}</span>
        <textarea id={reasonId} name={reasonId} maxLength={maxLength} required {...describedBy(reasonId, errors, `${reasonId}-hint`)} />
        <FieldError name={reasonId} errors={errors} />
      </div>
      {alert.length > 0 ? <div className="alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
      <div className="button-row">
        <button type="submit" className="button" data-mutation={mutation} disabled={busy}>{busy ? 'Working…' : confirmLabel}</button>
        <button type="button" className="button button--light" onClick={close} disabled={busy}>Cancel</button>
      </div>
    </form>
  );
}
