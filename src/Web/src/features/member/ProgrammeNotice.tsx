import { useEffect, useRef, useState } from 'react';
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { ProgrammeNotice_query$key } from '../../__generated__/ProgrammeNotice_query.graphql';
import type { ProgrammeNoticeAcceptMutation } from '../../__generated__/ProgrammeNoticeAcceptMutation.graphql';
import { formatDate } from '../../ui/dates';
import { requestFailed } from '../../ui/userErrors';

/**
 * On the dashboard: when the programme has a version newer than the one the member accepted (or none is on record,
 * for members from before the ledger), a notice asks them to read it and accept it as it stands now. Members are not
 * bound to a new text silently: nothing is recorded until they press the button. After accepting, the notice says so
 * (role=status) and is gone on the next visit.
 */
export function ProgrammeNotice({ query }: { query: ProgrammeNotice_query$key }) {
  const data = useFragment(
    graphql`
      fragment ProgrammeNotice_query on Query {
        me { id programmeAccepted { current currentVersion version acceptedAt } }
        page(slug: "programme") { id version updatedAt }
      }
    `,
    query,
  );
  const [accepted, setAccepted] = useState<number | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  // the button goes once accepted: the focus moves to the words that say so
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => { if (accepted !== null) status.current?.focus(); }, [accepted]);
  const [commit, inFlight] = useMutation<ProgrammeNoticeAcceptMutation>(graphql`
    mutation ProgrammeNoticeAcceptMutation($input: AcceptProgrammeInput!) {
      acceptProgramme(input: $input) {
        member { id programmeAccepted { current currentVersion version acceptedAt } }
        errors { code message }
      }
    }
  `);

  if (accepted !== null) {
    return (
      <p className="saved programme-accepted" role="status" tabIndex={-1} ref={status}>
        Thank you: you have accepted version {accepted} of the programme. It is recorded with today’s date in <Link to="/me/history">your history</Link>.
      </p>
    );
  }

  const programme = data.page;
  const acceptance = data.me?.programmeAccepted ?? null;
  const currentVersion = acceptance?.currentVersion ?? programme?.version ?? null;
  // No programme page, or the member accepted the text in force now: nothing to ask.
  if (!programme || currentVersion === null) return null;
  if (acceptance ? acceptance.current : false) return null;

  const accept = () => {
    setErrors([]);
    commit({
      variables: { input: { version: currentVersion } },
      onCompleted: (response) => {
        const payload = response.acceptProgramme;
        if (payload.errors.length > 0) { setErrors(payload.errors.map((e) => e.message)); return; }
        setAccepted(currentVersion);
      },
      onError: (error) => setErrors([requestFailed(error)]),
    });
  };

  const changed = formatDate(String(programme.updatedAt));
  return (
    <section className="programme-notice" aria-labelledby="programme-notice-title">
      <h2 id="programme-notice-title">Our programme has changed</h2>
      <p>
        The programme now stands at version {currentVersion}, last changed on{' '}
        <time dateTime={String(programme.updatedAt)}>{changed}</time>.{' '}
        {acceptance
          ? <>You accepted version {acceptance.version} on <time dateTime={String(acceptance.acceptedAt)}>{formatDate(String(acceptance.acceptedAt))}</time>.</>
          : <>We have no record of which version you accepted.</>}
      </p>
      <p>
        You are not bound by the new text until you accept it. Please <Link to="/programme">read the programme as it stands now</Link>,
        and if you agree with it, tell us here.
      </p>
      <div className="button-row">
        <button type="button" className="button" data-mutation="acceptProgramme" disabled={inFlight}
          aria-describedby={errors.length > 0 ? 'programme-notice-error' : undefined} onClick={accept}>
          {inFlight ? 'Recording…' : 'I accept the programme as it stands now'}
        </button>
      </div>
      {errors.length > 0
        ? <div className="alert" id="programme-notice-error" role="alert">{errors.map((m) => <p key={m}>{m}</p>)}</div>
        : null}
    </section>
  );
}
