import { useState, type ReactNode } from 'react';
import { requestFailed } from '../../ui/userErrors';
import { linkRefusal, Outcome } from './linkToken';

type Errors = ReadonlyArray<{ readonly code: string; readonly message: string }>;

/**
 * A page behind a mail's link that changes something only when its button is pressed (mail scanners open links too):
 * what it will do and the button; once done, what happened; when the link is refused, its reason and a way on.
 */
export function LinkButtonPage({ title, children, button, busy, inFlight, doneTitle, done, refusedTitle, wayOn, refusals = ['INVALID_TOKEN'], send }: {
  title: string; children: ReactNode; button: string; busy: string; inFlight: boolean;
  doneTitle: string; done: ReactNode; refusedTitle: string; wayOn: ReactNode; refusals?: string[];
  send: (answer: (succeeded: boolean, errors: Errors) => void, failed: (error: unknown) => void) => void;
}) {
  const [alert, setAlert] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<{ kind: 'done' } | { kind: 'refused'; message: string } | null>(null);
  if (outcome?.kind === 'done') return <Outcome title={doneTitle} tone="done">{done}</Outcome>;
  if (outcome?.kind === 'refused') return <Outcome title={refusedTitle} tone="problem"><p>{outcome.message}</p>{wayOn}</Outcome>;
  const answer = (succeeded: boolean, errors: Errors) => {
    if (succeeded) { setOutcome({ kind: 'done' }); return; }
    const refused = linkRefusal(errors, refusals);
    if (refused) setOutcome({ kind: 'refused', message: refused });
    else setAlert(errors.map((e) => e.message));
  };
  return (
    <>
      <title>{`${title} · Workers Power`}</title>
      <h1>{title}</h1>
      <div className="form">
        {children}
        {alert.length > 0 ? <div className="alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
        <button type="button" className="button" disabled={inFlight}
          onClick={() => { setAlert([]); send(answer, (error) => setAlert([requestFailed(error)])); }}>
          {inFlight ? busy : button}
        </button>
      </div>
    </>
  );
}
