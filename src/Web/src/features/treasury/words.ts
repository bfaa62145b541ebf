import { formatMoney } from '../member/format';

/** A member's standing, in words. */
export const standingWords: Record<string, string> = { ACTIVE: 'active', LAPSED: 'lapsed', SUSPENDED: 'suspended', RESIGNED: 'resigned' };

type Money = { readonly amount: string; readonly currency: string };

/** Where a member stands with their contributions, in a treasurer's words. */
export function arrearsWords(months: number | null | undefined, owed: Money | null | undefined): string {
  if (months === null || months === undefined) return 'Not known';
  if (months <= 0) return 'Up to date';
  const amount = owed && Number(owed.amount) > 0 ? ` (${formatMoney(owed)} owed)` : '';
  return `${months} ${months === 1 ? 'month' : 'months'} behind${amount}`;
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A month as yyyy-mm → "Dec 2026". */
export const formatMonth = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

/** The last n months, this one included, oldest first, as yyyy-mm. */
export function lastMonths(n: number, today = new Date()): string[] {
  const months: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return months;
}

/** Today in the person's own calendar, as yyyy-mm-dd (the default day paid). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
