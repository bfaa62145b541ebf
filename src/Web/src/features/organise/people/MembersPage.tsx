import { Suspense, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { Link, useSearchParams } from 'react-router';
import type { MembersPageQuery, MemberFilter, MembershipStatus } from '../../../__generated__/MembersPageQuery.graphql';
import type { MembersPage_list$key } from '../../../__generated__/MembersPage_list.graphql';
import type { MembersPageListQuery } from '../../../__generated__/MembersPageListQuery.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../../ui/Field';
import { ShowMore } from '../../../ui/ShowMore';
import { interestChoices } from '../../join/interests';
import { standingWords } from './common';
import { useOrganisedBranches, type Branch } from './OrganisedBranches';
import './people.css';

const pageSize = 20;
const standings = ['ACTIVE', 'LAPSED', 'SUSPENDED', 'RESIGNED'] as const;

/**
 * /organise/members: the members an organiser may see (the branches they organise; admins everyone), with a search by name or
 * email and filters. The filters (standing, interest, arrears, branch) live in the query string so a view can be
 * shared; the search term is personal, so it stays in the page only.
 */
export function MembersPage() {
  const { every, branches } = useOrganisedBranches();
  // a branch filter and column for those who see more than one branch (admins, organisers of several branches)
  const several = every || branches.length > 1;
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const status = (standings as ReadonlyArray<string>).includes(params.get('status') ?? '') ? params.get('status') as MembershipStatus : null;
  const interest = params.get('interest') || null;
  const arrears = params.get('arrears');
  const branchId = several ? params.get('branch') || null : null;
  const filter: MemberFilter = {
    status, interest, branchId, search: search || null,
    inArrears: arrears === 'yes' ? true : arrears === 'no' ? false : null,
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const term = text('member-search');
    if (term.length === 1) { setErrors({ 'member-search': 'Type at least 2 letters to search.' }); document.getElementById('member-search')?.focus(); return; }
    setErrors({});
    setSearch(term);
    const next: Record<string, string> = {};
    for (const [key, name] of [['status', 'member-status'], ['interest', 'member-interest'], ['arrears', 'member-arrears'], ['branch', 'member-branch']] as const) {
      if (text(name)) next[key] = text(name);
    }
    setParams(next, { replace: true });
  };
  return (
    <>
      <title>Members · Organise · Workers Power</title>
      <h1>Members</h1>
      <p>{every ? 'Every branch’s members' : several ? `The members of the branches you organise (${branches.map((b) => b.name).join(', ')})` : `The members of ${branches[0]?.name ?? 'your branch'}`}, by family name. Open one to see their record, suspend or reinstate them, or move them to another branch.</p>
      <form className="toolbar member-filters" role="search" aria-label="Find members" noValidate onSubmit={submit}>
        <div className="field" data-invalid={errors['member-search'] ? 'true' : undefined}>
          <label htmlFor="member-search">Name or email</label>
          <input id="member-search" name="member-search" type="text" autoComplete="off" defaultValue={search} {...describedBy('member-search', errors)} />
          <FieldError name="member-search" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="member-status">Standing</label>
          <select id="member-status" name="member-status" defaultValue={status ?? ''}>
            <option value="">Any standing</option>
            {standings.map((s) => <option key={s} value={s}>{standingWords[s]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="member-interest">Interest</label>
          <select id="member-interest" name="member-interest" defaultValue={interest ?? ''}>
            <option value="">Any interest</option>
            {interestChoices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
            {interest && !interestChoices.some((c) => c.value === interest) ? <option value={interest}>{interest}</option> : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor="member-arrears">Contributions</label>
          <select id="member-arrears" name="member-arrears" defaultValue={arrears ?? ''}>
            <option value="">Paid up or not</option>
            <option value="yes">In arrears (a month or more)</option>
            <option value="no">Paid up</option>
          </select>
        </div>
        {several ? <BranchFilter value={branchId} branches={branches} every={every} /> : null}
        <button type="submit" className="button button--small">Find members</button>
      </form>
      <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
        <Members filter={filter} showBranch={several} />
      </Suspense>
    </>
  );
}

function BranchFilter({ value, branches, every }: { value: string | null; branches: ReadonlyArray<Branch>; every: boolean }) {
  return (
    <div className="field">
      <label htmlFor="member-branch">Branch</label>
      <select id="member-branch" name="member-branch" defaultValue={value ?? ''}>
        <option value="">{every ? 'Every branch' : 'Every branch you organise'}</option>
        {branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
      </select>
    </div>
  );
}

function Members({ filter, showBranch }: { filter: MemberFilter; showBranch: boolean }) {
  const query = useLazyLoadQuery<MembersPageQuery>(
    graphql`
      query MembersPageQuery($filter: MemberFilter) {
        ...MembersPage_list @arguments(filter: $filter)
      }
    `,
    { filter },
    { fetchPolicy: 'store-and-network' },
  );
  return <MemberList query={query} showBranch={showBranch} />;
}

/** The members found, a page at a time; the branch column only for those who see more than one branch. */
function MemberList({ query, showBranch }: { query: MembersPage_list$key; showBranch: boolean }) {
  const { data, hasNext, loadNext, isLoadingNext } = usePaginationFragment<MembersPageListQuery, MembersPage_list$key>(
    graphql`
      fragment MembersPage_list on Query
        @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }, filter: { type: "MemberFilter" })
        @refetchable(queryName: "MembersPageListQuery") {
        members(first: $count, after: $cursor, filter: $filter) @connection(key: "MembersPage_members", filters: ["filter"]) {
          totalCount
          edges { node { id givenName familyName status monthsInArrears branch { name } } }
        }
      }
    `,
    query,
  );
  const members = data.members.edges.map((e) => e.node);
  const total = data.members.totalCount;
  if (members.length === 0) return <p className="muted" role="status">No member matches.</p>;
  return (
    <>
      <p className="meta" role="status">Showing {members.length} of {total} {total === 1 ? 'member' : 'members'}.</p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="people-hidden">Members, by family name</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Standing</th><th scope="col" className="number">Months behind</th>{showBranch ? <th scope="col">Branch</th> : null}</tr></thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row"><Link to={`/organise/members/${encodeURIComponent(m.id)}`}>{m.familyName}, {m.givenName}</Link></th>
                <td>{standingWords[m.status] ?? m.status}</td>
                <td className="number">{m.monthsInArrears ?? '—'}</td>
                {showBranch ? <td>{m.branch.name}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={pageSize} />
    </>
  );
}
