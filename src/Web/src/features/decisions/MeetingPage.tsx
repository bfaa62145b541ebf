import { useCallback, useState } from 'react';
import { graphql, useFragment, useLazyLoadQuery } from 'react-relay/hooks';
import { Link, useParams } from 'react-router';
import type { MeetingPageQuery } from '../../__generated__/MeetingPageQuery.graphql';
import type { MeetingPage_meeting$data, MeetingPage_meeting$key } from '../../__generated__/MeetingPage_meeting.graphql';
import { MotionItem, SubmitMotionForm } from './Motions';
import { BallotsSection, ChairPart, ProxyForm } from './ChairPart';
import { bodyNames, formatWhen } from './words';

export type MeetingData = MeetingPage_meeting$data;

/**
 * /decisions/meetings/:id: a meeting (title, body, scope, chair, status), its motions with their versions,
 * amendments and seconders, and its ballots with their status and turnout. Members of its scope submit and second
 * motions and amendments and authorise a proxy; whoever may run it (viewerMayChair) also names the chair, puts
 * seconded motions and amendments to the vote, creates ballots, opens and closes them.
 */
export function MeetingPage() {
  const { id = '' } = useParams();
  const [fetchKey, setFetchKey] = useState(0);
  const refresh = useCallback(() => setFetchKey((k) => k + 1), []);
  const { node, me } = useLazyLoadQuery<MeetingPageQuery>(
    graphql`
      query MeetingPageQuery($id: ID!) {
        node(id: $id) { __typename ... on Meeting { id ...MeetingPage_meeting @alias(as: "meeting") } }
        me { id }
      }
    `,
    { id },
    { fetchPolicy: 'store-and-network', fetchKey },
  );
  if (!node || node.__typename !== 'Meeting' || !node.meeting) {
    return (
      <>
        <title>Not found · Decisions · Workers Power</title>
        <h1>There is no meeting here</h1>
        <p>It may belong to another branch, or the address is mistyped. <Link to="/decisions">See your meetings</Link>.</p>
      </>
    );
  }
  return <MeetingView meeting={node.meeting} viewerId={me?.id ?? null} refresh={refresh} />;
}

function MeetingView({ meeting: key, viewerId, refresh }: { meeting: MeetingPage_meeting$key; viewerId: string | null; refresh: () => void }) {
  const m = useFragment(
    graphql`
      fragment MeetingPage_meeting on Meeting {
        id title body startsAt secondersRequired status viewerMayChair
        scope { kind branch { name } }
        convenedBy { memberId displayName }
        chair { memberId displayName }
        proxies { id at grantor { memberId displayName } holder { memberId displayName } }
        motions {
          id title text version status
          versions { version text at byAmendment }
          mover { memberId displayName }
          seconders { memberId displayName }
          ballot { id status title }
          amendments {
            id text status order
            mover { memberId displayName }
            seconders { memberId displayName }
            ballot { id status title }
          }
        }
        ballots { id title kind secrecy status quorum turnout electorateSize opensAt closesAt allowChanges }
      }
    `,
    key,
  );
  const scope = m.scope.kind === 'BRANCH' ? m.scope.branch?.name ?? 'A branch' : 'The whole organisation';
  const open = m.status === 'OPEN';
  return (
    <>
      <title>{`${m.title} · Decisions · Workers Power`}</title>
      <p><Link to="/decisions">All meetings</Link></p>
      <h1>{m.title}</h1>
      <dl className="meeting-facts">
        <div><dt>Body</dt><dd>{bodyNames[m.body] ?? m.body}</dd></div>
        <div><dt>Whose</dt><dd>{scope}</dd></div>
        <div><dt>When</dt><dd>{formatWhen(m.startsAt)}</dd></div>
        <div><dt>Chair</dt><dd>{m.chair?.displayName ?? 'Not named yet'}</dd></div>
        <div><dt>Status</dt><dd><span className="status-badge">{open ? 'Open' : 'Closed'}</span></dd></div>
        <div><dt>Seconders a motion needs</dt><dd>{m.secondersRequired}</dd></div>
      </dl>
      <section className="console-section" aria-labelledby="motions-title">
        <h2 id="motions-title">Motions <span className="muted">({m.motions.length})</span></h2>
        {m.motions.length === 0 ? <p className="muted">No motions yet.{open && viewerId ? ' Submit the first one below.' : ''}</p> : (
          <ul className="item-list">
            {m.motions.map((motion) => (
              <li key={motion.id}>
                <MotionItem motion={motion} meeting={m} viewerId={viewerId} />
              </li>
            ))}
          </ul>
        )}
        {open && viewerId ? <SubmitMotionForm meetingId={m.id} /> : null}
      </section>
      <BallotsSection meeting={m} />
      {m.viewerMayChair ? <ChairPart meeting={m} /> : null}
      {open && viewerId ? <ProxyForm meeting={m} viewerId={viewerId} onDone={refresh} /> : null}
    </>
  );
}

/** Everyone named in the meeting (convenor, chair, movers, seconders, proxies), once each, by name. */
export function peopleOf(m: MeetingData): ReadonlyArray<{ memberId: string; displayName: string }> {
  const all = [m.convenedBy, m.chair, ...(m.proxies ?? []).flatMap((p) => [p.grantor, p.holder]),
    ...m.motions.flatMap((x) => [x.mover, ...x.seconders, ...x.amendments.flatMap((a) => [a.mover, ...a.seconders])])];
  const seen = new Map<string, { memberId: string; displayName: string }>();
  for (const p of all) if (p && !seen.has(p.memberId)) seen.set(p.memberId, { memberId: p.memberId, displayName: p.displayName });
  return [...seen.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
