/**
 * What a treasury form did: its page-level errors (role=alert) or, once done, what happened (role=status), marked
 * as a warning when it needs the person's attention (an import with refused rows).
 */
export function Outcome({ id, alert, done, warn = false }: { id: string; alert: ReadonlyArray<string>; done: string | null; warn?: boolean }) {
  if (alert.length > 0) return <div className="alert outcome" id={id} role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div>;
  return <p className={`outcome ${warn ? 'outcome--warn' : 'outcome--done'}`} id={id} role="status" hidden={!done}>{done}</p>;
}
