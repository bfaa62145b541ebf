import { Suspense, useState, useTransition } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { ReportTableNamesQuery } from '../../__generated__/ReportTableNamesQuery.graphql';
import type { ImportPageMutation$data } from '../../__generated__/ImportPageMutation.graphql';
import { formatDate } from '../../ui/dates';
import { formatMoney } from '../member/format';

type Row = NonNullable<ImportPageMutation$data['importContributionPayments']>['rows'][number];

const blockSize = 100; // node lookups take up to 100 ids: one query of names per block of rows
const statusWords: Record<string, string> = { MATCHED: 'Matched', SKIPPED: 'Skipped', REFUSED: 'Refused' };

/** The import's report: each row of the file with the member it matched, a block of 100 rows at a time. */
export function ReportTable({ rows }: { rows: ReadonlyArray<Row> }) {
  const [blocks, setBlocks] = useState(1);
  const [pending, startTransition] = useTransition();
  const shown = Math.min(rows.length, blocks * blockSize);
  if (rows.length === 0) return <p className="muted">The file has no rows.</p>;
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="The report (scrolls sideways on a small screen)">
        <table className="data-table">
          <caption className="muted">{shown < rows.length ? `Rows 1 to ${shown} of ${rows.length}` : `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`} (the header is line 1)</caption>
          <thead>
            <tr>
              <th scope="col" className="number">Line</th><th scope="col">Member</th><th scope="col" className="number">Amount</th>
              <th scope="col">Paid on</th><th scope="col">Result</th><th scope="col">Message</th>
            </tr>
          </thead>
          {Array.from({ length: Math.ceil(shown / blockSize) }, (_, b) => (
            <Suspense key={b} fallback={<tbody><tr><td colSpan={6} className="muted">Loading the members’ names…</td></tr></tbody>}>
              <Block rows={rows.slice(b * blockSize, Math.min(shown, (b + 1) * blockSize))} />
            </Suspense>
          ))}
        </table>
      </div>
      {shown < rows.length ? (
        <p className="more">
          <button type="button" className="button button--light" disabled={pending} onClick={() => startTransition(() => setBlocks(blocks + 1))}>
            {pending ? 'Loading…' : `Show the next ${Math.min(blockSize, rows.length - shown)} rows`}
          </button>
        </p>
      ) : null}
    </>
  );
}

/** Up to 100 rows, with the matched members' names (names only: what a treasurer may read). */
function Block({ rows }: { rows: ReadonlyArray<Row> }) {
  const ids = [...new Set(rows.map((r) => r.memberId).filter((id): id is string => !!id))];
  const { nodes } = useLazyLoadQuery<ReportTableNamesQuery>(
    graphql`
      query ReportTableNamesQuery($ids: [ID!]!) {
        nodes(ids: $ids) { __typename ... on Member { id givenName familyName } }
      }
    `,
    { ids },
    { fetchPolicy: 'store-or-network' },
  );
  const names = new Map<string, string>();
  for (const n of nodes) if (n?.__typename === 'Member') names.set(n.id, `${n.givenName} ${n.familyName}`);
  return (
    <tbody>
      {rows.map((r) => (
        <tr key={r.line} className={r.status === 'REFUSED' ? 'report-row--refused' : undefined}>
          <td className="number nowrap">{r.line}</td>
          <td>{r.memberId ? names.get(r.memberId) ?? 'A member you cannot see' : <span className="muted">None</span>}</td>
          <td className="number nowrap">{r.amount ? formatMoney(r.amount) : ''}</td>
          <td className="nowrap">{r.paidOn ? <time dateTime={String(r.paidOn)}>{formatDate(String(r.paidOn))}</time> : ''}</td>
          <td className="nowrap"><span className="status-badge">{statusWords[r.status] ?? r.status}</span></td>
          <td className="message">{r.message}</td>
        </tr>
      ))}
    </tbody>
  );
}
