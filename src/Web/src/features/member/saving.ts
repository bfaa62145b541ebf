import { useState } from 'react';
import type { FieldErrors } from '../../ui/Field';
import { requestFailed, splitUserErrors } from '../../ui/userErrors';

type UserErrors = ReadonlyArray<{ readonly code: string; readonly message: string; readonly field?: ReadonlyArray<string | null | undefined> | null }>;

/**
 * One form's saving, for the member space's forms (each saved on its own): its field errors, its page-level
 * alert and its status message. `starting` before the mutation; `done` with its user errors and the words for
 * success; `failed` when the request failed. `alias` renames the API's field paths to the form's field names
 * (e.g. contribution.amount → amount). The first field in error gets the focus.
 */
export function useSaving(known: ReadonlyArray<string>, alias: Record<string, string> = {}) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const done = (userErrors: UserErrors, success: string) => {
    if (userErrors.length === 0) { setErrors({}); setAlert([]); setSaved(success); return; }
    const renamed = userErrors.map((e) => {
      const path = (e.field ?? []).filter((p): p is string => !!p && p !== 'input').join('.');
      return alias[path] ? { ...e, field: [alias[path]] } : e;
    });
    const { fields, page } = splitUserErrors(renamed, known);
    setErrors(fields);
    setSaved(null);
    setAlert(Object.keys(fields).length > 0 ? ['Nothing was saved: please check the fields marked above.', ...page] : page);
    const first = known.find((n) => fields[n]);
    if (first) document.getElementById(first)?.focus();
  };
  const failed = (error: Error) => { setSaved(null); setAlert([requestFailed(error)]); };
  const starting = () => setSaved(null);
  return { errors, alert, saved, done, failed, starting };
}
