import { useState } from 'react';
import { requestFailed } from '../../ui/userErrors';

export type UserErrors = ReadonlyArray<{ readonly code: string; readonly message: string; readonly field?: ReadonlyArray<string | null | undefined> | null }>;

/**
 * One action's outcome on the decisions screens (many forms and buttons on one page, each with its own): field
 * errors by the API's field name (the last part of its path), the rest as the action's alert, or the words for
 * success. `known` names the fields the form shows; an error on any other field goes to the alert.
 */
export function useOutcome(known: ReadonlyArray<string> = []) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const done = (errors: UserErrors, success: string) => {
    if (errors.length === 0) { setFields({}); setAlert([]); setSaved(success || null); return true; }
    const f: Record<string, string> = {};
    const page: string[] = [];
    for (const e of errors) {
      const path = (e.field ?? []).filter((p): p is string => !!p && p !== 'input');
      const name = path[path.length - 1];
      if (name && known.includes(name) && !f[name]) f[name] = e.message;
      else page.push(e.message);
    }
    setFields(f);
    setSaved(null);
    setAlert(Object.keys(f).length > 0 && page.length === 0 ? ['Nothing was changed: please check the fields marked above.'] : page);
    return false;
  };
  const invalid = (f: Record<string, string>) => { setFields(f); setSaved(null); setAlert(['Nothing was changed: please check the fields marked above.']); };
  const failed = (error: Error) => { setSaved(null); setAlert([requestFailed(error)]); };
  const reset = () => { setFields({}); setAlert([]); setSaved(null); };
  return { fields, alert, saved, done, invalid, failed, reset };
}

export type Outcome = ReturnType<typeof useOutcome>;
