/** How the organiser's console says dates and times, and turns form values into the API's. */
const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "Sat 5 Dec, 06:00–08:00". */
export const when = (starts: string, ends: string) =>
  `${day.format(new Date(starts)).replace(',', '')}, ${time.format(new Date(starts))}–${time.format(new Date(ends))}`;

/** "Sat 5 Dec" for a date (YYYY-MM-DD, a UTC day). */
export const dayLabel = (date: string) => day.format(new Date(`${date}T12:00:00Z`)).replace(',', '');

/** A datetime-local input's value for an ISO time (local time, to the minute). */
export function localInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an ISO time; empty or unreadable: null (the API says what is missing). */
export function isoOf(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const kindNames = {
  PICKET: 'Picket', DEMONSTRATION: 'Demonstration', MEETING: 'Meeting', STALL: 'Stall',
  LEAFLETING: 'Leafleting', CANVASS: 'Canvass', ONLINE: 'Online', OTHER: 'Other',
} as const;
