import { useState } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { ConfirmEmailPageMutation } from '../../__generated__/ConfirmEmailPageMutation.graphql';
import { requestFailed } from '../../ui/userErrors';
import { getToken } from '../../relay/token';
import { IncompleteLink, linkRefusal, Outcome, useLinkToken } from './linkToken';

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
  const [alert, setAlert] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<{ kind: 'done' } | { kind: 'refused'; message: string } | null>(null);

  if (!token) return <IncompleteLink mail="confirmation mail" />;
  if (outcome?.kind === 'done') {
    return (
      <Outcome title="Your new address is confirmed" tone="done">
        <p>Your new email address is confirmed. Use it to sign in from now on.</p>
        <p>{getToken() ? <Link to="/me">Go to your member page</Link> : <Link to="/sign-in">Sign in</Link>}</p>
      </Outcome>
    );
  }
  if (outcome?.kind === 'refused') {
    return (
      <Outcome title="This confirmation link does not work" tone="problem">
        <p>{outcome.message}</p>
        <p>Your email address has not changed. <Link to="/me">Go to your member page</Link> (you may be asked to sign in).</p>
      </Outcome>
    );
  }
  const confirm = () => {
    setAlert([]);
    commit({
      variables: { input: { token } },
      onCompleted: (response) => {
        const result = response.confirmEmailChange;
        if (result.confirmed) { setOutcome({ kind: 'done' }); return; }
        const refused = linkRefusal(result.errors, ['INVALID_TOKEN', 'ALREADY_EXISTS']);
        if (refused) setOutcome({ kind: 'refused', message: refused });
        else setAlert(result.errors.map((e) => e.message));
      },
      onError: (error) => setAlert([requestFailed(error)]),
    });
  };
  return (
    <>
      <title>Confirm your new email address · Workers Power</title>
      <h1>Confirm your new email address</h1>
      <div className="form">
        <p>You asked to use this address for your membership from now on. Confirm it, and it becomes your email address and the one you sign in with. This link works once, for 24 hours from when it was sent.</p>
        {alert.length > 0 ? <div className="alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
        <button type="button" className="button" disabled={inFlight} onClick={confirm}>{inFlight ? 'Confirming…' : 'Confirm my new address'}</button>
      </div>
    </>
  );
}
