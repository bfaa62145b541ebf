import { startTransition, useState } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Link, useParams } from 'react-router';
import type { MemberPageQuery } from '../../../__generated__/MemberPageQuery.graphql';
import { formatDate } from '../../../ui/dates';
import { formatMoment, formatMoney, frequencyWords } from '../../member/format';
import { interestChoices } from '../../join/interests';
import { standingWords } from './common';
import { useOrganisedBranches } from './OrganisedBranches';
import { MemberActions } from './MemberActions';
import { MemberHistory } from '../../member/MemberHistory';
import './people.css';

const interestLabel = (value: string) => interestChoices.find((c) => c.value === value)?.label ?? value;

/** /organise/members/:id: a member's profile, participation, contributions and history; suspend, reinstate, transfer. */
export function MemberPage() {
  const { id = '' } = useParams();
  const [fetchKey, setFetchKey] = useState(0);
  const data = useLazyLoadQuery<MemberPageQuery>(
    graphql`
      query MemberPageQuery($id: ID!) {
        node(id: $id) {
          ... on Member {
            __typename id givenName familyName email phone postcode union workplace interests availability
            joinedOn status statusReason statusChangedAt erased
            branch { id name }
            participation { campaigns actionsSignedUp actionsAttended }
            contribution { amount currency } contributionFrequency monthsInArrears arrears { amount currency }
            contributionPayments(first: 3) { totalCount edges { node { paidOn amount { amount currency } reference } } }
            ...MemberHistory_member @alias
          }
        }
      }
    `,
    { id },
    { fetchPolicy: 'store-and-network', fetchKey },
  );
  const organised = useOrganisedBranches();
  const m = data.node?.__typename === 'Member' ? data.node : null;
  // What the server lets an organiser see and do: the members of the branches they organise only.
  if (!m || m.erased || (!organised.every && !organised.branches.some((b) => b.id === m.branch.id))) {
    return (
      <>
        <title>Member · Organise · Workers Power</title>
        <h1>Member not found</h1>
        <p>There is no such member, or they are not in a branch you organise{m?.erased ? ', or their data was erased' : ''}. <Link to="/organise/members">Back to the members</Link>.</p>
      </>
    );
  }
  const payments = m.contributionPayments?.edges.map((e) => e.node) ?? [];
  return (
    <>
      <title>Member · Organise · Workers Power</title>
      <p className="meta"><Link to="/organise/members">← Members</Link></p>
      <h1 className="person-title">{m.givenName} {m.familyName}</h1>
      <p className="meta">
        <span className="status-badge">{standingWords[m.status] ?? m.status}</span> · {m.branch.name} · member since <time dateTime={String(m.joinedOn)}>{formatDate(String(m.joinedOn))}</time>
      </p>
      {m.statusReason && m.status !== 'ACTIVE' ? <p>Why: {m.statusReason}{m.statusChangedAt ? <> (<time dateTime={m.statusChangedAt}>{formatMoment(m.statusChangedAt)}</time>)</> : null}</p> : null}
      {/* a move is between branches the organiser organises (the server requires both): the page stays theirs */}
      <MemberActions member={m} branches={organised.branches} every={organised.every}
        onChanged={() => startTransition(() => setFetchKey((k) => k + 1))}
        onMoved={() => startTransition(() => setFetchKey((k) => k + 1))} />
      <div className="grid grid--2">
        <section aria-labelledby="profile-title">
          <h2 id="profile-title">Profile</h2>
          <dl className="facts">
            <dt>Email</dt><dd>{m.email ?? '—'}</dd>
            <dt>Phone</dt><dd>{m.phone ?? '—'}</dd>
            <dt>Postcode</dt><dd>{m.postcode ?? '—'}</dd>
            <dt>Union</dt><dd>{m.union ?? '—'}</dd>
            <dt>Workplace</dt><dd>{m.workplace ?? '—'}</dd>
            <dt>Interests</dt><dd>{m.interests?.length ? m.interests.map(interestLabel).join(', ') : '—'}</dd>
            <dt>Available</dt><dd>{m.availability ?? '—'}</dd>
          </dl>
          <h2 id="participation-title">Participation</h2>
          {m.participation ? (
            <dl className="facts" aria-labelledby="participation-title">
              <dt>Campaigns</dt><dd>{m.participation.campaigns}</dd>
              <dt>Signed up now</dt><dd>{m.participation.actionsSignedUp} {m.participation.actionsSignedUp === 1 ? 'action' : 'actions'}</dd>
              <dt>Attended</dt><dd>{m.participation.actionsAttended} {m.participation.actionsAttended === 1 ? 'action' : 'actions'}</dd>
            </dl>
          ) : <p className="muted">Not available.</p>}
        </section>
        <section aria-labelledby="contributions-title">
          <h2 id="contributions-title">Contributions</h2>
          <dl className="facts">
            <dt>Pledge</dt><dd>{m.contribution && m.contributionFrequency ? `${formatMoney(m.contribution)} ${frequencyWords[m.contributionFrequency] ?? ''}` : 'None recorded'}</dd>
            <dt>Arrears</dt>
            <dd>{!m.monthsInArrears ? 'Up to date' : `${m.monthsInArrears} ${m.monthsInArrears === 1 ? 'month' : 'months'} behind${m.arrears ? ` (${formatMoney(m.arrears)} owed)` : ''}`}</dd>
          </dl>
          <h3>Recent payments</h3>
          {payments.length === 0 ? <p className="muted">No payments recorded yet.</p> : (
            <div className="table-scroll">
              <table className="data-table">
                <caption className="people-hidden">The latest payments, of {m.contributionPayments?.totalCount}</caption>
                <thead><tr><th scope="col">Paid on</th><th scope="col" className="number">Amount</th><th scope="col">Reference</th></tr></thead>
                <tbody>
                  {payments.map((p, i) => (
                    <tr key={`${String(p.paidOn)}-${i}`}>
                      <td><time dateTime={String(p.paidOn)}>{formatDate(String(p.paidOn))}</time></td>
                      <td className="number">{formatMoney(p.amount)}</td>
                      <td>{p.reference ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {(m.contributionPayments?.totalCount ?? 0) > payments.length ? <p className="meta">{m.contributionPayments?.totalCount} payments in all; the treasurer keeps the full record.</p> : null}
        </section>
      </div>
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {m.MemberHistory_member ? <MemberHistory member={m.MemberHistory_member} /> : <p className="muted">Not available.</p>}
      </section>
    </>
  );
}
