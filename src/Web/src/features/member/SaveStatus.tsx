/** A form's page-level errors (role=alert) or, after a save, its status message (role=status). */
export function SaveStatus({ id, alert, saved }: { id: string; alert: string[]; saved: string | null }) {
  if (alert.length > 0) return <div className="alert" id={id} role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div>;
  return <p className="saved" id={id} role="status" hidden={!saved}>{saved}</p>;
}
