import { useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { SignInPageMutation } from '../../__generated__/SignInPageMutation.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { requestFailed, splitUserErrors } from '../../ui/userErrors';
import { setToken } from '../../relay/token';

/** Only a path on this site (never another origin) may be where a person goes after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/me';
}

/** Sign in with email and password; the token goes to the token module, then on to /me (or the page that sent them). */
export function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [commit, inFlight] = useMutation<SignInPageMutation>(graphql`
    mutation SignInPageMutation($input: SignInInput!) {
      signIn(input: $input) { accessToken errors { code message field } member { givenName } }
    }
  `);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const missing: FieldErrors = {};
    if (!email) missing.email = 'Please enter your email address.';
    if (!password) missing.password = 'Please enter your password.';
    setErrors(missing);
    if (Object.keys(missing).length) { setAlert([]); return; }
    commit({
      variables: { input: { email, password } },
      onCompleted: (response) => {
        const result = response.signIn;
        if (result.accessToken) {
          setToken(result.accessToken, result.member?.givenName ?? null);
          void navigate(next, { replace: true });
          return;
        }
        const split = splitUserErrors(result.errors, ['email', 'password']);
        setErrors(split.fields);
        setAlert(split.page.length ? split.page : ['The email or password is not right. Please try again.']);
      },
      onError: (error) => setAlert([requestFailed(error)]),
    });
  };

  return (
    <>
      <title>Sign in · Workers Power</title>
      <h1>Sign in</h1>
      <p>Members sign in with the email address they joined with and the password they set.</p>
      <form className="form" noValidate onSubmit={submit} aria-describedby={alert.length ? 'form-alert' : undefined}>
        {alert.length > 0 ? (
          <div className="alert" id="form-alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div>
        ) : null}
        <div className="field" data-invalid={errors.email ? 'true' : undefined}>
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required {...describedBy('email', errors)} />
          <FieldError name="email" errors={errors} />
        </div>
        <div className="field" data-invalid={errors.password ? 'true' : undefined}>
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required {...describedBy('password', errors)} />
          <FieldError name="password" errors={errors} />
        </div>
        <button type="submit" className="button" disabled={inFlight}>{inFlight ? 'Signing in…' : 'Sign in'}</button>
      </form>
      <p className="form-after">Forgotten your password? <Link to="/forgot-password">Set a new one</Link>.</p>
      <p>Not a member yet? <Link to="/join">Join Workers Power</Link>.</p>
    </>
  );
}
