import { graphql, useMutation } from 'react-relay/hooks';
import { Link, Navigate } from 'react-router';
import type { ResetPasswordPageMutation } from '../../__generated__/ResetPasswordPageMutation.graphql';
import { useLinkToken } from './linkToken';
import { SetPasswordPage } from './NewPasswordForm';

/**
 * /reset-password?token=…: the password reset mail's link. The person sets a new password (resetPassword) and is signed in
 * here, and out everywhere else. Without a token (mails that say "reset your password" link here) it asks for a link.
 */
export function ResetPasswordPage() {
  const token = useLinkToken();
  const [commit, inFlight] = useMutation<ResetPasswordPageMutation>(graphql`
    mutation ResetPasswordPageMutation($input: ResetPasswordInput!) {
      resetPassword(input: $input) { accessToken errors { code message field } member { givenName } }
    }
  `);
  if (!token) return <Navigate to="/forgot-password" replace />;
  return (
    <SetPasswordPage
      title="Set a new password" submit="Set my new password" inFlight={inFlight}
      intro="Choose a new password. Once it is set, you are signed out everywhere else. This link works once, for one hour from when it was sent."
      doneTitle="Your new password is set"
      done={<>
        <p>You are signed in here, and signed out everywhere else.</p>
        <p>From now on, sign in with your email address and this password.</p>
        <p><Link to="/me">Go to your member page</Link></p>
      </>}
      refusedTitle="This password reset link does not work"
      wayOn={<p><Link to="/forgot-password">Ask for a new link</Link></p>}
      send={(password, { answer, failed }) => commit({
        variables: { input: { token, password } },
        onCompleted: (response) => answer(response.resetPassword),
        onError: failed,
      })}
    />
  );
}
