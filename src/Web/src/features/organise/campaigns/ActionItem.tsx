import { useState, type FormEvent } from 'react';
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { ActionItem_action$key } from '../../../__generated__/ActionItem_action.graphql';
import type { ActionItemRescheduleMutation } from '../../../__generated__/ActionItemRescheduleMutation.graphql';
import type { ActionItemCancelMutation } from '../../../__generated__/ActionItemCancelMutation.graphql';
import { describedBy, FieldError } from '../../../ui/Field';
import { SaveStatus } from '../../member/SaveStatus';
import { useSaving } from '../../member/saving';
import { isoOf, kindNames, localInput, plural, when } from './format';

/** One of the campaign's actions: what, when, where, its counts; open the at-the-action screen; reschedule, cancel (for those who run the campaign). */
export function ActionItem({ action, manage }: { action: ActionItem_action$key; manage: boolean }) {
  const a = useFragment(
    graphql`
      fragment ActionItem_action on CampaignAction {
        id title kind startsAt endsAt location capacity placesLeft status cancelReason signUpCount attendanceCount
        outcome { summary }
      }
    `,
    action,
  );
  const [open, setOpen] = useState<'reschedule' | 'cancel' | null>(null);
  const cancelled = a.status === 'CANCELLED';
  const started = new Date(a.startsAt).getTime() <= Date.now();
  const key = a.id.replace(/[^A-Za-z0-9]/g, '');
  return (
    <article aria-labelledby={`a-${key}`}>
      <h3 id={`a-${key}`}>{a.title}</h3>
      <p className="muted">{kindNames[a.kind as keyof typeof kindNames] ?? 'Action'} · <time dateTime={a.startsAt}>{when(a.startsAt, a.endsAt)}</time> · {a.location}</p>
      {cancelled ? (
        <p><span className="status-badge">Cancelled</span> {a.cancelReason}</p>
      ) : (
        <p>
          {plural(a.signUpCount, 'sign-up', 'sign-ups')}{a.capacity != null ? ` of ${a.capacity} places` : ''} · {a.attendanceCount} checked in
          {a.outcome ? ' · outcome recorded' : ''}
        </p>
      )}
      <div className="button-row">
        <Link className="button button--small" to={`/organise/actions/${encodeURIComponent(a.id)}`}>At the action</Link>
        {manage && !cancelled && !started ? (
          <>
            <button type="button" data-opens="rescheduleAction" className="button button--small button--quiet" aria-expanded={open === 'reschedule'} onClick={() => setOpen(open === 'reschedule' ? null : 'reschedule')}>Reschedule</button>
            <button type="button" data-opens="cancelAction" className="button button--small button--quiet" aria-expanded={open === 'cancel'} onClick={() => setOpen(open === 'cancel' ? null : 'cancel')}>Cancel…</button>
          </>
        ) : null}
      </div>
      {open === 'reschedule' ? <RescheduleForm id={a.id} prefix={key} startsAt={a.startsAt} endsAt={a.endsAt} location={a.location} /> : null}
      {open === 'cancel' ? <CancelForm id={a.id} prefix={key} title={a.title} signUps={a.signUpCount} onKeep={() => setOpen(null)} /> : null}
    </article>
  );
}

function RescheduleForm({ id, prefix, startsAt, endsAt, location }: { id: string; prefix: string; startsAt: string; endsAt: string; location: string }) {
  const f = (name: string) => `${prefix}-${name}`;
  const saving = useSaving([f('startsAt'), f('endsAt'), f('location')], { startsAt: f('startsAt'), endsAt: f('endsAt'), location: f('location') });
  const [commit, inFlight] = useMutation<ActionItemRescheduleMutation>(graphql`
    mutation ActionItemRescheduleMutation($input: RescheduleActionInput!) {
      rescheduleAction(input: $input) { action { ...ActionItem_action } errors { code message field } }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const starts = isoOf(text('startsAt'));
    const ends = isoOf(text('endsAt'));
    if (!starts || !ends) {
      saving.done([...(starts ? [] : [{ code: 'VALIDATION', message: 'Say when it starts.', field: ['startsAt'] }]), ...(ends ? [] : [{ code: 'VALIDATION', message: 'Say when it ends.', field: ['endsAt'] }])], '');
      return;
    }
    saving.starting();
    commit({
      variables: { input: { actionId: id, startsAt: starts, endsAt: ends, location: text('location') || null } },
      onCompleted: (r) => saving.done(r.rescheduleAction.errors, 'The action is moved. Everyone signed up is told the new time and place.'),
      onError: saving.failed,
    });
  };
  const e = saving.errors;
  return (
    <form className="form inline-form" noValidate onSubmit={submit} aria-label="Reschedule" aria-describedby={f('status')}>
      <div className="field" data-invalid={e[f('startsAt')] ? 'true' : undefined}>
        <label htmlFor={f('startsAt')}>Starts</label>
        <input id={f('startsAt')} name="startsAt" type="datetime-local" required defaultValue={localInput(startsAt)} {...describedBy(f('startsAt'), e)} />
        <FieldError name={f('startsAt')} errors={e} />
      </div>
      <div className="field" data-invalid={e[f('endsAt')] ? 'true' : undefined}>
        <label htmlFor={f('endsAt')}>Ends</label>
        <input id={f('endsAt')} name="endsAt" type="datetime-local" required defaultValue={localInput(endsAt)} {...describedBy(f('endsAt'), e)} />
        <FieldError name={f('endsAt')} errors={e} />
      </div>
      <div className="field" data-invalid={e[f('location')] ? 'true' : undefined}>
        <label htmlFor={f('location')}>Where</label>
        <input id={f('location')} name="location" type="text" defaultValue={location} {...describedBy(f('location'), e)} />
        <FieldError name={f('location')} errors={e} />
      </div>
      <button type="submit" className="button" data-mutation="rescheduleAction" disabled={inFlight}>{inFlight ? 'Saving…' : 'Move the action'}</button>
      <SaveStatus id={f('status')} alert={saving.alert} saved={saving.saved} />
    </form>
  );
}

/** Cancelling tells everyone signed up, with the reason given here: a confirmation step says so before it happens. */
function CancelForm({ id, prefix, title, signUps, onKeep }: { id: string; prefix: string; title: string; signUps: number; onKeep: () => void }) {
  const reasonId = `${prefix}-reason`;
  const saving = useSaving([reasonId], { reason: reasonId });
  const [commit, inFlight] = useMutation<ActionItemCancelMutation>(graphql`
    mutation ActionItemCancelMutation($input: CancelActionInput!) {
      cancelAction(input: $input) { action { ...ActionItem_action campaign { id progress { ...CampaignDetailPage_figures } } } errors { code message field } }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (!reason) {
      saving.done([{ code: 'VALIDATION', message: 'Give the reason: the members signed up receive it.', field: ['reason'] }], '');
      return;
    }
    saving.starting();
    commit({
      variables: { input: { actionId: id, reason } },
      onCompleted: (r) => saving.done(r.cancelAction.errors, 'The action is cancelled. Everyone signed up is told, with your reason.'),
      onError: saving.failed,
    });
  };
  const e = saving.errors;
  if (saving.saved) return <p className="saved" role="status">{saving.saved}</p>;
  return (
    <form className="confirm-box" noValidate onSubmit={submit} aria-label={`Cancel ${title}`} aria-describedby={`${prefix}-cstatus`}>
      <p>Cancel “{title}”? {signUps === 0 ? 'Nobody is signed up yet.' : `The ${plural(signUps, 'member', 'members')} signed up will be told it is cancelled, with the reason you give.`} This cannot be undone.</p>
      <div className="field" data-invalid={e[reasonId] ? 'true' : undefined}>
        <label htmlFor={reasonId}>Reason the members will receive</label>
        <textarea id={reasonId} name="reason" rows={3} required {...describedBy(reasonId, e)} />
        <FieldError name={reasonId} errors={e} />
      </div>
      <div className="button-row">
        <button type="submit" className="button" data-mutation="cancelAction" disabled={inFlight}>{inFlight ? 'Cancelling…' : 'Cancel the action'}</button>
        <button type="button" className="button button--light" onClick={onKeep}>Keep it</button>
      </div>
      <SaveStatus id={`${prefix}-cstatus`} alert={saving.alert} saved={saving.saved} />
    </form>
  );
}
