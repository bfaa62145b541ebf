const whenFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const momentFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A time as people say it: "Sat 5 Dec 06:00". */
export const formatWhen = (iso: string) => whenFormat.format(new Date(iso)).replace(',', '');

/** A moment in the past, with its year: "Sat 5 Dec 2026 06:00". */
export const formatMoment = (iso: string) => momentFormat.format(new Date(iso)).replace(/,/g, '');

/** Money as people write it: "£5.00", "€12.50". */
export function formatMoney(money: { readonly amount: string; readonly currency: string }): string {
  const amount = Number(money.amount);
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: money.currency }).format(amount);
  } catch {
    return `${money.amount} ${money.currency}`;
  }
}

/** How often a pledge is paid, in words. */
export const frequencyWords: Record<string, string> = { MONTHLY: 'every month', QUARTERLY: 'every three months', YEARLY: 'every year' };
