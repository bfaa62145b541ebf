import { useEffect, useRef, useState, type FormEvent } from 'react';
import { graphql } from 'react-relay/hooks';
import type { MemberActionsSuspendMutation } from '../../../__generated__/MemberActionsSuspendMutation.graphql';
import type { MemberActionsReinstateMutation } from '../../../__generated__/MemberActionsReinstateMutation.graphql';
import type { MemberActionsTransferMutation } from '../../../__generated__/MemberActionsTransferMutation.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../../ui/Field';
import { requestFailed, splitUserErrors } from '../../../ui/userErrors';
import { ConfirmWithReason, useCommit, type UserErrors } from './common';

type Branch = { readonly id: string; readonly name: string };
type Member = { readonly id: string; readonly givenName: string; readonly familyName: string; readonly status: string; readonly branch: Branch };

/**
 * What an organiser of the member's branch (or an admin) may do to a member: suspend or reinstate (whichever
 * their standing allows), each with a reason; move them to another branch. Each says what happened.
 */
export function MemberActions({ member: m, branches, every, onChanged, onMoved }: {
  member: Member; branches: ReadonlyArray<Branch>; every: boolean; onChanged: () => void; onMoved: (branch: string) => void;
}) {
  const [done, setDone] = useState<string | null>(null);
  // the step that was used is gone: what happened takes the focus
  const said = useRef<HTMLParagraphElement>(null);
  useEffect(() => { if (done) said.current?.focus(); }, [done]);
  const name = `${m.givenName} ${m.familyName}`;
  const [suspend] = useCommit<MemberActionsSuspendMutation>(graphql`
    mutation MemberActionsSuspendMutation($input: SuspendMemberInput!) {
      suspendMember(input: $input) { member { id status statusReason statusChangedAt } errors { code message field } }
    }
  `);
  const [reinstate] = useCommit<MemberActionsReinstateMutation>(graphql`
    mutation MemberActionsReinstateMutation($input: ReinstateMemberInput!) {
      reinstateMember(input: $input) { member { id status statusReason statusChangedAt } errors { code message field } }
    }
  `);
  const standing = async (run: () => Promise<UserErrors>, success: string) => {
    setDone(null);
    const errors = await run();
    if (errors.length === 0) { setDone(success); onChanged(); }
    return errors;
  };
  return (
    <section className="member-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">Standing and branch</h2>
      <p className="saved" role="status" tabIndex={-1} ref={said} hidden={!done}>{done}</p>
      <div className="action-row">
        {m.status === 'ACTIVE' || m.status === 'LAPSED' ? (
          <ConfirmWithReason id="suspend" openLabel="Suspend…" title={`Suspend ${name}`}
            explain="A suspended member keeps their record but takes no part until reinstated. The reason goes into their history, which they can read."
            reasonLabel="Why are they suspended?" reasonHint="Up to 1,000 characters." maxLength={1000}
            confirmLabel="Suspend member" mutation="suspendMember"
            onConfirm={(reason) => standing(async () => (await suspend({ input: { memberId: m.id, reason } })).suspendMember.errors,
              `${name} is suspended. The reason is in their history.`)} />
        ) : null}
        {m.status === 'SUSPENDED' ? (
          <ConfirmWithReason id="reinstate" openLabel="Reinstate…" title={`Reinstate ${name}`}
            explain="Reinstating lifts the suspension: they are an active member again. The reason goes into their history."
            reasonLabel="Why are they reinstated?" reasonHint="Up to 1,000 characters." maxLength={1000}
            confirmLabel="Reinstate member" mutation="reinstateMember"
            onConfirm={(reason) => standing(async () => (await reinstate({ input: { memberId: m.id, reason } })).reinstateMember.errors,
              `${name} is reinstated and active again. The reason is in their history.`)} />
        ) : null}
        {m.status === 'RESIGNED' ? <p className="muted">They resigned: their standing cannot change here. To come back they apply again.</p> : null}
        <TransferStep member={m} branches={branches} every={every} onMoved={(branch) => { setDone(`${name} now belongs to ${branch}.`); onMoved(branch); }} />
      </div>
    </section>
  );
}

/** Move the member to another branch: one the organiser also organises (admins and organisation-wide organisers: any). */
function TransferStep({ member: m, branches, every, onMoved }: { member: Member; branches: ReadonlyArray<Branch>; every: boolean; onMoved: (branch: string) => void }) {
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const [transfer, inFlight] = useCommit<MemberActionsTransferMutation>(graphql`
    mutation MemberActionsTransferMutation($input: TransferMemberInput!) {
      transferMember(input: $input) { member { id branch { id name } } errors { code message field } }
    }
  `);
  const others = branches.filter((b) => b.id !== m.branch.id);
  if (others.length === 0) return every ? null : <p className="muted">To move them to another branch you must organise that branch too: an admin can grant it.</p>;
  if (!open) return <button type="button" className="button button--light" data-opens="transferMember" onClick={() => { setOpen(true); requestAnimationFrame(() => document.getElementById('transfer-branch')?.focus()); }}>Move to another branch…</button>;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const branchId = String(form.get('transfer-branch') ?? '');
    const reason = String(form.get('transfer-reason') ?? '').trim();
    const missing: FieldErrors = {};
    if (!branchId) missing['transfer-branch'] = 'Choose the branch they move to.';
    if (!reason) missing['transfer-reason'] = 'Say why they move: it goes into their history.';
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      document.getElementById(missing['transfer-branch'] ? 'transfer-branch' : 'transfer-reason')?.focus();
      return;
    }
    try {
      const payload = (await transfer({ input: { memberId: m.id, branchId, reason } })).transferMember;
      if (payload.errors.length === 0) { setOpen(false); setErrors({}); setAlert([]); onMoved(others.find((b) => b.id === branchId)?.name ?? 'the new branch'); return; }
      const split = splitUserErrors(payload.errors.map((e) => ((e.field ?? []).includes('branchId') ? { ...e, field: ['transfer-branch'] }
        : (e.field ?? []).includes('reason') ? { ...e, field: ['transfer-reason'] } : e)), ['transfer-branch', 'transfer-reason']);
      setErrors(split.fields);
      setAlert(split.page);
    } catch (error) {
      setAlert([requestFailed(error)]);
    }
  };
  return (
    <form className="form confirm-step" noValidate onSubmit={submit} aria-labelledby="transfer-title">
      <h3 id="transfer-title">Move {m.givenName} {m.familyName} to another branch</h3>
      <p>They leave {m.branch.name} and join the branch you choose; its organisers look after them from then on, and their move is kept in their history.</p>
      <div className="field" data-invalid={errors['transfer-branch'] ? 'true' : undefined}>
        <label htmlFor="transfer-branch">Branch they move to</label>
        <select id="transfer-branch" name="transfer-branch" defaultValue="" {...describedBy('transfer-branch', errors)}>
          <option value="">Choose a branch</option>
          {others.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </select>
        <FieldError name="transfer-branch" errors={errors} />
      </div>
      <div className="field" data-invalid={errors['transfer-reason'] ? 'true' : undefined}>
        <label htmlFor="transfer-reason">Why do they move?</label>
        <span className="hint" id="transfer-reason-hint">Up to 1,000 characters. It goes into their history, which they can read.</span>
        <textarea id="transfer-reason" name="transfer-reason" maxLength={1000} rows={3} {...describedBy('transfer-reason', errors, 'transfer-reason-hint')} />
        <FieldError name="transfer-reason" errors={errors} />
      </div>
      {alert.length > 0 ? <div className="alert" role="alert">{alert.map((a) => <p key={a}>{a}</p>)}</div> : null}
      <div className="button-row">
        <button type="submit" className="button" data-mutation="transferMember" disabled={inFlight}>{inFlight ? 'Moving…' : 'Move member'}</button>
        <button type="button" className="button button--light" onClick={() => { setOpen(false); setErrors({}); setAlert([]); }} disabled={inFlight}>Cancel</button>
      </div>
    </form>
  );
}
