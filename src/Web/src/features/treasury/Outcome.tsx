/** What a treasury form did: its page-level errors (role=alert) or, once done, what happened (role=status). */
export function Outcome({ id, alert, done }: { id: string; alert: ReadonlyArray<string>; done: string | null }) {
  if (alert.length > 0) return <div className="alert outcome" id={id} role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div>;
  return <p className="outcome outcome--done" id={id} role="status" hidden={!done}>{done}</p>;
}
