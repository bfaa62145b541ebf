import { graphql, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { ActivatePageMutation } from '../../__generated__/ActivatePageMutation.graphql';
import { IncompleteLink, Outcome, useLinkToken } from './linkToken';
import { NewPasswordForm, useNewPassword } from './NewPasswordForm';

/** /activate?token=…: the invitation mail's link. The new member chooses a password (activateAccount) and is signed in. */
export function ActivatePage() {
  const token = useLinkToken();
  const state = useNewPassword();
  const [commit, inFlight] = useMutation<ActivatePageMutation>(graphql`
    mutation ActivatePageMutation($input: ActivateAccountInput!) {
      activateAccount(input: $input) { accessToken errors { code message field } member { givenName } }
    }
  `);

  if (!token) return <IncompleteLink mail="invitation mail" />;
  if (state.outcome?.kind === 'done') {
    return (
      <Outcome title="Your account is active" tone="done">
        <p>Your password is set and you are signed in.</p>
        <p>From now on, sign in with your email address and this password.</p>
        <p><Link to="/me">Go to your member page</Link></p>
      </Outcome>
    );
  }
  if (state.outcome?.kind === 'refused') {
    return (
      <Outcome title="This invitation link does not work" tone="problem">
        <p>{state.outcome.message}</p>
        <p>If you have set your password already, <Link to="/sign-in">sign in</Link>. If you have forgotten it, <Link to="/forgot-password">ask for a link to set a new one</Link>.</p>
      </Outcome>
    );
  }
  return (
    <>
      <title>Set your password · Workers Power</title>
      <h1>Set your password</h1>
      <NewPasswordForm
        intro={<p>Welcome! Choose the password you will sign in with. This link works once, for 7 days from when it was sent.</p>}
        submit="Set my password" busy="Setting your password…" inFlight={inFlight}
        errors={state.errors} alert={state.alert} onMissing={state.setErrors}
        onPassword={(password) => {
          state.start();
          commit({
            variables: { input: { invitationToken: token, password } },
            onCompleted: (response) => state.answer(response.activateAccount),
            onError: state.failed,
          });
        }}
      />
    </>
  );
}
