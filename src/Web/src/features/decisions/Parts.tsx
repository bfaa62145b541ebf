import type { ReactNode } from 'react';
import type { Outcome } from './outcome';

/** What an action did, next to its button: its alert (role=alert) or what happened (role=status). */
export function OutcomeLine({ id, outcome }: { id: string; outcome: Outcome }) {
  if (outcome.alert.length > 0) return <div className="alert" id={id} role="alert">{outcome.alert.map((m) => <p key={m}>{m}</p>)}</div>;
  return <p className="saved" id={id} role="status" hidden={!outcome.saved}>{outcome.saved}</p>;
}

/** aria attributes for a control with an optional hint and an error. */
export function described(id: string, error: string | undefined, hint?: boolean) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

/** A labelled field: the control (given its id), its hint and its error. */
export function FieldBox({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field" data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id}>{label}</label>
      {hint ? <span className="hint" id={`${id}-hint`}>{hint}</span> : null}
      {children}
      {error ? <p className="field-error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}
