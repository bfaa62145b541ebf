import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fetchQuery, graphql, useMutation, useRelayEnvironment } from 'react-relay/hooks';
import { useNavigate } from 'react-router';
import type { DataPageExportQuery } from '../../__generated__/DataPageExportQuery.graphql';
import type { DataPageResignMutation } from '../../__generated__/DataPageResignMutation.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { requestFailed, splitUserErrors } from '../../ui/userErrors';

const exportQuery = graphql`
  query DataPageExportQuery {
    exportMyData
  }
`;

/** Saves text as a file through a Blob and a temporary <a download> (no new window, nothing kept afterwards). */
function saveFile(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** /me/data: download everything held about me, and resign. */
export function DataPage() {
  return (
    <>
      <title>Your data · Workers Power</title>
      <h1>Your data and your membership</h1>
      <Download />
      <Resign />
    </>
  );
}

function Download() {
  const environment = useRelayEnvironment();
  const [state, setState] = useState<{ busy: boolean; saved: string | null; alert: string | null }>({ busy: false, saved: null, alert: null });
  const download = () => {
    setState({ busy: true, saved: null, alert: null });
    fetchQuery<DataPageExportQuery>(environment, exportQuery, {}, { fetchPolicy: 'network-only' }).toPromise()
      .then((data) => {
        if (!data?.exportMyData) { setState({ busy: false, saved: null, alert: 'There is no member record for this account, so there is nothing to download.' }); return; }
        const day = new Date().toISOString().slice(0, 10);
        saveFile(data.exportMyData, `workers-power-my-data-${day}.json`);
        setState({ busy: false, saved: `Your data is downloading as workers-power-my-data-${day}.json.`, alert: null });
      })
      .catch((error: unknown) => setState({ busy: false, saved: null, alert: requestFailed(error) }));
  };
  return (
    <section className="form-section" aria-labelledby="download-title">
      <h2 id="download-title">Download your data</h2>
      <p className="form">
        One file (JSON) with everything Workers Power holds about you: your profile, your account, your applications, your
        contributions, your history, and your part in campaigns. Keep it somewhere safe: it is personal.
      </p>
      <button type="button" className="button" disabled={state.busy} onClick={download}>{state.busy ? 'Preparing…' : 'Download my data'}</button>
      {state.alert ? <div className="alert" role="alert"><p>{state.alert}</p></div> : null}
      <p className="saved" role="status" hidden={!state.saved}>{state.saved}</p>
    </section>
  );
}

/** Resigning, in two explicit steps: what it means, then a second button that does it. */
function Resign() {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { if (confirming) heading.current?.focus(); }, [confirming]);
  // One request, run in order: resign, then sign out everywhere (every token of the account stops working at once).
  // Both in one request, because once resigned the member's token is refused, so a later signOut could not run.
  const [commit, inFlight] = useMutation<DataPageResignMutation>(graphql`
    mutation DataPageResignMutation($input: ResignMembershipInput!) {
      resignMembership(input: $input) {
        member { id status }
        errors { code message field }
      }
      signOut(input: {}) { signedOutAt }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    commit({
      variables: { input: { reason: reason || null } },
      onCompleted: (response) => {
        const payload = response.resignMembership;
        if (payload.errors.length === 0) { void navigate('/me/resigned', { replace: true, state: { resigned: true } }); return; }
        // not resigned, but signed out all the same: the sign-in page brings them back here to try again
        const split = splitUserErrors(payload.errors, ['reason']);
        setErrors(split.fields);
        setAlert([...split.page, 'You have been signed out. Please sign in again to try once more.']);
      },
      onError: (error) => setAlert([requestFailed(error)]),
    });
  };
  return (
    <section className="form-section" aria-labelledby="resign-title">
      <h2 id="resign-title">Resign your membership</h2>
      {!confirming ? (
        <>
          <p className="form">If you want to leave Workers Power, you can resign here. You will be asked to confirm.</p>
          <button type="button" className="button button--light" onClick={() => setConfirming(true)}>I want to resign…</button>
        </>
      ) : (
        <form className="warning" noValidate onSubmit={submit} aria-labelledby="resign-confirm-title">
          <h3 id="resign-confirm-title" tabIndex={-1} ref={heading}>Are you sure you want to resign?</h3>
          <p>Resigning means:</p>
          <ul>
            <li>you are no longer a member: you cannot sign up for actions, and your pledge stops;</li>
            <li>you are signed out now, and you cannot sign in again unless you rejoin;</li>
            <li>your record and history are kept, as the rules require; download your data first if you want a copy;</li>
            <li>you can rejoin at any time by applying again.</li>
          </ul>
          {alert.length > 0 ? <div className="alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
          <div className="field" data-invalid={errors.reason ? 'true' : undefined}>
            <label htmlFor="reason">Why are you leaving? (optional)</label>
            <textarea id="reason" name="reason" maxLength={1000} {...describedBy('reason', errors)} />
            <FieldError name="reason" errors={errors} />
          </div>
          <div className="button-row">
            <button type="submit" className="button" disabled={inFlight}>{inFlight ? 'Resigning…' : 'Yes, resign my membership'}</button>
            <button type="button" className="button button--light" onClick={() => { setConfirming(false); setAlert([]); setErrors({}); }}>No, keep my membership</button>
          </div>
        </form>
      )}
    </section>
  );
}
