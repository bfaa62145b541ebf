import { useState, type FormEvent, type ReactNode } from 'react';
import type { FieldErrors } from '../../ui/Field';
import { PasswordField } from '../../ui/PasswordField';
import { requestFailed, splitUserErrors } from '../../ui/userErrors';
import { setToken } from '../../relay/token';
import { linkRefusal } from './linkToken';

/** The form of the pages that set a password from a mail's link (activation, reset): the new password and a button. */
export function NewPasswordForm({ intro, submit, busy, inFlight, errors, alert, onPassword, onMissing }: {
  intro: ReactNode; submit: string; busy: string; inFlight: boolean; errors: FieldErrors; alert: string[];
  onPassword: (password: string) => void; onMissing: (errors: FieldErrors) => void;
}) {
  const send = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    if (!password) { onMissing({ password: 'Please choose a password.' }); document.getElementById('password')?.focus(); return; }
    onPassword(password);
  };
  return (
    <form className="form" noValidate onSubmit={send} aria-describedby={alert.length ? 'form-alert' : undefined}>
      {intro}
      {alert.length > 0 ? <div className="alert" id="form-alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
      <PasswordField name="password" label="New password" errors={errors} />
      <button type="submit" className="button" disabled={inFlight}>{inFlight ? busy : submit}</button>
    </form>
  );
}

type SignInAnswer = {
  readonly accessToken: string | null | undefined;
  readonly errors: ReadonlyArray<{ readonly code: string; readonly message: string; readonly field?: ReadonlyArray<string | null | undefined> | null | undefined }>;
  readonly member: { readonly givenName: string } | null | undefined;
};

/**
 * The state of a page that sets a password from a link: the field's and the page's errors, and the outcome. A payload with
 * an access token signs the person in here (the token module keeps it); INVALID_TOKEN replaces the form with its message.
 */
export function useNewPassword() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<{ kind: 'done' } | { kind: 'refused'; message: string } | null>(null);
  const answer = (payload: SignInAnswer) => {
    if (payload.accessToken) {
      setToken(payload.accessToken, payload.member?.givenName ?? null);
      setOutcome({ kind: 'done' });
      return;
    }
    const refused = linkRefusal(payload.errors);
    if (refused) { setOutcome({ kind: 'refused', message: refused }); return; }
    const split = splitUserErrors(payload.errors, ['password']);
    setErrors(split.fields);
    setAlert(split.page);
    if (split.fields.password) document.getElementById('password')?.focus();
  };
  const start = () => { setErrors({}); setAlert([]); };
  const failed = (error: unknown) => setAlert([requestFailed(error)]);
  return { errors, setErrors, alert, outcome, answer, start, failed };
}
