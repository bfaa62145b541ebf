import { useEffect } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Link, Navigate, useLocation } from 'react-router';
import type { MePageQuery, MembershipStatus } from '../../__generated__/MePageQuery.graphql';
import { formatDate } from '../../ui/dates';
import { getToken, setToken } from '../../relay/token';

const when = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** The standing in words a member understands. */
const standing: Record<MembershipStatus, string> = {
  ACTIVE: 'Active member',
  LAPSED: 'Lapsed: your contributions are three or more months behind',
  RESIGNED: 'Resigned',
  SUSPENDED: 'Suspended',
  '%future added value': 'Unknown',
};

/** /me: signed in only (signed out → /sign-in, and back here afterwards). */
export function MePage() {
  const location = useLocation();
  if (getToken() === null) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  return <Dashboard />;
}

/** The member's dashboard, read-only: standing, branch, the actions they signed up for, their notices. */
function Dashboard() {
  const data = useLazyLoadQuery<MePageQuery>(
    graphql`
      query MePageQuery {
        me {
          givenName familyName status statusReason joinedOn
          branch { name region }
          participation { actionsSignedUp actionsAttended campaigns }
          notices(first: 10) { nodes { kind text createdAt action { id title } } }
        }
        upcomingActions(first: 100) {
          nodes { id title startsAt location mySignUp status campaign { title slug } }
        }
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  const me = data.me;
  // A token the server no longer accepts reads as anonymous: forget it and ask for a new sign-in.
  useEffect(() => { if (!me) setToken(null); }, [me]);
  if (!me) return <Navigate to="/sign-in?next=%2Fme" replace />;

  const mine = data.upcomingActions.nodes.filter((a) => a.mySignUp === 'SIGNED_UP');
  const notices = me.notices?.nodes ?? [];
  return (
    <>
      <title>{`${me.givenName} ${me.familyName} · Workers Power`}</title>
      <h1>Hello, {me.givenName}</h1>
      <div className="grid grid--2">
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">Your next actions</h2>
          {mine.length === 0 ? (
            <p className="muted">You have not signed up for any upcoming action. <Link to="/">See the current campaigns</Link>.</p>
          ) : (
            <ul className="cards">
              {mine.map((a) => (
                <li key={a.id} className="card">
                  <h3>{a.title}</h3>
                  <p className="meta"><time dateTime={a.startsAt}>{when.format(new Date(a.startsAt)).replace(',', '')}</time> · {a.location}</p>
                  <p>Part of <Link to={`/campaigns/${a.campaign.slug}`}>{a.campaign.title}</Link></p>
                </li>
              ))}
            </ul>
          )}
          <h2 id="notices-title" className="section-title">Notices</h2>
          {notices.length === 0 ? <p className="muted">No notices: reminders and cancellations of your actions appear here.</p> : (
            <ul className="cards" aria-labelledby="notices-title">
              {notices.map((n, i) => (
                <li key={`${n.createdAt}-${i}`} className="card">
                  <p className="meta">
                    {n.kind === 'ACTION_CANCELLED' ? 'Cancelled' : 'Reminder'} · <time dateTime={n.createdAt}>{formatDate(n.createdAt)}</time>
                  </p>
                  <p>{n.text}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="membership-title">
          <h2 id="membership-title">Your membership</h2>
          <dl className="facts">
            <dt>Standing</dt>
            <dd>{standing[me.status]}{me.statusReason && me.status !== 'ACTIVE' ? ` (${me.statusReason})` : ''}</dd>
            <dt>Branch</dt>
            <dd>{me.branch.name}{me.branch.region ? `, ${me.branch.region}` : ''}</dd>
            <dt>Member since</dt>
            <dd><time dateTime={String(me.joinedOn)}>{formatDate(String(me.joinedOn))}</time></dd>
            {me.participation ? (
              <>
                <dt>Taking part</dt>
                <dd>
                  {me.participation.actionsSignedUp} signed up, {me.participation.actionsAttended} attended,
                  {' '}in {me.participation.campaigns} {me.participation.campaigns === 1 ? 'campaign' : 'campaigns'}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      </div>
    </>
  );
}
