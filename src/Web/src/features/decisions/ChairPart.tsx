import { useId, useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { ChairPartNameChairMutation } from '../../__generated__/ChairPartNameChairMutation.graphql';
import type { ChairPartCreateBallotMutation } from '../../__generated__/ChairPartCreateBallotMutation.graphql';
import type { ChairPartOpenMutation } from '../../__generated__/ChairPartOpenMutation.graphql';
import type { ChairPartCloseMutation } from '../../__generated__/ChairPartCloseMutation.graphql';
import type { ChairPartCloseMeetingMutation } from '../../__generated__/ChairPartCloseMeetingMutation.graphql';
import type { ChairPartProxyMutation } from '../../__generated__/ChairPartProxyMutation.graphql';
import { peopleOf, type MeetingData } from './MeetingPage';
import { BallotSettings, readSettings, settingsFields } from './Motions';
import { LiveTurnout, TurnoutLine } from './LiveTurnout';
import { useOutcome } from './outcome';
import { described, FieldBox, OutcomeLine } from './Parts';
import { ballotStatusNames, formatWhen, kindNames } from './words';

type Ballot = MeetingData['ballots'][number];

/** The chair's part of a meeting's page: name the chair, the proxies, a new choice or election ballot. */
export function ChairPart({ meeting }: { meeting: MeetingData }) {
  return (
    <section className="console-section chair-part" aria-labelledby="chair-title">
      <h2 id="chair-title">Chairing this meeting</h2>
      <p>You may run this meeting: put seconded motions and amendments to the vote (amendments before their motion, in order), set up ballots, open and close them.</p>
      <NameChair meeting={meeting} />
      <Proxies meeting={meeting} />
      {meeting.status === 'OPEN' ? <CreateBallot meetingId={meeting.id} /> : null}
      <CloseMeeting meeting={meeting} />
    </section>
  );
}

/** Closing the meeting (confirmed: no motions, amendments or ballots after it); refused while a ballot is open. */
function CloseMeeting({ meeting }: { meeting: MeetingData }) {
  const outcome = useOutcome();
  const [confirming, setConfirming] = useState(false);
  const [commit, inFlight] = useMutation<ChairPartCloseMeetingMutation>(graphql`
    mutation ChairPartCloseMeetingMutation($input: MeetingIdInput!) {
      closeMeeting(input: $input) { meeting { ...MeetingPage_meeting } errors { code message field } }
    }
  `);
  const open = meeting.status === 'OPEN';
  const stillOpen = meeting.ballots.filter((b) => b.status === 'OPEN').length;
  return (
    <section aria-labelledby="close-meeting-title" className="close-meeting">
      <h3 id="close-meeting-title">Closing the meeting</h3>
      {!open ? <p>The meeting is closed: no more motions, amendments or ballots. Its results stay published.</p>
        : confirming ? (
          <div className="confirm-box" role="group" aria-labelledby="close-meeting-question">
            <p id="close-meeting-question">Close “{meeting.title}”? Closing is final: nobody can submit or second a motion or an amendment after it, and no new ballot can be set up.</p>
            <div className="button-row">
              <button type="button" className="button" data-mutation="closeMeeting" disabled={inFlight} aria-describedby="close-meeting-status"
                onClick={() => commit({
                  variables: { input: { meetingId: meeting.id } },
                  onCompleted: (r) => { if (outcome.done(r.closeMeeting.errors, `“${meeting.title}” is closed.`)) setConfirming(false); },
                  onError: outcome.failed,
                })}>
                {inFlight ? 'Closing…' : 'Yes, close the meeting'}
              </button>
              <button type="button" className="button button--light" onClick={() => { outcome.reset(); setConfirming(false); }}>Keep it open</button>
            </div>
          </div>
        ) : (
          <>
            <p>When the business is done, close the meeting.{stillOpen > 0 ? ' Close its open ballots first.' : ''}</p>
            <button type="button" className="button button--light" data-opens="closeMeeting" onClick={() => { outcome.reset(); setConfirming(true); }}>Close the meeting…</button>
          </>
        )}
      <OutcomeLine id="close-meeting-status" outcome={outcome} />
    </section>
  );
}

function NameChair({ meeting }: { meeting: MeetingData }) {
  const outcome = useOutcome(['memberId']);
  const people = peopleOf(meeting).filter((p) => p.memberId !== meeting.chair?.memberId);
  const [commit, inFlight] = useMutation<ChairPartNameChairMutation>(graphql`
    mutation ChairPartNameChairMutation($input: NameChairInput!) {
      nameChair(input: $input) { meeting { ...MeetingPage_meeting } errors { code message field } }
    }
  `);
  if (people.length === 0) return <p className="muted">The chair is {meeting.chair?.displayName ?? 'not named yet'}. You can hand the chair to a member once they take part (move, second or hold a proxy).</p>;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const memberId = String(new FormData(event.currentTarget).get('memberId') ?? '');
    const name = people.find((p) => p.memberId === memberId)?.displayName ?? '';
    if (!memberId) { outcome.invalid({ memberId: 'Choose who chairs.' }); return; }
    commit({ variables: { input: { meetingId: meeting.id, memberId } }, onCompleted: (r) => { outcome.done(r.nameChair.errors, `${name} chairs the meeting now.`); }, onError: outcome.failed });
  };
  return (
    <form className="form inline-form" noValidate onSubmit={submit} aria-labelledby="name-chair-title">
      <h3 id="name-chair-title">The chair</h3>
      <p>The chair is {meeting.chair?.displayName ?? 'not named yet'}.</p>
      <FieldBox id="chair-member" label="Hand the chair to" error={outcome.fields.memberId} hint="Members taking part in this meeting.">
        <select id="chair-member" name="memberId" defaultValue="" {...described('chair-member', outcome.fields.memberId, true)}>
          <option value="">Choose a member</option>
          {people.map((p) => <option key={p.memberId} value={p.memberId}>{p.displayName}</option>)}
        </select>
      </FieldBox>
      <button type="submit" className="button button--light" data-mutation="nameChair" disabled={inFlight}>{inFlight ? 'Naming…' : 'Name the chair'}</button>
      <OutcomeLine id="name-chair-status" outcome={outcome} />
    </form>
  );
}

function Proxies({ meeting }: { meeting: MeetingData }) {
  if (meeting.proxies == null) return null;
  return (
    <section aria-labelledby="proxies-title">
      <h3 id="proxies-title">Proxies <span className="muted">({meeting.proxies.length})</span></h3>
      {meeting.proxies.length === 0 ? <p className="muted">Nobody has authorised a proxy for this meeting.</p> : (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="proxies-title">
            <thead><tr><th scope="col">Member</th><th scope="col">Votes through</th><th scope="col">Since</th></tr></thead>
            <tbody>
              {meeting.proxies.map((p) => <tr key={p.id}><td>{p.grantor.displayName}</td><td>{p.holder.displayName}</td><td>{formatWhen(p.at)}</td></tr>)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A choice of one among options, or an election by single transferable vote. */
function CreateBallot({ meetingId }: { meetingId: string }) {
  const [opened, setOpened] = useState(false);
  const [kind, setKind] = useState<'CHOICE' | 'STV'>('CHOICE');
  const outcome = useOutcome(['title', 'options', 'seats', ...settingsFields]);
  const prefix = useId();
  const [commit, inFlight] = useMutation<ChairPartCreateBallotMutation>(graphql`
    mutation ChairPartCreateBallotMutation($input: CreateBallotInput!) {
      createBallot(input: $input) { ballot { id meeting { ...MeetingPage_meeting } } errors { code message field } }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    const options = String(data.get('options') ?? '').split('\n').map((o) => o.trim()).filter(Boolean);
    const seatsText = String(data.get('seats') ?? '1').trim();
    const seats = kind === 'STV' ? Number(seatsText) : 1;
    const read = readSettings(data);
    const errors: Record<string, string> = 'errors' in read ? { ...read.errors } : {};
    if (!title) errors.title = 'Say what is being decided.';
    if (options.length < 2) errors.options = kind === 'STV' ? 'Give at least two candidates, one a line.' : 'Give at least two options, one a line.';
    if (new Set(options).size !== options.length) errors.options = 'Each line must be different.';
    if (kind === 'STV' && (!Number.isInteger(seats) || seats < 1 || seats >= Math.max(2, options.length))) errors.seats = 'Fewer seats than candidates, at least one.';
    if (Object.keys(errors).length > 0 || 'errors' in read) { outcome.invalid(errors); return; }
    commit({
      variables: { input: { meetingId, title, kind, options, seats, ...read.settings } },
      onCompleted: (r) => { if (outcome.done(r.createBallot.errors, `The ballot “${title}” is set up: open it in Ballots above when the meeting is ready to vote.`)) { form.reset(); setOpened(false); } },
      onError: outcome.failed,
    });
  };
  const f = outcome.fields;
  if (!opened) {
    return (
      <div>
        <h3>Ballots and elections</h3>
        <p>Motions and amendments get their ballot when you put them to the vote. For a choice among options or an election, set one up here.</p>
        <button type="button" className="button button--light" data-opens="createBallot" onClick={() => { outcome.reset(); setOpened(true); }}>Set up a ballot or an election…</button>
        <OutcomeLine id="create-ballot-status" outcome={outcome} />
      </div>
    );
  }
  return (
    <form className="form inline-form" noValidate onSubmit={submit} aria-labelledby="create-ballot-title">
      <h3 id="create-ballot-title">Set up a ballot or an election</h3>
      <fieldset className="field">
        <legend>Kind</legend>
        <div className="choice"><input type="radio" id={`${prefix}-choice`} name="kind" value="CHOICE" checked={kind === 'CHOICE'} onChange={() => setKind('CHOICE')} /><label htmlFor={`${prefix}-choice`}>{kindNames.CHOICE}</label></div>
        <div className="choice"><input type="radio" id={`${prefix}-stv`} name="kind" value="STV" checked={kind === 'STV'} onChange={() => setKind('STV')} /><label htmlFor={`${prefix}-stv`}>{kindNames.STV}</label></div>
      </fieldset>
      <FieldBox id="ballot-title" label="What is being decided" error={f.title}>
        <input id="ballot-title" name="title" type="text" {...described('ballot-title', f.title)} />
      </FieldBox>
      <FieldBox id="ballot-options" label={kind === 'STV' ? 'Candidates, one a line' : 'Options, one a line'} error={f.options}>
        <textarea id="ballot-options" name="options" rows={5} {...described('ballot-options', f.options)} />
      </FieldBox>
      {kind === 'STV' ? (
        <FieldBox id="ballot-seats" label="Seats to fill" error={f.seats}>
          <input id="ballot-seats" name="seats" type="number" min={1} inputMode="numeric" defaultValue="1" {...described('ballot-seats', f.seats)} />
        </FieldBox>
      ) : null}
      <BallotSettings prefix={prefix} fields={f} />
      <div className="button-row">
        <button type="submit" className="button" data-mutation="createBallot" disabled={inFlight}>{inFlight ? 'Setting up…' : 'Set up the ballot'}</button>
        <button type="button" className="button button--light" onClick={() => setOpened(false)}>Cancel</button>
      </div>
      <OutcomeLine id="create-ballot-status" outcome={outcome} />
    </form>
  );
}

/** The meeting's ballots, with their status and (live, while open) turnout; the chair opens and closes them. */
export function BallotsSection({ meeting }: { meeting: MeetingData }) {
  return (
    <section className="console-section" aria-labelledby="ballots-title">
      <h2 id="ballots-title">Ballots <span className="muted">({meeting.ballots.length})</span></h2>
      {meeting.ballots.length === 0 ? <p className="muted">No ballots yet: the chair sets one up when a motion is seconded, or for an election.</p> : (
        <ul className="item-list">
          {meeting.ballots.map((b) => <li key={b.id}><BallotItem ballot={b} chair={meeting.viewerMayChair} /></li>)}
        </ul>
      )}
    </section>
  );
}

function BallotItem({ ballot: b, chair }: { ballot: Ballot; chair: boolean }) {
  const headingId = useId();
  const figures = { turnout: b.turnout, electorateSize: b.electorateSize, quorum: b.quorum, status: b.status };
  return (
    <article aria-labelledby={headingId} className="ballot-item">
      <h3 id={headingId}><Link to={`/decisions/ballots/${encodeURIComponent(b.id)}`}>{b.title}</Link></h3>
      <p>
        <span className={`status-badge${b.status === 'OPEN' ? ' status-badge--open' : ''}`}>{ballotStatusNames[b.status]}</span>{' '}
        {kindNames[b.kind]} · {b.secrecy === 'SECRET' ? 'secret' : 'recorded'}{b.allowChanges ? ' · votes may be changed' : ''}
        {b.status === 'SCHEDULED' && b.opensAt ? ` · opens ${formatWhen(b.opensAt)}` : ''}
        {b.status !== 'CLOSED' && b.closesAt ? ` · closes ${formatWhen(b.closesAt)}` : ''}
      </p>
      {b.status === 'CLOSED' ? <TurnoutLine figures={figures} /> : <LiveTurnout key={b.status} ballotId={b.id} figures={figures} />}
      {chair ? <OpenClose ballot={b} /> : null}
    </article>
  );
}

function OpenClose({ ballot: b }: { ballot: Ballot }) {
  const outcome = useOutcome();
  const statusId = useId();
  const [confirming, setConfirming] = useState(false);
  const [open, opening] = useMutation<ChairPartOpenMutation>(graphql`
    mutation ChairPartOpenMutation($input: BallotIdInput!) {
      openBallot(input: $input) { ballot { id status turnout electorateSize meeting { ...MeetingPage_meeting } } errors { code message field } }
    }
  `);
  const [close, closing] = useMutation<ChairPartCloseMutation>(graphql`
    mutation ChairPartCloseMutation($input: BallotIdInput!) {
      closeBallot(input: $input) { ballot { id status turnout electorateSize meeting { ...MeetingPage_meeting } } errors { code message field } }
    }
  `);
  const variables = { input: { ballotId: b.id } };
  if (b.status === 'SCHEDULED') {
    return (
      <div>
        <button type="button" className="button button--small" data-mutation="openBallot" disabled={opening} aria-describedby={statusId}
          onClick={() => open({ variables, onCompleted: (r) => { outcome.done(r.openBallot.errors, `“${b.title}” is open: members in good standing can vote now.`); }, onError: outcome.failed })}>
          {opening ? 'Opening…' : `Open “${b.title}” now`}
        </button>
        <OutcomeLine id={statusId} outcome={outcome} />
      </div>
    );
  }
  if (b.status === 'CLOSED') return <OutcomeLine id={statusId} outcome={outcome} />;
  return confirming ? (
    <div className="confirm-box" role="group" aria-labelledby={`${statusId}-question`}>
      <p id={`${statusId}-question`}>Close “{b.title}”? Closing is final: nobody can vote after it, and the result is counted and published at once.</p>
      <div className="button-row">
        <button type="button" className="button" data-mutation="closeBallot" disabled={closing}
          onClick={() => close({ variables, onCompleted: (r) => { if (outcome.done(r.closeBallot.errors, `“${b.title}” is closed and its result published.`)) setConfirming(false); }, onError: outcome.failed })}>
          {closing ? 'Closing…' : 'Yes, close the ballot'}
        </button>
        <button type="button" className="button button--light" onClick={() => setConfirming(false)}>Keep it open</button>
      </div>
      <OutcomeLine id={statusId} outcome={outcome} />
    </div>
  ) : (
    <div>
      <button type="button" className="button button--light button--small" data-opens="closeBallot" onClick={() => { outcome.reset(); setConfirming(true); }}>Close “{b.title}”…</button>
      <OutcomeLine id={statusId} outcome={outcome} />
    </div>
  );
}

/** A member authorises another member of the scope to vote for them in this meeting. */
export function ProxyForm({ meeting, viewerId, onDone }: { meeting: MeetingData; viewerId: string; onDone: () => void }) {
  const outcome = useOutcome(['holderMemberId']);
  const people = peopleOf(meeting).filter((p) => p.memberId !== viewerId);
  const [commit, inFlight] = useMutation<ChairPartProxyMutation>(graphql`
    mutation ChairPartProxyMutation($input: AuthoriseProxyInput!) {
      authoriseProxy(input: $input) { proxy { id holder { displayName } } errors { code message field } }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const holderMemberId = String(new FormData(event.currentTarget).get('holderMemberId') ?? '');
    if (!holderMemberId) { outcome.invalid({ holderMemberId: 'Choose who votes for you.' }); return; }
    commit({
      variables: { input: { meetingId: meeting.id, holderMemberId } },
      onCompleted: (r) => { if (outcome.done(r.authoriseProxy.errors, `${r.authoriseProxy.proxy?.holder.displayName ?? 'They'} may vote for you in this meeting’s ballots. The chair can see this.`)) onDone(); },
      onError: outcome.failed,
    });
  };
  return (
    <section className="console-section" aria-labelledby="proxy-title">
      <h2 id="proxy-title">If you cannot be there</h2>
      {people.length === 0 ? <p className="muted">You can authorise a member taking part in this meeting (a mover, a seconder, the chair) to vote for you; nobody is taking part yet.</p> : (
        <form className="form" noValidate onSubmit={submit}>
          <p>Authorise another member to vote for you in this meeting’s ballots. The chair sees who holds your proxy; your vote stays as secret as theirs.</p>
          <FieldBox id="proxy-holder" label="Who votes for me" error={outcome.fields.holderMemberId} hint="Members taking part in this meeting.">
            <select id="proxy-holder" name="holderMemberId" defaultValue="" {...described('proxy-holder', outcome.fields.holderMemberId, true)}>
              <option value="">Choose a member</option>
              {people.map((p) => <option key={p.memberId} value={p.memberId}>{p.displayName}</option>)}
            </select>
          </FieldBox>
          <button type="submit" className="button button--light" data-mutation="authoriseProxy" disabled={inFlight}>{inFlight ? 'Authorising…' : 'Authorise my proxy'}</button>
          <OutcomeLine id="proxy-status" outcome={outcome} />
        </form>
      )}
    </section>
  );
}
