import { graphql, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { UnsubscribePageMutation } from '../../__generated__/UnsubscribePageMutation.graphql';
import { IncompleteLink, useLinkToken } from './linkToken';
import { LinkButtonPage } from './LinkButtonPage';

/**
 * /unsubscribe?token=…: the unsubscribe link of every mail that needs consent. Opening it changes nothing (mail scanners
 * follow links); the button unsubscribes (unsubscribeFromEmail). Nobody signs in: the link is the authority. (Mail
 * programs' one-click unsubscribe POSTs to the same address, answered by the host without this page.)
 */
export function UnsubscribePage() {
  const token = useLinkToken();
  const [commit, inFlight] = useMutation<UnsubscribePageMutation>(graphql`
    mutation UnsubscribePageMutation($input: UnsubscribeFromEmailInput!) {
      unsubscribeFromEmail(input: $input) { unsubscribed errors { code message field } }
    }
  `);
  const stillReaches = <p>Mail about your membership or your account (such as a password reset) still reaches you.</p>;
  if (!token) return <IncompleteLink mail="mail" />;
  return (
    <LinkButtonPage
      title="Unsubscribe from email" button="Unsubscribe" busy="Unsubscribing…" inFlight={inFlight}
      doneTitle="You are unsubscribed"
      done={<>
        <p>You will no longer receive reminders and messages from Workers Power by email.</p>
        {stillReaches}
        <p>You can turn email on again in your profile: <Link to="/me">go to your member page</Link> (you may be asked to sign in).</p>
      </>}
      refusedTitle="This unsubscribe link does not work"
      wayOn={<p><Link to="/me">Go to your member page</Link> (you may be asked to sign in).</p>}
      send={(answer, failed) => commit({
        variables: { input: { token } },
        onCompleted: (response) => answer(response.unsubscribeFromEmail.unsubscribed, response.unsubscribeFromEmail.errors),
        onError: failed,
      })}
    >
      <p>Stop receiving reminders and messages from Workers Power by email?</p>
      {stillReaches}
    </LinkButtonPage>
  );
}
