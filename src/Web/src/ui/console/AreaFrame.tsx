import { Suspense, useSyncExternalStore } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { getRoles, getToken, subscribeToken, type Role } from '../../relay/token';
import './console.css';

export type AreaPage = { readonly to: string; readonly label: string; readonly end?: boolean };

/**
 * The frame of a role area (the organiser's console, the editor's desk, the treasury, the admin's room):
 * signed in only (signed out → /sign-in and back), and only for the roles given; anyone else reads that the
 * area is not theirs, with nothing to act on. Below its sub-navigation, the area's pages (an Outlet).
 * The server decides every request by itself: this only keeps screens from offering what would be refused.
 */
export function AreaFrame({ label, roles, pages, who }: {
  label: string; roles: ReadonlyArray<Role>; pages: ReadonlyArray<AreaPage>; who: string;
}) {
  const location = useLocation();
  const held = useSyncExternalStore(subscribeToken, getRoles);
  if (getToken() === null) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.some((r) => held.includes(r))) {
    return (
      <>
        <title>{`${label} · Workers Power`}</title>
        <h1>{label}</h1>
        <p className="alert" role="alert">This part is for {who}. Your account does not hold that role; if you think it should, ask an admin.</p>
      </>
    );
  }
  return (
    <>
      <nav className="area-nav" aria-label={label}>
        <ul>
          {pages.map((p) => <li key={p.to}><NavLink to={p.to} end={p.end ?? false}>{p.label}</NavLink></li>)}
        </ul>
      </nav>
      <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
        <Outlet />
      </Suspense>
    </>
  );
}

/** Whether the signed-in person holds one of these roles (to show or hide an action inside a page). */
export function useHasRole(...roles: Role[]): boolean {
  const held = useSyncExternalStore(subscribeToken, getRoles);
  return roles.some((r) => held.includes(r));
}
