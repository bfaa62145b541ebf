import { Suspense, useCallback, useEffect, useState, useTransition, type ReactNode } from 'react';
import { Link } from 'react-router';
import { fetchQuery, graphql, useLazyLoadQuery, useRelayEnvironment } from 'react-relay/hooks';
import type { OperationsPageQuery, OperationsPageQuery$data } from '../../__generated__/OperationsPageQuery.graphql';
import { BarChart } from '../../ui/console/BarChart';
import { requestFailed } from '../../ui/userErrors';
import { AdminBoundary } from './AdminBoundary';

/** How often the page reads the figures again by itself. */
const autoRefreshMs = 30_000;
/** A projection further behind than this is worth an operator's attention (the README's alert). */
const lagAlertSeconds = 30;

const query = graphql`
  query OperationsPageQuery {
    operationsOverview {
      node uptimeSeconds readAt databaseReady
      queues { incoming scheduled outgoing }
      deadLetters { total lastHour }
      projections { module projection eventsBehind secondsBehind }
      slowestOperations(first: 10) { name type count errors p50Milliseconds p95Milliseconds p99Milliseconds maxMilliseconds }
      minutes { start count errors p95Milliseconds }
    }
  }
`;

type Overview = OperationsPageQuery$data['operationsOverview'];

/** /admin/operations: the platform's health, queues, dead letters and projection lag, and this node's operations of the last hour. */
export function OperationsPage() {
  return (
    <>
      <title>Operations · Admin · Workers Power</title>
      <h1>Operations</h1>
      <p>How the platform is doing: whether anything is waiting, failing or falling behind. The figures refresh by themselves every 30 seconds.</p>
      <AdminBoundary>
        <Suspense fallback={<p className="muted" role="status">Reading the platform’s state…</p>}>
          <Figures />
        </Suspense>
      </AdminBoundary>
    </>
  );
}

function Figures() {
  const environment = useRelayEnvironment();
  // the first read comes from the server; a refresh fetches first, then shows what the store holds (no fallback, no jump)
  const [options, setOptions] = useState<{ fetchKey: number; fetchPolicy: 'network-only' | 'store-only' }>({ fetchKey: 0, fetchPolicy: 'network-only' });
  const data = useLazyLoadQuery<OperationsPageQuery>(query, {}, options);
  const [refreshing, setRefreshing] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  const refresh = useCallback(() => {
    setRefreshing(true);
    fetchQuery<OperationsPageQuery>(environment, query, {}, { fetchPolicy: 'network-only' }).subscribe({
      complete: () => {
        setRefreshing(false);
        setFailed(null);
        startTransition(() => setOptions((o) => ({ fetchKey: o.fetchKey + 1, fetchPolicy: 'store-only' })));
      },
      error: (e: unknown) => { setRefreshing(false); setFailed(requestFailed(e)); },
    });
  }, [environment]);

  useEffect(() => {
    const timer = window.setInterval(refresh, autoRefreshMs);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const o = data.operationsOverview;
  return (
    <>
      <section className="admin-section ops-health" aria-labelledby="health-title">
        <h2 id="health-title">Health</h2>
        <Summary overview={o} />
        <div className="toolbar ops-toolbar">
          <button type="button" className="button button--small button--quiet" disabled={refreshing} onClick={refresh}>{refreshing ? 'Refreshing…' : 'Refresh'}</button>
          <p className="meta ops-read-at">Read at <time dateTime={o.readAt}>{clock(o.readAt)}</time></p>
        </div>
        {failed ? <p className="alert" role="alert">Could not refresh: {failed} The figures below are from the last reading.</p> : null}
      </section>

      <section className="admin-section" aria-labelledby="messages-title">
        <h2 id="messages-title">Messages</h2>
        <p>Work the platform does after answering, such as sending mail or passing a change to another part. Counted across every node.</p>
        {o.queues && o.deadLetters ? (
          <dl className="ops-figures">
            <Figure label="Waiting" value={o.queues.incoming} meaning="Messages waiting to be handled." />
            <Figure label="Scheduled" value={o.queues.scheduled} meaning="Messages due later: retries after a failure, and timed work such as closing a ballot." />
            <Figure label="Outgoing" value={o.queues.outgoing} meaning="Messages waiting to be passed on." />
            <Figure label="Dead letters" value={o.deadLetters.total}
              meaning={`Work that failed for good and waits for a decision (${plural(o.deadLetters.lastHour, 'failure', 'failures')} in the last hour).`}
              link={<Link to="/admin/dead-letters">Decide on dead letters</Link>} />
          </dl>
        ) : <p className="alert">The message counts could not be read just now.</p>}
      </section>

      <section className="admin-section" aria-labelledby="projections-title">
        <h2 id="projections-title">Projections</h2>
        <p>Figures the platform works out in the background after each change, such as a campaign’s daily activity. While one is behind, its pages show slightly older figures.</p>
        {o.projections ? (
          <div className="table-scroll admin-table" tabIndex={0} role="group" aria-label="Projections table">
            <table className="data-table ops-table ops-table--projections">
              <thead><tr><th scope="col">Projection</th><th scope="col">Part</th><th scope="col" className="number">Events behind</th><th scope="col" className="number">Seconds behind</th></tr></thead>
              <tbody>
                {o.projections.map((p) => (
                  <tr key={`${p.module}/${p.projection}`}>
                    <th scope="row">{p.projection}</th><td>{p.module}</td>
                    <td className="number">{p.eventsBehind}</td><td className="number">{seconds(p.secondsBehind)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p className="alert">The projections’ progress could not be read just now.</p>}
      </section>

      <section className="admin-section" aria-labelledby="slowest-title">
        <h2 id="slowest-title">Slowest operations</h2>
        <p>The requests node {o.node} answered in the last hour, slowest first, in milliseconds. Each node keeps its own figures; this one has run for {uptime(o.uptimeSeconds)}.</p>
        {o.slowestOperations.length === 0 ? <p className="muted">No operations in the last hour.</p> : (
          <div className="table-scroll admin-table" tabIndex={0} role="group" aria-label="Operations by name">
            <table className="data-table ops-table ops-table--operations">
              <thead>
                <tr>
                  <th scope="col">Operation</th><th scope="col">Kind</th><th scope="col" className="number">Count</th><th scope="col" className="number">Errors</th>
                  <th scope="col" className="number">Median</th><th scope="col" className="number">Slowest 5%</th><th scope="col" className="number">Slowest 1%</th><th scope="col" className="number">Slowest</th>
                </tr>
              </thead>
              <tbody>
                {o.slowestOperations.map((s) => (
                  <tr key={s.name}>
                    <th scope="row">{s.name}</th><td>{s.type}</td><td className="number">{s.count}</td><td className="number">{s.errors}</td>
                    <td className="number">{ms(s.p50Milliseconds)}</td><td className="number">{ms(s.p95Milliseconds)}</td>
                    <td className="number">{ms(s.p99Milliseconds)}</td><td className="number">{ms(s.maxMilliseconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {o.slowestOperations.length > 0 ? <p className="meta">Slowest 5%: 19 of every 20 requests were quicker than this.</p> : null}
      </section>

      <section className="admin-section" aria-labelledby="hour-title">
        <h2 id="hour-title">The last hour, minute by minute</h2>
        <p>Requests node {o.node} answered in each minute, how many failed, and how long the slowest 5% took.</p>
        <div className="ops-charts">
          <BarChart caption="Requests and errors per minute" labels={o.minutes.map((m) => clock(m.start, false))}
            series={[{ name: 'Requests', values: o.minutes.map((m) => m.count) }, { name: 'Errors', values: o.minutes.map((m) => m.errors), colour: 'black' }]}
            figuresLabel="Requests and errors, minute by minute" />
          <BarChart caption="Slowest 5% per minute, in milliseconds" labels={o.minutes.map((m) => clock(m.start, false))}
            series={[{ name: 'Milliseconds', values: o.minutes.map((m) => m.p95Milliseconds), colour: 'muted' }]} format={ms}
            figuresLabel="Slowest 5%, minute by minute" />
        </div>
      </section>
    </>
  );
}

/** What is wrong, in words, or that all is well: the first thing an operator reads. */
function Summary({ overview: o }: { overview: Overview }) {
  const problems: string[] = [];
  if (!o.databaseReady) problems.push('The database is not ready: the platform cannot save anything until it is.');
  if (!o.queues) problems.push('The message counts could not be read.');
  if (!o.deadLetters) problems.push('The dead letters could not be counted.');
  else if (o.deadLetters.total > 0) problems.push(`${plural(o.deadLetters.total, 'dead letter', 'dead letters')} ${o.deadLetters.total === 1 ? 'waits' : 'wait'} for a decision.`);
  if (!o.projections) problems.push('The projections’ progress could not be read.');
  else for (const p of o.projections) if (p.secondsBehind > lagAlertSeconds) problems.push(`Projection ${p.projection} is ${seconds(p.secondsBehind)} s behind.`);
  return (
    <div className={problems.length === 0 ? 'ops-summary ops-summary--well' : 'ops-summary ops-summary--attention'} role="status">
      {problems.length === 0
        ? <p><strong>All well.</strong> The database is ready, no work has failed for good and every projection is up to date.</p>
        : <><p><strong>{problems.length === 1 ? 'One thing needs attention.' : `${problems.length} things need attention.`}</strong></p><ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul></>}
    </div>
  );
}

function Figure({ label, value, meaning, link }: { label: string; value: number; meaning: string; link?: ReactNode }) {
  return (
    <div className="ops-figure">
      <dt>{label}</dt>
      <dd className="ops-figure__value">{value}</dd>
      <dd className="ops-figure__meaning">{meaning}{link ? <> {link}</> : null}</dd>
    </div>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const ms = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-GB') : String(Math.round(n * 10) / 10));

const seconds = (n: number) => (n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10));

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const minuteFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "14:05:09", or "14:05" without seconds. */
const clock = (iso: string, withSeconds = true) => (withSeconds ? timeFormat : minuteFormat).format(new Date(iso));

/** "3 days 4 h", "2 h 5 min", "12 min", "40 s". */
function uptime(total: number): string {
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  if (days > 0) return `${plural(days, 'day', 'days')} ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${total} s`;
}
