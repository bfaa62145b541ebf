import { Suspense } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { getToken } from '../../relay/token';
import { MeetingsPage } from './MeetingsPage';
import { MeetingPage } from './MeetingPage';
import { BallotPage } from './BallotPage';
import '../../ui/console/console.css';
import './decisions.css';

/**
 * Decisions (/decisions/*): the meetings a member's branch and the whole organisation hold, their motions and
 * ballots; voting, receipts and verifiable results; and, for whoever may run a meeting, the chair's part.
 * Signed in only (signed out → /sign-in and back). One chunk, loaded when opened.
 */
export function DecisionsArea() {
  const location = useLocation();
  if (getToken() === null) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  return (
    <>
      <nav className="area-nav" aria-label="Decisions">
        <ul>
          <li><NavLink to="/decisions" end>Meetings</NavLink></li>
          <li><NavLink to="/me">My membership</NavLink></li>
        </ul>
      </nav>
      <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
        <Routes>
          <Route index element={<MeetingsPage />} />
          <Route path="meetings/:id" element={<MeetingPage />} />
          <Route path="ballots/:id" element={<BallotPage />} />
          <Route path="*" element={<NotHere />} />
        </Routes>
      </Suspense>
    </>
  );
}

function NotHere() {
  return (
    <>
      <title>Not found · Decisions · Workers Power</title>
      <h1>There is no page here</h1>
      <p>The address may be mistyped. <NavLink to="/decisions">See the meetings</NavLink>.</p>
    </>
  );
}
