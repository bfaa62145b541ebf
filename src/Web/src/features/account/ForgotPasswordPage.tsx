import { useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { ForgotPasswordPageMutation } from '../../__generated__/ForgotPasswordPageMutation.graphql';
import { TextField, type FieldErrors } from '../../ui/Field';
import { requestFailed, splitUserErrors } from '../../ui/userErrors';
import { Outcome } from './linkToken';

/**
 * /forgot-password: asks for a link to set a new password (requestPasswordReset). The answer is the server's, the same
 * whether or not an account has the address, so this page never says whether it has.
 */
export function ForgotPasswordPage() {
  const [commit, inFlight] = useMutation<ForgotPasswordPageMutation>(graphql`
    mutation ForgotPasswordPageMutation($input: RequestPasswordResetInput!) {
      requestPasswordReset(input: $input) { message errors { code message field } }
    }
  `);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const [answer, setAnswer] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    setAlert([]);
    if (!email) { setErrors({ email: 'Please enter your email address.' }); document.getElementById('email')?.focus(); return; }
    setErrors({});
    commit({
      variables: { input: { email } },
      onCompleted: (response) => {
        const result = response.requestPasswordReset;
        if (result.message) { setAnswer(result.message); return; }
        const split = splitUserErrors(result.errors, ['email']);
        setErrors(split.fields);
        setAlert(split.page);
      },
      onError: (error) => setAlert([requestFailed(error)]),
    });
  };

  if (answer) {
    return (
      <Outcome title="What happens next" tone="done">
        <p>{answer}</p>
        <p><Link to="/sign-in">Back to sign in</Link></p>
      </Outcome>
    );
  }
  return (
    <>
      <title>Forgotten your password? · Workers Power</title>
      <h1>Forgotten your password?</h1>
      <form className="form" noValidate onSubmit={submit} aria-describedby={alert.length ? 'form-alert' : undefined}>
        <p>Give the email address you sign in with, and we will mail it a link to set a new password.</p>
        {alert.length > 0 ? <div className="alert" id="form-alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
        <TextField name="email" label="Email" type="email" errors={errors} required autoComplete="email" inputMode="email" />
        <button type="submit" className="button" disabled={inFlight}>{inFlight ? 'Sending…' : 'Mail me a link'}</button>
      </form>
      <p className="form-after">Remembered it? <Link to="/sign-in">Sign in</Link>.</p>
    </>
  );
}
