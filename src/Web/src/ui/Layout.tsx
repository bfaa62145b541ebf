import { useSyncExternalStore } from 'react';
import { NavLink, Link, Outlet, useNavigate } from 'react-router';
import { graphql, useMutation } from 'react-relay/hooks';
import type { LayoutSignOutMutation } from '../__generated__/LayoutSignOutMutation.graphql';
import { getGivenName, getToken, setToken, subscribeToken } from '../relay/token';

/** Whether someone is signed in (a token is held), and their given name; re-renders when either changes. */
export function useSignedIn(): { signedIn: boolean; givenName: string | null } {
  const token = useSyncExternalStore(subscribeToken, getToken);
  const givenName = useSyncExternalStore(subscribeToken, getGivenName);
  return { signedIn: token !== null, givenName };
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
  return (
    <>
      <link rel="alternate" type="application/atom+xml" title="Workers Power: articles" href="/feed.xml" />
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="site-title">Workers <span>Power</span></Link>
          <nav className="site-nav" aria-label="Main">
            <ul>
              <li><NavLink to="/" end>Home</NavLink></li>
              <li><NavLink to="/campaigns">Campaigns</NavLink></li>
              <li><NavLink to="/articles">Articles</NavLink></li>
              {signedIn ? (
                <>
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
