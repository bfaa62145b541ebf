import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { MePageQuery, MembershipStatus } from '../../__generated__/MePageQuery.graphql';
import { formatDate } from '../../ui/dates';
import { SignInAgain } from '../member/MemberSpace';
import { NextActions } from '../member/NextActions';
import { Notices } from '../member/Notices';
import { ProgrammeNotice } from '../member/ProgrammeNotice';

/** The standing in words a member understands. */
const standing: Record<MembershipStatus, string> = {
  ACTIVE: 'Active member',
  LAPSED: 'Lapsed: your contributions are three or more months behind',
  RESIGNED: 'Resigned',
  SUSPENDED: 'Suspended',
  '%future added value': 'Unknown',
};

/** /me, the member's dashboard (inside the member space, which sends the signed-out to sign in): a new programme to accept, if any, then standing, branch, their next actions, their notices. */
export function MePage() {
  const data = useLazyLoadQuery<MePageQuery>(
    graphql`
      query MePageQuery {
        me {
          givenName familyName status statusReason joinedOn
          branch { name region }
          participation { actionsSignedUp actionsAttended campaigns }
          ...Notices_member
        }
        ...NextActions_query
        ...ProgrammeNotice_query
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  const me = data.me;
  // A token the server no longer links to a member: forget it and ask for a new sign-in.
  if (!me) return <SignInAgain />;

  return (
    <>
      <title>{`${me.givenName} ${me.familyName} · Workers Power`}</title>
      <h1>Hello, {me.givenName}</h1>
      <ProgrammeNotice query={data} />
      <div className="grid grid--2">
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">Your next actions</h2>
          <NextActions query={data} />
          <h2 id="notices-title" className="section-title">Notices</h2>
          <Notices member={me} labelledBy="notices-title" />
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
