import { Suspense, useEffect } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { getToken, setToken } from '../../relay/token';
import './member.css';

/** The member space's pages, in the order the sub-navigation shows them. */
const pages = [
  { to: '/me', label: 'Dashboard', end: true },
  { to: '/me/profile', label: 'Profile', end: false },
  { to: '/me/contributions', label: 'Contributions', end: false },
  { to: '/me/history', label: 'History', end: false },
  { to: '/me/data', label: 'My data', end: false },
  { to: '/decisions', label: 'Meetings and votes', end: false },
] as const;

/** The member space's sub-navigation, shown on every member page. */
function MemberNav() {
  return (
    <nav className="member-nav" aria-label="My membership">
      <ul>
        {pages.map((p) => <li key={p.to}><NavLink to={p.to} end={p.end}>{p.label}</NavLink></li>)}
      </ul>
    </nav>
  );
}

/**
 * /me and its pages: signed in only (signed out → /sign-in, and back to the same page afterwards). Each page
 * owns its query; this frame holds the sub-navigation above them.
 */
export function MemberSpace() {
  const location = useLocation();
  // Read when the page renders, not subscribed to: signing out (Layout) forgets the token and then goes home,
  // and this frame must not answer the forgetting with a redirect to the sign-in page first.
  if (getToken() === null) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  return (
    <>
      <MemberNav />
      <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
        <Outlet />
      </Suspense>
    </>
  );
}

/**
 * For a page whose `me` came back null: the token is one the server no longer links to a member, so it is
 * forgotten and the person asked to sign in again (back to this page afterwards).
 */
export function SignInAgain() {
  const location = useLocation();
  useEffect(() => { setToken(null); }, []);
  return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
}
