import { graphql, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { ConfirmEmailPageMutation } from '../../__generated__/ConfirmEmailPageMutation.graphql';
import { getToken } from '../../relay/token';
import { IncompleteLink, useLinkToken } from './linkToken';
import { LinkButtonPage } from './LinkButtonPage';

/**
 * /confirm-email?token=…: the link mailed to a member's new address. Opening it changes nothing (mail scanners open links
 * too); the button confirms the change (confirmEmailChange).
 */
export function ConfirmEmailPage() {
  const token = useLinkToken();
  const [commit, inFlight] = useMutation<ConfirmEmailPageMutation>(graphql`
    mutation ConfirmEmailPageMutation($input: ConfirmEmailChangeInput!) {
      confirmEmailChange(input: $input) { confirmed errors { code message field } }
    }
  `);
  if (!token) return <IncompleteLink mail="confirmation mail" />;
  return (
    <LinkButtonPage
      title="Confirm your new email address" button="Confirm my new address" busy="Confirming…" inFlight={inFlight}
      doneTitle="Your new address is confirmed"
      done={<>
        <p>Your new email address is confirmed. Use it to sign in from now on.</p>
        <p>{getToken() ? <Link to="/me">Go to your member page</Link> : <Link to="/sign-in">Sign in</Link>}</p>
      </>}
      refusedTitle="This confirmation link does not work" refusals={['INVALID_TOKEN', 'ALREADY_EXISTS']}
      wayOn={<p>Your email address has not changed. <Link to="/me">Go to your member page</Link> (you may be asked to sign in).</p>}
      send={(answer, failed) => commit({
        variables: { input: { token } },
        onCompleted: (response) => answer(response.confirmEmailChange.confirmed, response.confirmEmailChange.errors),
        onError: failed,
      })}
    >
      <p>You asked to use this address for your membership from now on. Confirm it, and it becomes your email address and the one you sign in with. This link works once, for 24 hours from when it was sent.</p>
    </LinkButtonPage>
  );
}
