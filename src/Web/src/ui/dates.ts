const dateFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** A date as people say it: "Sat 5 Dec 2026". */
export const formatDate = (iso: string) => dateFormat.format(new Date(iso)).replace(',', '');
