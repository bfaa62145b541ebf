import { useEffect, useState, useSyncExternalStore } from 'react';
import { NavLink, Link, Outlet, useLocation, useNavigate } from 'react-router';
import { graphql, useMutation } from 'react-relay/hooks';
import type { LayoutSignOutMutation } from '../__generated__/LayoutSignOutMutation.graphql';
import { getGivenName, getRoles, getToken, setToken, subscribeToken, type Role } from '../relay/token';

/** Whether someone is signed in (a token is held), and their given name; re-renders when either changes. */
export function useSignedIn(): { signedIn: boolean; givenName: string | null } {
  const token = useSyncExternalStore(subscribeToken, getToken);
  const givenName = useSyncExternalStore(subscribeToken, getGivenName);
  return { signedIn: token !== null, givenName };
}

/** The role areas, in menu order: each shown to the roles that may work in it (admins: all of them). */
export const areas: ReadonlyArray<{ to: string; label: string; roles: ReadonlyArray<Role> }> = [
  { to: '/organise', label: 'Organise', roles: ['ORGANISER', 'CAMPAIGN_ORGANISER', 'ADMIN'] },
  { to: '/editor', label: 'Editing', roles: ['EDITOR', 'ADMIN'] },
  { to: '/treasury', label: 'Treasury', roles: ['TREASURER', 'ADMIN'] },
  { to: '/admin', label: 'Admin', roles: ['ADMIN'] },
];

/** The role areas the signed-in person's token allows (none when signed out or a member only). */
export function useAreas() {
  const roles = useSyncExternalStore(subscribeToken, getRoles);
  return areas.filter((a) => a.roles.some((r) => roles.includes(r)));
}

/** Signs out everywhere (signOut), forgets the token whatever the answer, and goes home. */
function SignOutButton() {
  const navigate = useNavigate();
  const [commit, inFlight] = useMutation<LayoutSignOutMutation>(graphql`
    mutation LayoutSignOutMutation { signOut(input: {}) { signedOutAt errors { code message } } }
  `);
  const done = () => { setToken(null); void navigate('/'); };
  return (
    <button type="button" className="link-button" disabled={inFlight} onClick={() => commit({ variables: {}, onCompleted: done, onError: done })}>
      Sign out
    </button>
  );
}

/** The page frame: a skip link, the header with the site's name and menu, the main content, the footer. */
export function Layout() {
  const { signedIn, givenName } = useSignedIn();
  const mine = useAreas();
  // With role areas the menu is long: on a phone it folds behind a button, and folds again on every new page.
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => { setOpen(false); }, [pathname]);
  const folds = mine.length > 0;
  return (
    <>
      <link rel="alternate" type="application/atom+xml" title="Workers Power: articles" href="/feed.xml" />
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="site-title">Workers <span>Power</span></Link>
          <nav className="site-nav" aria-label="Main" data-folds={folds ? (open ? 'open' : 'closed') : undefined}>
            {folds ? (
              <button type="button" className="site-nav__toggle" aria-expanded={open} aria-controls="site-menu" onClick={() => setOpen(!open)}>
                Menu
              </button>
            ) : null}
            <ul id="site-menu">
              <li><NavLink to="/" end>Home</NavLink></li>
              <li><NavLink to="/campaigns">Campaigns</NavLink></li>
              <li><NavLink to="/articles">Articles</NavLink></li>
              {signedIn ? (
                <>
                  {mine.map((a) => <li key={a.to}><NavLink to={a.to}>{a.label}</NavLink></li>)}
                  <li><NavLink to="/me">{givenName ?? 'My page'}</NavLink></li>
                  <li><SignOutButton /></li>
                </>
              ) : (
                <>
                  <li><NavLink to="/join">Join us</NavLink></li>
                  <li><NavLink to="/sign-in">Sign in</NavLink></li>
                </>
              )}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>Workers Power: for international socialism.</p>
          <p>
            <Link to="/programme">The programme</Link> · <Link to="/about">About us</Link> · <Link to="/articles">Articles</Link>
            {' '}· <a href="/feed.xml" type="application/atom+xml">Articles as an Atom feed</a>
          </p>
        </div>
      </footer>
    </>
  );
}
