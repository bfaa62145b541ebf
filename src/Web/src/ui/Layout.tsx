import { NavLink, Link, Outlet } from 'react-router';

/** The page frame: a skip link, the header with the site's name and menu, the main content, the footer. */
export function Layout() {
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="site-title">Workers <span>Power</span></Link>
          <nav className="site-nav" aria-label="Main">
            <ul>
              <li><NavLink to="/" end>Home</NavLink></li>
              <li><NavLink to="/join">Join us</NavLink></li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>Workers Power: for international socialism. <a href="/feed.xml">Articles as an Atom feed</a>.</p>
        </div>
      </footer>
    </>
  );
}
