import { Suspense, useState } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import type { AuditPageQuery } from '../../__generated__/AuditPageQuery.graphql';
import type { AuditPage_reads$key } from '../../__generated__/AuditPage_reads.graphql';
import type { AuditPageReadsQuery } from '../../__generated__/AuditPageReadsQuery.graphql';
import { ShowMore } from '../../ui/ShowMore';
import { formatMoment } from '../member/format';
import { AdminBoundary } from './AdminBoundary';
import { MemberSearch, type ChosenMember } from './MemberSearch';
import { roleWords } from './RolesPage';

const pageSize = 20;

/** /admin/audit: who read whose personal data, when, with which roles; filtered by reader and by member, chosen by name. */
export function AuditPage() {
  const [reader, setReader] = useState<ChosenMember | null>(null);
  const [member, setMember] = useState<ChosenMember | null>(null);
  return (
    <>
      <title>Audit · Admin · Workers Power</title>
      <h1>Who read whose data</h1>
      <p>Every time someone reads another person’s personal data (an organiser opening a member’s details, a treasurer their payments, an admin anything), it is recorded here: who, whose, when, and the roles they held then. A member’s own reads are not recorded.</p>
      <section className="admin-section" aria-labelledby="filters-title">
        <h2 id="filters-title">Filters</h2>
        <MemberSearch name="readerSearch" label="Read by" hint="Find the reader by name." chosen={reader} onChoose={setReader} clearLabel="Any reader" />
        <MemberSearch name="memberSearch" label="Whose data" hint="Find the member by name." chosen={member} onChoose={setMember} clearLabel="Anyone’s data" />
      </section>
      <AdminBoundary>
        <Suspense fallback={<p className="muted" role="status">Loading the reads…</p>}>
          <Reads readerId={reader?.id ?? null} memberId={member?.id ?? null} filtered={describe(reader, member)} />
        </Suspense>
      </AdminBoundary>
    </>
  );
}

function describe(reader: ChosenMember | null, member: ChosenMember | null): string {
  if (reader && member) return `by ${reader.name} of ${member.name}’s data`;
  if (reader) return `by ${reader.name}`;
  if (member) return `of ${member.name}’s data`;
  return 'by anyone of anyone’s data';
}

function Reads({ readerId, memberId, filtered }: { readerId: string | null; memberId: string | null; filtered: string }) {
  const query = useLazyLoadQuery<AuditPageQuery>(
    graphql`
      query AuditPageQuery($readerId: ID, $memberId: ID) {
        ...AuditPage_reads @arguments(readerId: $readerId, memberId: $memberId)
      }
    `,
    { readerId, memberId },
    { fetchPolicy: 'network-only' },
  );
  const { data, hasNext, loadNext, isLoadingNext } = usePaginationFragment<AuditPageReadsQuery, AuditPage_reads$key>(
    graphql`
      fragment AuditPage_reads on Query
        @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }, readerId: { type: "ID" }, memberId: { type: "ID" })
        @refetchable(queryName: "AuditPageReadsQuery") {
        personalDataReads(first: $count, after: $cursor, readerId: $readerId, memberId: $memberId)
          @connection(key: "AuditPage_personalDataReads", filters: ["readerId", "memberId"]) {
          totalCount
          edges {
            node {
              readAt readerRoles readerAccountId subject applicationId
              reader { id givenName familyName }
              member { id givenName familyName branch { name } }
            }
          }
        }
      }
    `,
    query,
  );
  const reads = data.personalDataReads.edges.map((e) => e.node);
  const total = data.personalDataReads.totalCount;
  return (
    <section className="admin-section" aria-labelledby="reads-title">
      <h2 id="reads-title">Reads, newest first</h2>
      <p className="meta" role="status">{total === 0 ? `No reads ${filtered}.` : `Showing ${reads.length} of ${total} ${total === 1 ? 'read' : 'reads'} ${filtered}.`}</p>
      {reads.length > 0 ? (
        <div className="table-scroll admin-table" tabIndex={0} role="group" aria-label="The reads (scrolls sideways on a narrow screen)">
          <table className="data-table reads-table">
            <thead>
              <tr><th scope="col">When</th><th scope="col">Read by</th><th scope="col">Their roles then</th><th scope="col">Whose data</th></tr>
            </thead>
            <tbody>
              {reads.map((r, i) => (
                <tr key={`${r.readAt}-${r.readerAccountId}-${r.member?.id ?? r.applicationId}-${i}`}>
                  <td><time dateTime={r.readAt}>{formatMoment(r.readAt)}</time></td>
                  <td>{r.reader ? `${r.reader.givenName} ${r.reader.familyName}` : <>An account with no member record <span className="meta">({r.readerAccountId.slice(0, 8)})</span></>}</td>
                  <td>{r.readerRoles.filter((role) => role !== 'MEMBER').map((role) => roleWords[role]?.name ?? role).join(', ') || 'Member'}</td>
                  <td>{r.subject === 'APPLICATION'
                    ? 'An application (not yet a member)'
                    : r.member ? <>{r.member.givenName} {r.member.familyName} <span className="meta">({r.member.branch.name})</span></> : 'A member no longer found'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={pageSize} />
    </section>
  );
}
