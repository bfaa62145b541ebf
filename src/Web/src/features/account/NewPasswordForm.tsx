import { useState, type FormEvent, type ReactNode } from 'react';
import type { FieldErrors } from '../../ui/Field';
import { PasswordField } from '../../ui/PasswordField';
import { requestFailed, splitUserErrors } from '../../ui/userErrors';
import { setToken } from '../../relay/token';
import { linkRefusal, Outcome } from './linkToken';

/** The form of the pages that set a password from a mail's link (activation, reset): the new password and a button. */
function NewPasswordForm({ intro, submit, busy, inFlight, errors, alert, onPassword, onMissing }: {
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
function useNewPassword() {
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

type NewPasswordState = ReturnType<typeof useNewPassword>;

/**
 * A page that sets a password from a mail's link: the form; once set, what happens next (the person is signed in);
 * when the link is refused, its reason and a way on.
 */
export function SetPasswordPage({ title, intro, submit, inFlight, doneTitle, done, refusedTitle, wayOn, send }: {
  title: string; intro: string; submit: string; inFlight: boolean;
  doneTitle: string; done: ReactNode; refusedTitle: string; wayOn: ReactNode;
  send: (password: string, state: NewPasswordState) => void;
}) {
  const state = useNewPassword();
  if (state.outcome?.kind === 'done') return <Outcome title={doneTitle} tone="done">{done}</Outcome>;
  if (state.outcome?.kind === 'refused') {
    return <Outcome title={refusedTitle} tone="problem"><p>{state.outcome.message}</p>{wayOn}</Outcome>;
  }
  return (
    <>
      <title>{`${title} · Workers Power`}</title>
      <h1>{title}</h1>
      <NewPasswordForm intro={<p>{intro}</p>} submit={submit} busy="Setting your password…" inFlight={inFlight}
        errors={state.errors} alert={state.alert} onMissing={state.setErrors}
        onPassword={(password) => { state.start(); send(password, state); }} />
    </>
  );
}
