import { graphql, useMutation } from 'react-relay/hooks';
import { Link, Navigate } from 'react-router';
import type { ResetPasswordPageMutation } from '../../__generated__/ResetPasswordPageMutation.graphql';
import { Outcome, useLinkToken } from './linkToken';
import { NewPasswordForm, useNewPassword } from './NewPasswordForm';

/**
 * /reset-password?token=…: the password reset mail's link. The person sets a new password (resetPassword) and is signed in
 * here, and out everywhere else. Without a token (mails that say "reset your password" link here) it asks for a link.
 */
export function ResetPasswordPage() {
  const token = useLinkToken();
  const state = useNewPassword();
  const [commit, inFlight] = useMutation<ResetPasswordPageMutation>(graphql`
    mutation ResetPasswordPageMutation($input: ResetPasswordInput!) {
      resetPassword(input: $input) { accessToken errors { code message field } member { givenName } }
    }
  `);

  if (!token) return <Navigate to="/forgot-password" replace />;
  if (state.outcome?.kind === 'done') {
    return (
      <Outcome title="Your new password is set" tone="done">
        <p>You are signed in here, and signed out everywhere else.</p>
        <p>From now on, sign in with your email address and this password.</p>
        <p><Link to="/me">Go to your member page</Link></p>
      </Outcome>
    );
  }
  if (state.outcome?.kind === 'refused') {
    return (
      <Outcome title="This password reset link does not work" tone="problem">
        <p>{state.outcome.message}</p>
        <p><Link to="/forgot-password">Ask for a new link</Link></p>
      </Outcome>
    );
  }
  return (
    <>
      <title>Set a new password · Workers Power</title>
      <h1>Set a new password</h1>
      <NewPasswordForm
        intro={<p>Choose a new password. Once it is set, you are signed out everywhere else. This link works once, for one hour from when it was sent.</p>}
        submit="Set my new password" busy="Setting your password…" inFlight={inFlight}
        errors={state.errors} alert={state.alert} onMissing={state.setErrors}
        onPassword={(password) => {
          state.start();
          commit({
            variables: { input: { token, password } },
            onCompleted: (response) => state.answer(response.resetPassword),
            onError: state.failed,
          });
        }}
      />
    </>
  );
}
