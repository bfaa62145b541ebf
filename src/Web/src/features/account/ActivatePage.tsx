import { graphql, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { ActivatePageMutation } from '../../__generated__/ActivatePageMutation.graphql';
import { IncompleteLink, useLinkToken } from './linkToken';
import { SetPasswordPage } from './NewPasswordForm';

/** /activate?token=…: the invitation mail's link. The new member chooses a password (activateAccount) and is signed in. */
export function ActivatePage() {
  const token = useLinkToken();
  const [commit, inFlight] = useMutation<ActivatePageMutation>(graphql`
    mutation ActivatePageMutation($input: ActivateAccountInput!) {
      activateAccount(input: $input) { accessToken errors { code message field } member { givenName } }
    }
  `);
  if (!token) return <IncompleteLink mail="invitation mail" />;
  return (
    <SetPasswordPage
      title="Set your password" submit="Set my password" inFlight={inFlight}
      intro="Welcome! Choose the password you will sign in with. This link works once, for 7 days from when it was sent."
      doneTitle="Your account is active"
      done={<>
        <p>Your password is set and you are signed in.</p>
        <p>From now on, sign in with your email address and this password.</p>
        <p><Link to="/me">Go to your member page</Link></p>
      </>}
      refusedTitle="This invitation link does not work"
      wayOn={<p>If you have set your password already, <Link to="/sign-in">sign in</Link>. If you have forgotten it, <Link to="/forgot-password">ask for a link to set a new one</Link>.</p>}
      send={(password, { answer, failed }) => commit({
        variables: { input: { invitationToken: token, password } },
        onCompleted: (response) => answer(response.activateAccount),
        onError: failed,
      })}
    />
  );
}
