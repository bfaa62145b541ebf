import { useEffect, useRef } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { setToken } from '../../relay/token';

/**
 * /me/resigned: where resigning leads (only from there: opened otherwise it goes to /me). Resigning signed the
 * account out everywhere in the same request, so this page forgets the token here and says what happened.
 */
export function ResignedPage() {
  const location = useLocation();
  const resigned = (location.state as { resigned?: boolean } | null)?.resigned === true;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!resigned) return;
    setToken(null);
    heading.current?.focus();
  }, [resigned]);
  if (!resigned) return <Navigate to="/me" replace />;
  return (
    <section className="confirmation" aria-labelledby="resigned-title">
      <title>You have resigned · Workers Power</title>
      <h1 id="resigned-title" tabIndex={-1} ref={heading}>You have resigned</h1>
      <p>Your membership of Workers Power has ended and you are now signed out. Thank you for everything you did with us.</p>
      <p>If you change your mind, you are welcome back: <Link to="/join">apply to join again</Link>.</p>
    </section>
  );
}
