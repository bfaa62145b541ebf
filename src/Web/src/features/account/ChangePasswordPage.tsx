import { useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { Link, Navigate } from 'react-router';
import type { ChangePasswordPageMutation } from '../../__generated__/ChangePasswordPageMutation.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { PasswordField } from '../../ui/PasswordField';
import { requestFailed, splitUserErrors } from '../../ui/userErrors';
import { getGivenName, getToken, setToken } from '../../relay/token';
import { Outcome } from './linkToken';

/** /account/password: signed in only (signed out → /sign-in, and back here afterwards). */
export function ChangePasswordPage() {
  if (getToken() === null) return <Navigate to={`/sign-in?next=${encodeURIComponent('/account/password')}`} replace />;
  return <ChangePasswordForm />;
}

/** The current password and a new one (changePassword); the fresh token replaces the old, which stops working everywhere. */
function ChangePasswordForm() {
  const [commit, inFlight] = useMutation<ChangePasswordPageMutation>(graphql`
    mutation ChangePasswordPageMutation($input: ChangePasswordInput!) {
      changePassword(input: $input) { accessToken errors { code message field } }
    }
  `);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const [done, setDone] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    const missing: FieldErrors = {};
    if (!currentPassword) missing.currentPassword = 'Please enter your current password.';
    if (!newPassword) missing.newPassword = 'Please choose a new password.';
    setErrors(missing);
    setAlert([]);
    if (Object.keys(missing).length) { document.getElementById(missing.currentPassword ? 'currentPassword' : 'newPassword')?.focus(); return; }
    commit({
      variables: { input: { currentPassword, newPassword } },
      onCompleted: (response) => {
        const result = response.changePassword;
        if (result.accessToken) { setToken(result.accessToken, getGivenName()); setDone(true); return; }
        const split = splitUserErrors(result.errors, ['currentPassword', 'newPassword']);
        setErrors(split.fields);
        setAlert(split.page);
        const first = ['currentPassword', 'newPassword'].find((n) => split.fields[n]);
        if (first) document.getElementById(first)?.focus();
      },
      onError: (error) => setAlert([requestFailed(error)]),
    });
  };

  if (done) {
    return (
      <Outcome title="Your password is changed" tone="done">
        <p>Use your new password from now on. You stay signed in here, and are signed out everywhere else.</p>
        <p><Link to="/me">Go to your member page</Link></p>
      </Outcome>
    );
  }
  return (
    <>
      <title>Change your password · Workers Power</title>
      <h1>Change your password</h1>
      <form className="form" noValidate onSubmit={submit} aria-describedby={alert.length ? 'form-alert' : undefined}>
        <p>Once it is changed, you are signed out everywhere else.</p>
        {alert.length > 0 ? <div className="alert" id="form-alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
        <div className="field" data-invalid={errors.currentPassword ? 'true' : undefined}>
          <label htmlFor="currentPassword">Current password</label>
          <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required {...describedBy('currentPassword', errors)} />
          <FieldError name="currentPassword" errors={errors} />
        </div>
        <PasswordField name="newPassword" label="New password" errors={errors} />
        <button type="submit" className="button" disabled={inFlight}>{inFlight ? 'Changing…' : 'Change my password'}</button>
      </form>
      <p className="form-after">Forgotten your current password? <Link to="/forgot-password">Ask for a link to set a new one</Link>.</p>
    </>
  );
}
