import { Suspense, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import type { RolesPageMemberQuery } from '../../__generated__/RolesPageMemberQuery.graphql';
import type { RolesPageGrantMutation } from '../../__generated__/RolesPageGrantMutation.graphql';
import type { RolesPageRevokeMutation } from '../../__generated__/RolesPageRevokeMutation.graphql';
import type { Role } from '../../__generated__/RolesPageMemberQuery.graphql';
import { SaveStatus } from '../member/SaveStatus';
import { useSaving } from '../member/saving';
import { AdminBoundary } from './AdminBoundary';
import { MemberSearch, type ChosenMember } from './MemberSearch';

/** What each role lets its holder do, in words. */
export const roleWords: Record<string, { name: string; does: string }> = {
  MEMBER: { name: 'Member', does: 'their own membership; every member holds it' },
  ORGANISER: { name: 'Organiser', does: 'applications, the members of their branch, campaigns and messages' },
  TREASURER: { name: 'Treasurer', does: 'contributions and payments of every branch' },
  EDITOR: { name: 'Editor', does: 'articles and standing pages' },
  ADMIN: { name: 'Admin', does: 'everything, this room included' },
};
const grantable: Role[] = ['ORGANISER', 'TREASURER', 'EDITOR', 'ADMIN'];

/** /admin/roles: find a member, see their roles, grant or revoke one (never one's own ADMIN). */
export function RolesPage() {
  const [chosen, setChosen] = useState<ChosenMember | null>(null);
  return (
    <>
      <title>Roles · Admin · Workers Power</title>
      <h1>Roles</h1>
      <p>A role lets a member do more than look after their own membership. A change takes effect the next time they sign in.</p>
      <MemberSearch name="rolesSearch" label="Find a member" hint="By name, in any branch." chosen={chosen} onChoose={setChosen} />
      {chosen ? (
        <AdminBoundary>
          <Suspense fallback={<p className="muted" role="status">Loading their roles…</p>}>
            <MemberRoles id={chosen.id} />
          </Suspense>
        </AdminBoundary>
      ) : null}
    </>
  );
}

function MemberRoles({ id }: { id: string }) {
  const { me, node } = useLazyLoadQuery<RolesPageMemberQuery>(
    graphql`
      query RolesPageMemberQuery($id: ID!) {
        me { id }
        node(id: $id) { ... on Member { id givenName familyName roles branch { name } } }
      }
    `,
    { id },
    { fetchPolicy: 'network-only' },
  );
  const saving = useSaving([]);
  const [grant, granting] = useMutation<RolesPageGrantMutation>(graphql`
    mutation RolesPageGrantMutation($input: RoleChangeInput!) {
      grantRole(input: $input) { member { id roles } errors { code message field } }
    }
  `);
  const [revoke, revoking] = useMutation<RolesPageRevokeMutation>(graphql`
    mutation RolesPageRevokeMutation($input: RoleChangeInput!) {
      revokeRole(input: $input) { member { id roles } errors { code message field } }
    }
  `);
  if (!node?.id || !node.roles) return <p className="alert" role="alert">This member is no longer found: they may have been erased.</p>;
  const name = `${node.givenName} ${node.familyName}`;
  const self = me?.id === node.id;
  const held = node.roles;
  const offered = grantable.filter((r) => !held.includes(r));
  const busy = granting || revoking;
  const submitGrant = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const role = String(new FormData(event.currentTarget).get('grantRole') ?? '') as Role;
    saving.starting();
    grant({
      variables: { input: { memberId: node.id!, role } },
      onCompleted: (r) => saving.done(r.grantRole.errors, `${name} now holds ${roleWords[role]?.name ?? role}. It takes effect the next time they sign in.`),
      onError: saving.failed,
    });
  };
  const doRevoke = (role: Role) => {
    saving.starting();
    revoke({
      variables: { input: { memberId: node.id!, role } },
      onCompleted: (r) => saving.done(r.revokeRole.errors, `${name} no longer holds ${roleWords[role]?.name ?? role}. They are signed out shortly and sign in again without it.`),
      onError: saving.failed,
    });
  };
  return (
    <section className="admin-section" aria-labelledby="member-roles-title">
      <h2 id="member-roles-title">{name}’s roles</h2>
      <p className="meta">{node.branch?.name}</p>
      <ul className="role-list" aria-label={`Roles ${name} holds`}>
        {held.map((role) => (
          <li key={role}>
            <p><strong>{roleWords[role]?.name ?? role}</strong>: {roleWords[role]?.does}</p>
            {role === 'MEMBER' ? null : role === 'ADMIN' && self ? (
              <p className="meta">You cannot revoke your own admin role: another admin must.</p>
            ) : (
              <button type="button" className="button button--small button--light" data-mutation="revokeRole" disabled={busy} onClick={() => doRevoke(role)}>
                Revoke<span className="visually-hidden"> {roleWords[role]?.name ?? role}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {offered.length > 0 ? (
        <form className="form" noValidate onSubmit={submitGrant} aria-describedby="roles-status">
          <div className="field">
            <label htmlFor="grantRole">Grant a role</label>
            <select id="grantRole" name="grantRole">
              {offered.map((r) => <option key={r} value={r}>{roleWords[r]?.name}: {roleWords[r]?.does}</option>)}
            </select>
          </div>
          <button type="submit" className="button" data-mutation="grantRole" disabled={busy}>{granting ? 'Granting…' : 'Grant the role'}</button>
        </form>
      ) : <p>{name} holds every role there is.</p>}
      <SaveStatus id="roles-status" alert={saving.alert} saved={saving.saved} />
    </section>
  );
}
