import { useEffect, useRef, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Link, useParams } from 'react-router';
import type { ApplicationPageQuery } from '../../../__generated__/ApplicationPageQuery.graphql';
import type { ApplicationPageApproveMutation } from '../../../__generated__/ApplicationPageApproveMutation.graphql';
import type { ApplicationPageRejectMutation } from '../../../__generated__/ApplicationPageRejectMutation.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../../ui/Field';
import { requestFailed, splitUserErrors } from '../../../ui/userErrors';
import { formatMoment, formatMoney, frequencyWords } from '../../member/format';
import { interestChoices } from '../../join/interests';
import { applicationWords, ConfirmWithReason, useCommit } from './common';
import { useOrganisedBranches, type Branch } from './OrganisedBranches';
import './people.css';

const interestLabel = (value: string) => interestChoices.find((c) => c.value === value)?.label ?? value;

/** /organise/applications/:id: what the applicant wrote, their pledge and branch; approve into a branch or reject with a reason. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const data = useLazyLoadQuery<ApplicationPageQuery>(
    graphql`
      query ApplicationPageQuery($id: ID!) {
        node(id: $id) {
          ... on MembershipApplication {
            __typename id givenName familyName email phone postcode union workplace interests message
            contribution { amount currency } contributionFrequency
            status submittedAt decidedAt rejectionReason
            branch { id name }
            member { id }
          }
        }
      }
    `,
    { id },
    { fetchPolicy: 'store-and-network' },
  );
  const application = data.node?.__typename === 'MembershipApplication' ? data.node : null;
  if (!application) {
    return (
      <>
        <title>Application · Organise · Workers Power</title>
        <h1>Application not found</h1>
        <p>There is no such application, or it is for another branch than yours. <Link to="/organise">Back to the applications</Link>.</p>
      </>
    );
  }
  const a = application;
  return (
    <>
      <title>Application · Organise · Workers Power</title>
      <p className="meta"><Link to="/organise">← Applications</Link></p>
      <h1 className="person-title">Application from {a.givenName} {a.familyName}</h1>
      <p className="meta">
        Applied <time dateTime={a.submittedAt}>{formatMoment(a.submittedAt)}</time> · <span className="status-badge">{applicationWords[a.status] ?? a.status}</span>
      </p>
      <div className="grid grid--2">
        <section aria-labelledby="wrote-title">
          <h2 id="wrote-title">What they wrote</h2>
          <blockquote className="their-words">{a.message ? a.message : <span className="muted">They wrote nothing about why they want to join.</span>}</blockquote>
          <dl className="facts">
            <dt>Email</dt><dd>{a.email}</dd>
            <dt>Phone</dt><dd>{a.phone ?? '—'}</dd>
            <dt>Postcode</dt><dd>{a.postcode}</dd>
            <dt>Union</dt><dd>{a.union ?? '—'}</dd>
            <dt>Workplace</dt><dd>{a.workplace ?? '—'}</dd>
            <dt>Interests</dt><dd>{a.interests.length ? a.interests.map(interestLabel).join(', ') : '—'}</dd>
          </dl>
        </section>
        <section aria-labelledby="pledge-title">
          <h2 id="pledge-title">Pledge and branch</h2>
          <dl className="facts">
            <dt>Pledge</dt><dd>{formatMoney(a.contribution)} {frequencyWords[a.contributionFrequency] ?? ''}</dd>
            <dt>{a.status === 'APPROVED' ? 'Branch' : 'Branch chosen'}</dt><dd>{a.branch?.name ?? 'None chosen'}</dd>
          </dl>
        </section>
      </div>
      <Decision application={a} />
    </>
  );
}

type Application = Extract<NonNullable<ApplicationPageQuery['response']['node']>, { __typename: 'MembershipApplication' }>;

function Decision({ application: a }: { application: Application }) {
  const organised = useOrganisedBranches();
  const [approved, setApproved] = useState<{ memberId: string; name: string; branch: string; token: string | null } | null>(null);
  // the form that was used is gone: what happens next takes the focus
  const said = useRef<HTMLDivElement>(null);
  useEffect(() => { if (approved) said.current?.focus(); }, [approved]);
  const wasPending = useRef(a.status === 'PENDING');
  const rejected = useRef<HTMLParagraphElement>(null);
  useEffect(() => { if (wasPending.current && a.status === 'REJECTED') rejected.current?.focus(); }, [a.status]);
  if (approved) {
    return (
      <section aria-labelledby="decision-title" className="form-section">
        <h2 id="decision-title">Decision</h2>
        <div className="saved" role="status" tabIndex={-1} ref={said}>
          <p>{approved.name} is now a member of {approved.branch}.</p>
          {approved.token
            ? <p>Mail is off on this platform, so no invitation was mailed. Pass this single-use invitation code on to them (it works for 7 days and is shown only now): <code className="token">{approved.token}</code></p>
            : <p>The invitation to set a password goes to their email. Once they set it, they can sign in and see their membership.</p>}
          <p><Link to={`/organise/members/${encodeURIComponent(approved.memberId)}`}>Open {approved.name}'s page</Link></p>
        </div>
      </section>
    );
  }
  if (a.status === 'APPROVED') {
    return (
      <section aria-labelledby="decision-title" className="form-section">
        <h2 id="decision-title">Decision</h2>
        <p>Approved{a.decidedAt ? <> on <time dateTime={a.decidedAt}>{formatMoment(a.decidedAt)}</time></> : null}.{' '}
          {a.member ? <Link to={`/organise/members/${encodeURIComponent(a.member.id)}`}>Open the member's page</Link> : null}</p>
      </section>
    );
  }
  if (a.status === 'REJECTED') {
    return (
      <section aria-labelledby="decision-title" className="form-section">
        <h2 id="decision-title">Decision</h2>
        <p role="status" tabIndex={-1} ref={rejected}>Rejected{a.decidedAt ? <> on <time dateTime={a.decidedAt}>{formatMoment(a.decidedAt)}</time></> : null}. The reason kept with it: {a.rejectionReason ?? '—'}</p>
      </section>
    );
  }
  // Admins and organisation-wide organisers approve into any branch; an organiser into a branch they organise
  // (the server refuses any other): the applicant's choice when it is one of them, the only one, or theirs to choose.
  const choices = organised.branches;
  const chosen = choices.some((b) => b.id === a.branch?.id) ? a.branch!.id : (!organised.every && choices.length === 1 ? choices[0]!.id : '');
  return (
    <section aria-labelledby="decision-title" className="form-section">
      <h2 id="decision-title">Decision</h2>
      {choices.length === 0
        ? <p className="alert" role="alert">You organise no branch, so you cannot approve applications into one. Ask an admin.</p>
        : <ApproveForm application={a} choices={choices} chosen={chosen} admin={organised.every} onApproved={setApproved} />}
      <RejectStep application={a} />
    </section>
  );
}

function ApproveForm({ application: a, choices, chosen, admin, onApproved }: {
  application: Application; choices: ReadonlyArray<Branch>; chosen: string; admin: boolean;
  onApproved: (result: { memberId: string; name: string; branch: string; token: string | null }) => void;
}) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const [approve, inFlight] = useCommit<ApplicationPageApproveMutation>(graphql`
    mutation ApplicationPageApproveMutation($input: ApproveMembershipApplicationInput!) {
      approveMembershipApplication(input: $input) {
        member { id givenName familyName branch { id name } }
        invitationToken
        errors { code message field }
      }
    }
  `);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const branchId = String(new FormData(event.currentTarget).get('approve-branch') ?? '');
    if (!branchId) { setErrors({ 'approve-branch': 'Choose the branch they join.' }); document.getElementById('approve-branch')?.focus(); return; }
    try {
      const response = await approve({ input: { applicationId: a.id, branchId } }, (store) => {
        const member = store.getRootField('approveMembershipApplication')?.getLinkedRecord('member');
        const record = store.get(a.id);
        if (member && record) { record.setValue('APPROVED', 'status'); record.setLinkedRecord(member, 'member'); }
      });
      const payload = response.approveMembershipApplication;
      if (payload.errors.length === 0 && payload.member) {
        onApproved({ memberId: payload.member.id, name: `${payload.member.givenName} ${payload.member.familyName}`, branch: payload.member.branch.name, token: payload.invitationToken ?? null });
        return;
      }
      const renamed = payload.errors.map((e) => ((e.field ?? []).includes('branchId') ? { ...e, field: ['approve-branch'] } : e));
      const split = splitUserErrors(renamed, ['approve-branch']);
      setErrors(split.fields);
      setAlert(split.page);
    } catch (error) {
      setAlert([requestFailed(error)]);
    }
  };
  return (
    <form className="form" noValidate onSubmit={submit} aria-labelledby="approve-title">
      <h3 id="approve-title">Approve</h3>
      <p>They become a member of the branch you choose, and we invite them by email to set a password.</p>
      <div className="field" data-invalid={errors['approve-branch'] ? 'true' : undefined}>
        <label htmlFor="approve-branch">Branch they join</label>
        {admin ? null : <span className="hint" id="approve-branch-hint">Organisers approve into a branch they organise.</span>}
        <select id="approve-branch" name="approve-branch" defaultValue={chosen} {...describedBy('approve-branch', errors, admin ? undefined : 'approve-branch-hint')}>
          {chosen === '' ? <option value="">Choose a branch</option> : null}
          {choices.map((b) => <option key={b.id} value={b.id}>{b.name}{b.id === a.branch?.id ? ' (their choice)' : ''}</option>)}
        </select>
        <FieldError name="approve-branch" errors={errors} />
      </div>
      {alert.length > 0 ? <div className="alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
      <button type="submit" className="button" data-mutation="approveMembershipApplication" disabled={inFlight}>{inFlight ? 'Approving…' : 'Approve application'}</button>
    </form>
  );
}

function RejectStep({ application: a }: { application: Application }) {
  const [reject] = useCommit<ApplicationPageRejectMutation>(graphql`
    mutation ApplicationPageRejectMutation($input: RejectMembershipApplicationInput!) {
      rejectMembershipApplication(input: $input) {
        application { id status decidedAt rejectionReason }
        errors { code message field }
      }
    }
  `);
  return (
    <div className="form-after">
      <ConfirmWithReason id="reject" openLabel="Reject application…" title="Reject this application"
        explain="Rejecting closes the application. They are not told by mail; the reason is kept with the application for the organisers."
        reasonLabel="Why is it rejected?" reasonHint="Up to 2,000 characters. Write it as you would say it to them." maxLength={2000}
        confirmLabel="Reject application" mutation="rejectMembershipApplication"
        onConfirm={async (reason) => (await reject({ input: { applicationId: a.id, reason } })).rejectMembershipApplication.errors} />
    </div>
  );
}
