import { useId, useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { MotionsSubmitMutation } from '../../__generated__/MotionsSubmitMutation.graphql';
import type { MotionsSecondMutation } from '../../__generated__/MotionsSecondMutation.graphql';
import type { MotionsWithdrawMutation } from '../../__generated__/MotionsWithdrawMutation.graphql';
import type { MotionsAmendMutation } from '../../__generated__/MotionsAmendMutation.graphql';
import type { MotionsSecondAmendmentMutation } from '../../__generated__/MotionsSecondAmendmentMutation.graphql';
import type { MotionsPutToVoteMutation } from '../../__generated__/MotionsPutToVoteMutation.graphql';
import type { MeetingData } from './MeetingPage';
import { useOutcome } from './outcome';
import { described, FieldBox, OutcomeLine } from './Parts';
import { ballotStatusNames, formatWhen, isoOf, motionStatusNames } from './words';

type Motion = MeetingData['motions'][number];
type Amendment = Motion['amendments'][number];
type Person = { readonly memberId: string; readonly displayName: string } | null | undefined;

const names = (people: ReadonlyArray<{ readonly displayName: string }>) => people.map((p) => p.displayName).join(', ');

/** Who seconded, against how many are needed. */
function SecondersLine({ seconders, required }: { seconders: ReadonlyArray<{ readonly displayName: string }>; required: number }) {
  return (
    <p className="muted">
      Seconded by {seconders.length === 0 ? 'nobody yet' : names(seconders)} ({seconders.length} of {required} needed)
    </p>
  );
}

/** A motion: its text and versions, mover and seconders, amendments; what the viewer may do with it. */
export function MotionItem({ motion, meeting, viewerId }: { motion: Motion; meeting: MeetingData; viewerId: string | null }) {
  const headingId = useId();
  const open = meeting.status === 'OPEN';
  const mine = (p: Person) => !!viewerId && p?.memberId === viewerId;
  const seconded = motion.seconders.some(mine);
  const canSecond = open && !!viewerId && motion.status === 'SUBMITTED' && !mine(motion.mover) && !seconded;
  const canWithdraw = open && mine(motion.mover) && (motion.status === 'SUBMITTED' || motion.status === 'SECONDED');
  const canAmend = open && !!viewerId && (motion.status === 'SUBMITTED' || motion.status === 'SECONDED');
  const earlier = motion.versions.filter((v) => v.version !== motion.version);
  return (
    <article aria-labelledby={headingId} className="motion">
      <h3 id={headingId}>{motion.title}</h3>
      <p><span className="status-badge">{motionStatusNames[motion.status] ?? motion.status}</span> Moved by {motion.mover?.displayName ?? 'a former member'}</p>
      <div className="motion-text">{motion.text}</div>
      <SecondersLine seconders={motion.seconders} required={meeting.secondersRequired} />
      {earlier.length > 0 ? (
        <details className="versions">
          <summary>Earlier versions ({earlier.length})</summary>
          <ol>
            {earlier.map((v) => (
              <li key={v.version} value={v.version}>
                <p className="muted">Version {v.version}, {formatWhen(v.at)}{v.byAmendment ? ' (before an amendment)' : ''}</p>
                <div className="motion-text">{v.text}</div>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {motion.ballot ? (
        <p><Link to={`/decisions/ballots/${encodeURIComponent(motion.ballot.id)}`}>The ballot on this motion</Link> · {ballotStatusNames[motion.ballot.status]}</p>
      ) : null}
      <div className="button-row">
        {canSecond || seconded ? <SecondMotion motionId={motion.id} title={motion.title} seconded={seconded} /> : null}
        {canWithdraw ? <WithdrawMotion motionId={motion.id} /> : null}
      </div>
      {meeting.viewerMayChair && open && motion.status === 'SECONDED' ? <PutToVote target={{ motionId: motion.id }} what={`the motion “${motion.title}”`} /> : null}
      {motion.amendments.length > 0 ? (
        <section aria-label={`Amendments to ${motion.title}`}>
          <h4>Amendments</h4>
          <ol className="amendments">
            {[...motion.amendments].sort((a, b) => a.order - b.order).map((a) => (
              <li key={a.id}><AmendmentItem amendment={a} meeting={meeting} viewerId={viewerId} /></li>
            ))}
          </ol>
        </section>
      ) : null}
      {canAmend ? <AmendForm motion={motion} /> : null}
    </article>
  );
}

function AmendmentItem({ amendment: a, meeting, viewerId }: { amendment: Amendment; meeting: MeetingData; viewerId: string | null }) {
  const open = meeting.status === 'OPEN';
  const mine = (p: Person) => !!viewerId && p?.memberId === viewerId;
  const seconded = a.seconders.some(mine);
  return (
    <div className="amendment">
      <p><span className="status-badge">{motionStatusNames[a.status] ?? a.status}</span> Amendment {a.order}, moved by {a.mover?.displayName ?? 'a former member'}. The motion would read:</p>
      <div className="motion-text">{a.text}</div>
      <SecondersLine seconders={a.seconders} required={meeting.secondersRequired} />
      {a.ballot ? <p><Link to={`/decisions/ballots/${encodeURIComponent(a.ballot.id)}`}>The ballot on amendment {a.order}</Link> · {ballotStatusNames[a.ballot.status]}</p> : null}
      {(open && viewerId && a.status === 'SUBMITTED' && !mine(a.mover)) || seconded ? <SecondAmendment amendmentId={a.id} order={a.order} seconded={seconded} /> : null}
      {meeting.viewerMayChair && open && a.status === 'SECONDED' ? <PutToVote target={{ amendmentId: a.id }} what={`amendment ${a.order}`} /> : null}
    </div>
  );
}

/** "Second this motion"; once seconded, what happened (or, on a later visit, that you did). */
function SecondMotion({ motionId, title, seconded }: { motionId: string; title: string; seconded: boolean }) {
  const outcome = useOutcome();
  const statusId = useId();
  const [commit, inFlight] = useMutation<MotionsSecondMutation>(graphql`
    mutation MotionsSecondMutation($input: SecondMotionInput!) {
      secondMotion(input: $input) { motion { id meeting { ...MeetingPage_meeting } } errors { code message field } }
    }
  `);
  if (seconded) return <p className="saved" id={statusId} role="status">{outcome.saved ?? 'You seconded it.'}</p>;
  return (
    <div>
      <button type="button" className="button button--small" data-mutation="secondMotion" disabled={inFlight} aria-describedby={statusId}
        onClick={() => commit({ variables: { input: { motionId } }, onCompleted: (r) => { outcome.done(r.secondMotion.errors, `You seconded “${title}”.`); }, onError: outcome.failed })}>
        {inFlight ? 'Seconding…' : 'Second this motion'}
      </button>
      <OutcomeLine id={statusId} outcome={outcome} />
    </div>
  );
}

function WithdrawMotion({ motionId }: { motionId: string }) {
  const outcome = useOutcome();
  const statusId = useId();
  const [confirming, setConfirming] = useState(false);
  const [commit, inFlight] = useMutation<MotionsWithdrawMutation>(graphql`
    mutation MotionsWithdrawMutation($input: WithdrawMotionInput!) {
      withdrawMotion(input: $input) { motion { id meeting { ...MeetingPage_meeting } } errors { code message field } }
    }
  `);
  if (!confirming) {
    return <button type="button" className="button button--light button--small" data-opens="withdrawMotion" onClick={() => { outcome.reset(); setConfirming(true); }}>Withdraw my motion…</button>;
  }
  return (
    <div className="confirm-box" role="group" aria-label="Withdraw the motion">
      <p>Withdraw your motion? It will not be debated or voted on.</p>
      <div className="button-row">
        <button type="button" className="button" data-mutation="withdrawMotion" disabled={inFlight}
          onClick={() => commit({ variables: { input: { motionId } }, onCompleted: (r) => { if (outcome.done(r.withdrawMotion.errors, 'Your motion is withdrawn.')) setConfirming(false); }, onError: outcome.failed })}>
          {inFlight ? 'Withdrawing…' : 'Yes, withdraw it'}
        </button>
        <button type="button" className="button button--light" onClick={() => setConfirming(false)}>Keep it</button>
      </div>
      <OutcomeLine id={statusId} outcome={outcome} />
    </div>
  );
}

function SecondAmendment({ amendmentId, order, seconded }: { amendmentId: string; order: number; seconded: boolean }) {
  const outcome = useOutcome();
  const statusId = useId();
  const [commit, inFlight] = useMutation<MotionsSecondAmendmentMutation>(graphql`
    mutation MotionsSecondAmendmentMutation($input: SecondAmendmentInput!) {
      secondAmendment(input: $input) { amendment { id motion { id meeting { ...MeetingPage_meeting } } } errors { code message field } }
    }
  `);
  if (seconded) return <p className="saved" id={statusId} role="status">{outcome.saved ?? 'You seconded it.'}</p>;
  return (
    <div>
      <button type="button" className="button button--small" data-mutation="secondAmendment" disabled={inFlight} aria-describedby={statusId}
        onClick={() => commit({ variables: { input: { amendmentId } }, onCompleted: (r) => { outcome.done(r.secondAmendment.errors, `You seconded amendment ${order}.`); }, onError: outcome.failed })}>
        {inFlight ? 'Seconding…' : `Second amendment ${order}`}
      </button>
      <OutcomeLine id={statusId} outcome={outcome} />
    </div>
  );
}

/** A new motion: its title and text; it waits for seconders. */
export function SubmitMotionForm({ meetingId }: { meetingId: string }) {
  const outcome = useOutcome(['title', 'text']);
  const [commit, inFlight] = useMutation<MotionsSubmitMutation>(graphql`
    mutation MotionsSubmitMutation($input: SubmitMotionInput!) {
      submitMotion(input: $input) { motion { id meeting { ...MeetingPage_meeting } } errors { code message field } }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    const text = String(data.get('text') ?? '').trim();
    const missing: Record<string, string> = {};
    if (!title) missing.title = 'Give the motion a title.';
    if (!text) missing.text = 'Write the motion’s text.';
    if (Object.keys(missing).length > 0) { outcome.invalid(missing); return; }
    commit({
      variables: { input: { meetingId, title, text } },
      onCompleted: (r) => { if (outcome.done(r.submitMotion.errors, `Your motion “${title}” is submitted. It needs seconders before the chair can put it to the vote.`)) form.reset(); },
      onError: outcome.failed,
    });
  };
  const f = outcome.fields;
  return (
    <form className="form inline-form" noValidate onSubmit={submit} aria-labelledby="submit-motion-title">
      <h3 id="submit-motion-title">Submit a motion</h3>
      <FieldBox id="motion-title" label="Title" error={f.title}>
        <input id="motion-title" name="title" type="text" required {...described('motion-title', f.title)} />
      </FieldBox>
      <FieldBox id="motion-text" label="The motion" error={f.text} hint="What the meeting notes, believes and resolves.">
        <textarea id="motion-text" name="text" rows={6} required {...described('motion-text', f.text, true)} />
      </FieldBox>
      <button type="submit" className="button" data-mutation="submitMotion" disabled={inFlight}>{inFlight ? 'Submitting…' : 'Submit the motion'}</button>
      <OutcomeLine id="submit-motion-status" outcome={outcome} />
    </form>
  );
}

/** An amendment: the motion's whole new text, starting from the current one. */
function AmendForm({ motion }: { motion: Motion }) {
  const [opened, setOpened] = useState(false);
  const outcome = useOutcome(['text']);
  const id = useId();
  const [commit, inFlight] = useMutation<MotionsAmendMutation>(graphql`
    mutation MotionsAmendMutation($input: SubmitAmendmentInput!) {
      submitAmendment(input: $input) { amendment { id motion { id meeting { ...MeetingPage_meeting } } } errors { code message field } }
    }
  `);
  if (!opened) {
    return (
      <div>
        <button type="button" className="button button--light button--small" data-opens="submitAmendment" onClick={() => { outcome.reset(); setOpened(true); }}>Propose an amendment…</button>
        <OutcomeLine id={`${id}-status`} outcome={outcome} />
      </div>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('text') ?? '').trim();
    if (!text || text === motion.text.trim()) { outcome.invalid({ text: 'Change the text: an amendment is the motion as you want it to read.' }); return; }
    commit({
      variables: { input: { motionId: motion.id, text } },
      onCompleted: (r) => { if (outcome.done(r.submitAmendment.errors, 'Your amendment is submitted. It needs seconders before the chair can put it to the vote.')) setOpened(false); },
      onError: outcome.failed,
    });
  };
  return (
    <form className="form inline-form" noValidate onSubmit={submit} aria-label={`Amend ${motion.title}`}>
      <FieldBox id={`${id}-text`} label="The motion as amended" error={outcome.fields.text} hint="Edit the whole text as you want it to read; the meeting votes on your version against the current one.">
        <textarea id={`${id}-text`} name="text" rows={6} defaultValue={motion.text} {...described(`${id}-text`, outcome.fields.text, true)} />
      </FieldBox>
      <div className="button-row">
        <button type="submit" className="button" data-mutation="submitAmendment" disabled={inFlight}>{inFlight ? 'Submitting…' : 'Submit the amendment'}</button>
        <button type="button" className="button button--light" onClick={() => setOpened(false)}>Cancel</button>
      </div>
      <OutcomeLine id={`${id}-status`} outcome={outcome} />
    </form>
  );
}

/** The ballot's settings every ballot form asks: secrecy, changes, quorum, timing, arrears. */
export function BallotSettings({ prefix, fields }: { prefix: string; fields: Record<string, string> }) {
  return (
    <>
      <fieldset className="field">
        <legend>How members vote</legend>
        <div className="choice"><input type="radio" id={`${prefix}-secret`} name="secrecy" value="SECRET" defaultChecked /><label htmlFor={`${prefix}-secret`}>Secret ballot, with receipts</label></div>
        <div className="choice"><input type="radio" id={`${prefix}-recorded`} name="secrecy" value="RECORDED" /><label htmlFor={`${prefix}-recorded`}>Recorded vote: each vote published with its member’s name</label></div>
      </fieldset>
      <div className="choice field"><input type="checkbox" id={`${prefix}-changes`} name="allowChanges" /><label htmlFor={`${prefix}-changes`}>Members may change their vote until it closes</label></div>
      <FieldBox id={`${prefix}-quorum`} label="Quorum (% of those who may vote)" error={fields.quorum} hint="0 for no quorum.">
        <input id={`${prefix}-quorum`} name="quorum" type="number" min={0} max={100} step="any" inputMode="decimal" defaultValue="0" {...described(`${prefix}-quorum`, fields.quorum, true)} />
      </FieldBox>
      <FieldBox id={`${prefix}-opens`} label="Opens by itself at (optional)" error={fields.opensAt} hint="Leave empty to open it yourself.">
        <input id={`${prefix}-opens`} name="opensAt" type="datetime-local" {...described(`${prefix}-opens`, fields.opensAt, true)} />
      </FieldBox>
      <FieldBox id={`${prefix}-closes`} label="Closes by itself at (optional)" error={fields.closesAt} hint="Leave empty to close it yourself.">
        <input id={`${prefix}-closes`} name="closesAt" type="datetime-local" {...described(`${prefix}-closes`, fields.closesAt, true)} />
      </FieldBox>
      <FieldBox id={`${prefix}-arrears`} label="Most months in arrears allowed to vote (optional)" error={fields.maxMonthsInArrears} hint="Leave empty to let every member in good standing vote.">
        <input id={`${prefix}-arrears`} name="maxMonthsInArrears" type="number" min={0} inputMode="numeric" {...described(`${prefix}-arrears`, fields.maxMonthsInArrears, true)} />
      </FieldBox>
    </>
  );
}

/** The settings read from a form with BallotSettings, or the fields in error. */
export function readSettings(data: FormData): { settings: { secrecy: 'SECRET' | 'RECORDED'; allowChanges: boolean; quorum: number; opensAt: string | null; closesAt: string | null; maxMonthsInArrears: number | null } } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const quorumText = String(data.get('quorum') ?? '').trim();
  const quorum = quorumText === '' ? 0 : Number(quorumText);
  if (!Number.isFinite(quorum) || quorum < 0 || quorum > 100) errors.quorum = 'A quorum is a percentage from 0 to 100.';
  const opensText = String(data.get('opensAt') ?? '');
  const closesText = String(data.get('closesAt') ?? '');
  const opensAt = isoOf(opensText);
  const closesAt = isoOf(closesText);
  if (opensText && !opensAt) errors.opensAt = 'Give a date and time.';
  if (closesText && !closesAt) errors.closesAt = 'Give a date and time.';
  const arrearsText = String(data.get('maxMonthsInArrears') ?? '').trim();
  const arrears = arrearsText === '' ? null : Number(arrearsText);
  if (arrears !== null && (!Number.isInteger(arrears) || arrears < 0)) errors.maxMonthsInArrears = 'A whole number of months, 0 or more.';
  if (Object.keys(errors).length > 0) return { errors };
  return { settings: { secrecy: data.get('secrecy') === 'RECORDED' ? 'RECORDED' : 'SECRET', allowChanges: data.get('allowChanges') === 'on', quorum: quorum / 100, opensAt, closesAt, maxMonthsInArrears: arrears } };
}

export const settingsFields = ['quorum', 'opensAt', 'closesAt', 'maxMonthsInArrears'];

/** The chair puts a seconded motion or amendment to the vote: its ballot, with the server's refusals (the order) beside the button. */
function PutToVote({ target, what }: { target: { motionId?: string; amendmentId?: string }; what: string }) {
  const [opened, setOpened] = useState(false);
  const outcome = useOutcome(settingsFields);
  const id = useId();
  const [commit, inFlight] = useMutation<MotionsPutToVoteMutation>(graphql`
    mutation MotionsPutToVoteMutation($input: PutToVoteInput!) {
      putToVote(input: $input) { ballot { id meeting { ...MeetingPage_meeting } } errors { code message field } }
    }
  `);
  if (!opened) {
    return (
      <div>
        <button type="button" className="button button--small" data-opens="putToVote" onClick={() => { outcome.reset(); setOpened(true); }}>Put {what} to the vote…</button>
        <OutcomeLine id={`${id}-status`} outcome={outcome} />
      </div>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const read = readSettings(new FormData(event.currentTarget));
    if ('errors' in read) { outcome.invalid(read.errors); return; }
    commit({
      variables: { input: { ...target, ...read.settings } },
      onCompleted: (r) => { if (outcome.done(r.putToVote.errors, `The ballot on ${what} is set up: open it in Ballots below when the meeting is ready to vote.`)) setOpened(false); },
      onError: outcome.failed,
    });
  };
  return (
    <form className="form inline-form" noValidate onSubmit={submit} aria-label={`Put ${what} to the vote`}>
      <BallotSettings prefix={id} fields={outcome.fields} />
      <div className="button-row">
        <button type="submit" className="button" data-mutation="putToVote" disabled={inFlight} aria-describedby={`${id}-status`}>{inFlight ? 'Setting up…' : 'Put it to the vote'}</button>
        <button type="button" className="button button--light" onClick={() => setOpened(false)}>Cancel</button>
      </div>
      <OutcomeLine id={`${id}-status`} outcome={outcome} />
    </form>
  );
}
