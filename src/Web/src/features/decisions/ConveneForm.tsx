import { Suspense, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { useNavigate } from 'react-router';
import type { ConveneFormBranchesQuery } from '../../__generated__/ConveneFormBranchesQuery.graphql';
import type { ConveneFormMutation, DecisionBody } from '../../__generated__/ConveneFormMutation.graphql';
import { isoOf } from './words';
import { useOutcome } from './outcome';
import { described, FieldBox, OutcomeLine } from './Parts';

const fieldNames = ['title', 'body', 'branchId', 'startsAt', 'secondersRequired'];
const bodies: ReadonlyArray<[DecisionBody, string]> = [
  ['BRANCH_MEETING', 'A branch meeting'],
  ['CONFERENCE', 'The conference'],
  ['NATIONAL_COMMITTEE', 'The national committee'],
  ['OTHER', 'Another meeting'],
];
/** The conference and the national committee are of the whole organisation: they take no branch. */
const takesBranch = (body: DecisionBody) => body === 'BRANCH_MEETING' || body === 'OTHER';

/**
 * The server's words when it refused the caller (a GraphQL error coded FORBIDDEN: an organiser convening for a branch
 * they do not organise, or for the whole organisation without an organisation-wide grant); null for other failures.
 */
function forbidden(error: Error): string | null {
  const source = (error as Error & { source?: { errors?: ReadonlyArray<{ message?: string; extensions?: { code?: unknown } }> } }).source;
  const refusal = source?.errors?.find((e) => e.extensions?.code === 'FORBIDDEN');
  if (refusal?.message) return refusal.message;
  const said = /Only an? [^\n]*may convene[^\n]*/.exec(error.message);
  return said ? said[0] : null;
}

/**
 * "Convene a meeting" on /decisions, for organisers and admins (the server refines: an organiser convenes for a
 * branch they organise; an organisation-wide organiser or an admin also for the whole organisation). Closed until
 * asked for; on success the new meeting's page.
 */
export function ConveneSection() {
  const [opened, setOpened] = useState(false);
  return (
    <section className="console-section" aria-labelledby="convene-title">
      <h2 id="convene-title">Convene a meeting</h2>
      {opened ? (
        <Suspense fallback={<p className="muted" role="status">Loading the branches…</p>}>
          <ConveneForm onCancel={() => setOpened(false)} />
        </Suspense>
      ) : (
        <>
          <p>As an organiser you can convene your branch’s meetings; organisation-wide organisers and admins also the conference and the national committee. You chair what you convene, and can hand the chair on from the meeting’s page.</p>
          <button type="button" className="button button--light" data-opens="conveneMeeting" onClick={() => setOpened(true)}>Convene a meeting…</button>
        </>
      )}
    </section>
  );
}

function ConveneForm({ onCancel }: { onCancel: () => void }) {
  const { branches } = useLazyLoadQuery<ConveneFormBranchesQuery>(
    graphql`query ConveneFormBranchesQuery { branches { id name } }`,
    {},
    { fetchPolicy: 'store-or-network' },
  );
  const navigate = useNavigate();
  const outcome = useOutcome(fieldNames);
  const [body, setBody] = useState<DecisionBody>('BRANCH_MEETING');
  const [commit, inFlight] = useMutation<ConveneFormMutation>(graphql`
    mutation ConveneFormMutation($input: ConveneMeetingInput!) {
      conveneMeeting(input: $input) { meeting { id title } errors { code message field } }
    }
  `);
  const sorted = [...branches].sort((a, b) => a.name.localeCompare(b.name));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const title = text('title');
    const branchId = takesBranch(body) ? text('branchId') || null : null;
    const startsAt = isoOf(text('startsAt'));
    const secondersText = text('secondersRequired');
    const secondersRequired = secondersText === '' ? 1 : Number(secondersText);
    const errors: Record<string, string> = {};
    if (!title) errors.title = 'Give the meeting a title, e.g. “Branch meeting, March”.';
    if (body === 'BRANCH_MEETING' && !branchId) errors.branchId = 'Choose the branch whose meeting it is.';
    if (!startsAt) errors.startsAt = 'Say the day and time it starts.';
    if (!Number.isInteger(secondersRequired)) errors.secondersRequired = 'A whole number, from 0 to 20.';
    if (Object.keys(errors).length > 0) { outcome.invalid(errors); return; }
    commit({
      variables: { input: { title, body, branchId, startsAt: startsAt!, secondersRequired } },
      onCompleted: (r) => {
        const { meeting, errors: refused } = r.conveneMeeting;
        if (outcome.done(refused, `“${meeting?.title ?? title}” is convened.`) && meeting) {
          navigate(`/decisions/meetings/${encodeURIComponent(meeting.id)}`);
        }
      },
      onError: (error) => {
        const why = forbidden(error);
        if (why) outcome.done([{ code: 'FORBIDDEN', message: `You may not convene this meeting. ${why}` }], '');
        else outcome.failed(error);
      },
    });
  };
  const f = outcome.fields;
  return (
    <form className="form inline-form" noValidate onSubmit={submit} aria-labelledby="convene-form-title">
      <h3 id="convene-form-title">The new meeting</h3>
      <p>Members of its branch (or, for the whole organisation, every member) see it in their meetings at once, and can submit motions to it.</p>
      <FieldBox id="convene-title-field" label="Title" error={f.title} hint="One line, e.g. “Branch meeting, March” or “Conference 2027”.">
        <input id="convene-title-field" name="title" type="text" maxLength={200} {...described('convene-title-field', f.title, true)} />
      </FieldBox>
      <FieldBox id="convene-body" label="What kind of meeting" error={f.body}>
        <select id="convene-body" name="body" value={body} onChange={(e) => setBody(e.currentTarget.value as DecisionBody)} {...described('convene-body', f.body)}>
          {bodies.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </FieldBox>
      {takesBranch(body) ? (
        <FieldBox id="convene-branch" label="Branch" error={f.branchId}
          hint={body === 'BRANCH_MEETING' ? 'The branch whose meeting it is.' : 'A branch’s meeting, or none for a meeting of the whole organisation.'}>
          <select id="convene-branch" name="branchId" defaultValue="" {...described('convene-branch', f.branchId, true)}>
            <option value="">{body === 'BRANCH_MEETING' ? 'Choose a branch' : 'None: the whole organisation'}</option>
            {sorted.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </FieldBox>
      ) : <p className="muted">The conference and the national committee are meetings of the whole organisation: every member in good standing takes part.</p>}
      <FieldBox id="convene-starts" label="Starts" error={f.startsAt} hint="The day and time, in your local time.">
        <input id="convene-starts" name="startsAt" type="datetime-local" {...described('convene-starts', f.startsAt, true)} />
      </FieldBox>
      <FieldBox id="convene-seconders" label="Seconders a motion needs" error={f.secondersRequired}
        hint="How many members must second a motion or an amendment before the chair can put it to the vote (0 to 20).">
        <input id="convene-seconders" name="secondersRequired" type="number" min={0} max={20} inputMode="numeric" defaultValue="1"
          {...described('convene-seconders', f.secondersRequired, true)} />
      </FieldBox>
      <div className="button-row">
        <button type="submit" className="button" data-mutation="conveneMeeting" disabled={inFlight}>{inFlight ? 'Convening…' : 'Convene the meeting'}</button>
        <button type="button" className="button button--light" onClick={onCancel}>Cancel</button>
      </div>
      <OutcomeLine id="convene-status" outcome={outcome} />
    </form>
  );
}
