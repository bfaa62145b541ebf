import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import './account.css';

/**
 * The token of a mail's link (?token=…), read once when the page opens and then taken out of the address bar, so it
 * stays in no history, bookmark or screenshot; it is only ever sent to the API, in the one mutation that uses it.
 */
export function useLinkToken(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => new URLSearchParams(location.search).get('token')?.trim() || null);
  useEffect(() => {
    if (new URLSearchParams(location.search).has('token')) void navigate(location.pathname, { replace: true });
  }, [location.pathname, location.search, navigate]);
  return token;
}

/** The API's INVALID_TOKEN (or another refusal of the link itself), if one is among the errors. */
export function linkRefusal(errors: ReadonlyArray<{ readonly code: string; readonly message: string }>, codes = ['INVALID_TOKEN']): string | null {
  return errors.find((e) => codes.includes(e.code))?.message ?? null;
}

/** A page in place of the form: what happened or what went wrong, focused so a screen reader reads it, and a way on. */
export function Outcome({ title, tone, children }: { title: string; tone: 'done' | 'problem'; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={`outcome ${tone === 'done' ? 'confirmation' : 'alert'}`} aria-labelledby="outcome-title">
      <title>{`${title} · Workers Power`}</title>
      <h1 id="outcome-title" tabIndex={-1} ref={heading}>{title}</h1>
      {children}
    </section>
  );
}

/** The page opened without the link's token (a cut-off link, or reloaded after the token was read). */
export function IncompleteLink({ mail }: { mail: string }) {
  return (
    <Outcome title="This link is incomplete" tone="problem">
      <p>Open the link in your {mail} again, or copy the whole of it into the address bar.</p>
      <p><Link to="/">Go to the home page</Link>.</p>
    </Outcome>
  );
}
