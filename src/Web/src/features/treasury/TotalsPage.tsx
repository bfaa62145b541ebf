import { useState, useTransition } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { TotalsPageQuery } from '../../__generated__/TotalsPageQuery.graphql';
import { BarChart } from '../../ui/console/BarChart';
import { formatMoney } from '../member/format';
import { formatMonth, lastMonths } from './words';
import './treasury.css';

type Total = { readonly month: string; readonly total: { readonly amount: string; readonly currency: string }; readonly payments: number };

const periods = [3, 6, 12, 24, 60] as const;
const all = 'all';

/** Sums per currency (and the number of payments) of some monthly totals. */
function sums(totals: ReadonlyArray<Total>): { money: Map<string, number>; payments: number } {
  const money = new Map<string, number>();
  let payments = 0;
  for (const t of totals) {
    money.set(t.total.currency, (money.get(t.total.currency) ?? 0) + Number(t.total.amount));
    payments += t.payments;
  }
  return { money, payments };
}

const moneyWords = (money: Map<string, number>) =>
  money.size === 0 ? 'nothing' : [...money].map(([currency, n]) => formatMoney({ amount: n.toFixed(2), currency })).join(' and ');

/** /treasury/totals: what the members of each branch paid, month by month, as a chart and a table. */
export function TotalsPage() {
  const [months, setMonths] = useState<number>(12);
  const [branchId, setBranchId] = useState<string>(all);
  const [pending, startTransition] = useTransition();
  const { branches } = useLazyLoadQuery<TotalsPageQuery>(
    graphql`
      query TotalsPageQuery($months: Int!) {
        branches { id name contributionTotals(months: $months) { month total { amount currency } payments } }
      }
    `,
    { months },
    { fetchPolicy: 'store-and-network' },
  );
  // only the branches whose totals the caller may read (treasurers and admins: every one)
  const readable = branches.filter((b) => b.contributionTotals !== null && b.contributionTotals !== undefined);
  const chosen = readable.find((b) => b.id === branchId);
  const totals: ReadonlyArray<Total> = chosen ? chosen.contributionTotals ?? [] : readable.flatMap((b) => b.contributionTotals ?? []);
  const labels = lastMonths(months);
  const currencies = [...new Set(totals.map((t) => t.total.currency))].sort();
  const series = (currencies.length > 0 ? currencies : ['GBP']).slice(0, 3).map((currency) => ({
    name: `Paid (${currency})`,
    values: labels.map((m) => totals.filter((t) => t.month === m && t.total.currency === currency).reduce((s, t) => s + Number(t.total.amount), 0)),
  }));
  const format = currencies.length <= 1 ? (n: number) => formatMoney({ amount: n.toFixed(2), currency: currencies[0] ?? 'GBP' }) : (n: number) => n.toFixed(2);
  const overall = sums(totals);
  const where = chosen ? chosen.name : 'All branches';
  const period = months === 1 ? 'this month' : `the last ${months} months`;
  return (
    <>
      <title>Contributions · Workers Power</title>
      <h1>Contributions</h1>
      <p className="lead">What members paid, month by month, for each branch or for all of them together.</p>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="Which contributions">
        <div className="field">
          <label htmlFor="branch">Branch</label>
          <select id="branch" value={branchId} onChange={(e) => setBranchId(e.currentTarget.value)}>
            <option value={all}>All branches</option>
            {readable.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="months">Months</label>
          <select id="months" value={months} onChange={(e) => { const n = Number(e.currentTarget.value); startTransition(() => setMonths(n)); }}>
            {periods.map((n) => <option key={n} value={n}>The last {n} months</option>)}
          </select>
        </div>
      </form>
      <section className="treasury-section" aria-labelledby="totals-title" aria-busy={pending}>
        <h2 id="totals-title">{where}, {period}</h2>
        <p role="status">{pending ? 'Loading…' : `${moneyWords(overall.money)} paid in ${overall.payments} ${overall.payments === 1 ? 'payment' : 'payments'}.`}</p>
        <BarChart caption={`Paid per month: ${where}`} labels={labels.map(formatMonth)} series={series} format={format} />
      </section>
      {chosen ? null : (
        <section className="treasury-section" aria-labelledby="by-branch-title">
          <h2 id="by-branch-title">By branch, {period}</h2>
          <div className="table-scroll">
            <table className="data-table">
              <thead><tr><th scope="col">Branch</th><th scope="col" className="number">Paid</th><th scope="col" className="number">Payments</th></tr></thead>
              <tbody>
                {readable.map((b) => {
                  const s = sums(b.contributionTotals ?? []);
                  return (
                    <tr key={b.id}>
                      <th scope="row">{b.name}</th>
                      <td className="number nowrap">{s.money.size === 0 ? formatMoney({ amount: '0', currency: currencies[0] ?? 'GBP' }) : moneyWords(s.money)}</td>
                      <td className="number nowrap">{s.payments}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
