import { useState } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { UnsubscribePageMutation } from '../../__generated__/UnsubscribePageMutation.graphql';
import { requestFailed } from '../../ui/userErrors';
import { IncompleteLink, linkRefusal, Outcome, useLinkToken } from './linkToken';

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
  const [alert, setAlert] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<{ kind: 'done' } | { kind: 'refused'; message: string } | null>(null);

  if (!token) return <IncompleteLink mail="mail" />;
  if (outcome?.kind === 'done') {
    return (
      <Outcome title="You are unsubscribed" tone="done">
        <p>You will no longer receive reminders and messages from Workers Power by email.</p>
        <p>Mail about your membership or your account (such as a password reset) still reaches you.</p>
        <p>You can turn email on again in your profile: <Link to="/me">go to your member page</Link> (you may be asked to sign in).</p>
      </Outcome>
    );
  }
  if (outcome?.kind === 'refused') {
    return (
      <Outcome title="This unsubscribe link does not work" tone="problem">
        <p>{outcome.message}</p>
        <p><Link to="/me">Go to your member page</Link> (you may be asked to sign in).</p>
      </Outcome>
    );
  }
  const unsubscribe = () => {
    setAlert([]);
    commit({
      variables: { input: { token } },
      onCompleted: (response) => {
        const result = response.unsubscribeFromEmail;
        if (result.unsubscribed) { setOutcome({ kind: 'done' }); return; }
        const refused = linkRefusal(result.errors);
        if (refused) setOutcome({ kind: 'refused', message: refused });
        else setAlert(result.errors.map((e) => e.message));
      },
      onError: (error) => setAlert([requestFailed(error)]),
    });
  };
  return (
    <>
      <title>Unsubscribe from email · Workers Power</title>
      <h1>Unsubscribe from email</h1>
      <div className="form">
        <p>Stop receiving reminders and messages from Workers Power by email?</p>
        <p>Mail about your membership or your account (such as a password reset) still reaches you.</p>
        {alert.length > 0 ? <div className="alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
        <button type="button" className="button" disabled={inFlight} onClick={unsubscribe}>{inFlight ? 'Unsubscribing…' : 'Unsubscribe'}</button>
      </div>
    </>
  );
}
