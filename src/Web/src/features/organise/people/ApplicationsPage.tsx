import { Suspense, type ChangeEvent } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { Link, useSearchParams } from 'react-router';
import type { ApplicationsPageQuery, ApplicationStatus } from '../../../__generated__/ApplicationsPageQuery.graphql';
import type { ApplicationsPage_list$key } from '../../../__generated__/ApplicationsPage_list.graphql';
import type { ApplicationsPageListQuery } from '../../../__generated__/ApplicationsPageListQuery.graphql';
import { ShowMore } from '../../../ui/ShowMore';
import { formatMoment } from '../../member/format';
import { applicationWords } from './common';
import './people.css';

const pageSize = 20;
const statuses = ['PENDING', 'APPROVED', 'REJECTED'] as const;

/** /organise: join applications, newest first; pending ones unless another status (or all) is chosen. */
export function ApplicationsPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: ApplicationStatus | null = raw === 'ALL' ? null : (statuses as ReadonlyArray<string>).includes(raw ?? '') ? raw as ApplicationStatus : 'PENDING';
  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const value = event.currentTarget.value;
    setParams(value === 'PENDING' ? {} : { status: value }, { replace: true });
  };
  return (
    <>
      <title>Applications · Organise · Workers Power</title>
      <h1>Applications</h1>
      <p>People who asked to join, newest first. Open one to read it, then approve it into a branch or reject it with a reason.</p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="application-status">Show</label>
          <select id="application-status" value={status ?? 'ALL'} onChange={choose}>
            <option value="PENDING">Waiting for a decision</option>
            <option value="APPROVED">Approved</option>
            <option value="REJECTED">Rejected</option>
            <option value="ALL">All applications</option>
          </select>
        </div>
      </div>
      <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
        <Applications status={status} />
      </Suspense>
    </>
  );
}

function Applications({ status }: { status: ApplicationStatus | null }) {
  const query = useLazyLoadQuery<ApplicationsPageQuery>(
    graphql`
      query ApplicationsPageQuery($status: ApplicationStatus) {
        ...ApplicationsPage_list @arguments(status: $status)
      }
    `,
    { status },
    { fetchPolicy: 'store-and-network' },
  );
  return <ApplicationList query={query} status={status} />;
}

function ApplicationList({ query, status }: { query: ApplicationsPage_list$key; status: ApplicationStatus | null }) {
  const { data, hasNext, loadNext, isLoadingNext } = usePaginationFragment<ApplicationsPageListQuery, ApplicationsPage_list$key>(
    graphql`
      fragment ApplicationsPage_list on Query
        @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }, status: { type: "ApplicationStatus" })
        @refetchable(queryName: "ApplicationsPageListQuery") {
        membershipApplications(first: $count, after: $cursor, status: $status) @connection(key: "ApplicationsPage_membershipApplications", filters: ["status"]) {
          totalCount
          edges { node { id givenName familyName submittedAt status branch { name } } }
        }
      }
    `,
    query,
  );
  const items = data.membershipApplications.edges.map((e) => e.node);
  const total = data.membershipApplications.totalCount;
  const what = status === null ? 'applications' : `${applicationWords[status]?.toLowerCase()} applications`;
  if (items.length === 0) return <p className="muted" role="status">{status === 'PENDING' ? 'No application is waiting for a decision.' : `No ${what}.`}</p>;
  return (
    <>
      <p className="meta" role="status">Showing {items.length} of {total} {status === 'PENDING' ? (total === 1 ? 'application waiting' : 'applications waiting') : (total === 1 ? 'application' : 'applications')}.</p>
      <ul className="person-list" aria-label="Applications, newest first">
        {items.map((a) => (
          <li key={a.id}>
            <Link to={`/organise/applications/${encodeURIComponent(a.id)}`}>{a.givenName} {a.familyName}</Link>
            <span className="meta">
              Applied <time dateTime={a.submittedAt}>{formatMoment(a.submittedAt)}</time>
              {' · '}{a.branch ? a.branch.name : 'No branch chosen'}
              {status === null ? <> · <span className="status-badge">{applicationWords[a.status] ?? a.status}</span></> : null}
            </span>
          </li>
        ))}
      </ul>
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={pageSize} />
    </>
  );
}
