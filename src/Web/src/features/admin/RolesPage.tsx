import { Suspense, useState, type FormEvent } from 'react';
import { graphql, useFragment, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import type { RolesPageMemberQuery, RolesPageMemberQuery$data } from '../../__generated__/RolesPageMemberQuery.graphql';
import type { RolesPage_grants$key, RolesPage_grants$data } from '../../__generated__/RolesPage_grants.graphql';
import type { RolesPageGrantMutation, Role } from '../../__generated__/RolesPageGrantMutation.graphql';
import type { RolesPageRevokeMutation } from '../../__generated__/RolesPageRevokeMutation.graphql';
import { describedBy, FieldError } from '../../ui/Field';
import { formatDate } from '../../ui/dates';
import { SaveStatus } from '../member/SaveStatus';
import { useSaving } from '../member/saving';
import { AdminBoundary } from './AdminBoundary';
import { MemberSearch, type ChosenMember } from './MemberSearch';

/** What each role lets its holder do, in words. */
export const roleWords: Record<string, { name: string; does: string }> = {
  MEMBER: { name: 'Member', does: 'their own membership; every member holds it' },
  ORGANISER: { name: 'Organiser', does: 'applications, members, campaigns and messages of a branch (or of every branch)' },
  CAMPAIGN_ORGANISER: { name: 'Campaign organiser', does: 'one campaign: its actions, check-in and who takes part' },
  TREASURER: { name: 'Treasurer', does: 'contributions and payments of a branch (or of every branch)' },
  EDITOR: { name: 'Editor', does: 'articles and standing pages' },
  ADMIN: { name: 'Admin', does: 'everything, this room included' },
};
const grantable: Role[] = ['ORGANISER', 'CAMPAIGN_ORGANISER', 'TREASURER', 'EDITOR', 'ADMIN'];
const whole = 'ORGANISATION';

type Grant = NonNullable<RolesPage_grants$data['grants']>['nodes'][number];

/** A grant's scope in words: "the whole organisation", "branch North London", "campaign Save the library". */
function scopeWords(scope: Grant['scope']): string {
  if (scope.kind === 'BRANCH') return `branch ${scope.branch?.name ?? '(a branch no longer found)'}`;
  if (scope.kind === 'CAMPAIGN') return `campaign ${scope.campaign?.title ?? '(a campaign no longer found)'}`;
  return 'the whole organisation';
}
const roleName = (role: string) => roleWords[role]?.name ?? role;
const dayOf = (iso: string) => formatDate(iso);

/**
 * The instant a day ends in the organisation's time zone (e.g. Europe/London): midnight at the start of the next
 * day, whatever the clocks do that night.
 */
export function endOfDay(day: string, zone: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y!, m! - 1, d! + 1);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  }).formatToParts(guess).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(guess - (wall - guess)).toISOString();
}

/** /admin/roles: find a member, see their grants (what, where, until when, by whom and why), grant one, revoke one. */
export function RolesPage() {
  const [chosen, setChosen] = useState<ChosenMember | null>(null);
  return (
    <>
      <title>Roles and grants · Admin · Workers Power</title>
      <h1>Roles and grants</h1>
      <p>A grant lets a member do more than look after their own membership: a role, on the whole organisation, one branch or one campaign, until a day or without end. Grants and revocations take effect within a few seconds; the member’s menu shows the change at their next sign-in.</p>
      <MemberSearch name="rolesSearch" label="Find a member" hint="By name, in any branch." chosen={chosen} onChoose={setChosen} />
      {chosen ? (
        <AdminBoundary>
          <Suspense fallback={<p className="muted" role="status">Loading their grants…</p>}>
            <MemberGrants id={chosen.id} />
          </Suspense>
        </AdminBoundary>
      ) : null}
    </>
  );
}

function MemberGrants({ id }: { id: string }) {
  const data = useLazyLoadQuery<RolesPageMemberQuery>(
    graphql`
      query RolesPageMemberQuery($id: ID!, $yesterday: Date!) {
        me { id asOf(date: $yesterday) { timeZone } }
        branches { id name }
        campaigns(status: ACTIVE, first: 100) { nodes { id title } }
        node(id: $id) { ... on Member { id givenName familyName branch { id name } ...RolesPage_grants @alias } }
      }
    `,
    { id, yesterday: new Date(Date.now() - 86400000).toISOString().slice(0, 10) },
    { fetchPolicy: 'network-only' },
  );
  // the organisation's time zone (Site:TimeZone), as the signed-in admin's own record states it
  const zone = data.me?.asOf?.timeZone ?? 'Europe/London';
  const node = data.node;
  if (!node?.id || !node.givenName) return <p className="alert" role="alert">This member is no longer found: they may have been erased.</p>;
  const name = `${node.givenName} ${node.familyName}`;
  return (
    <section className="admin-section" aria-labelledby="member-roles-title">
      <h2 id="member-roles-title">{name}’s grants</h2>
      <p className="meta">A member of {node.branch?.name ?? 'no branch'}. Every member holds the Member role: their own membership.</p>
      <GrantList member={node.RolesPage_grants!} name={name} self={data.me?.id === node.id} />
      <GrantForm zone={zone} memberId={node.id} name={name} ownBranch={node.branch?.id ?? null} branches={data.branches} campaigns={data.campaigns.nodes} />
    </section>
  );
}

function GrantList({ member, name, self }: { member: RolesPage_grants$key; name: string; self: boolean }) {
  const data = useFragment(
    graphql`
      fragment RolesPage_grants on Member {
        grants(first: 100) {
          nodes {
            id role active from until endedAt revokedAt revokeReason expiredAt reason
            scope { kind branch { name } campaign { title } }
            grantedBy { givenName familyName }
          }
        }
      }
    `,
    member,
  );
  const [revoking, setRevoking] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const all = data.grants?.nodes ?? [];
  const active = all.filter((g) => g.active);
  const ended = all.filter((g) => !g.active).reverse();
  const item = (g: Grant) => {
    const by = g.grantedBy ? `${g.grantedBy.givenName} ${g.grantedBy.familyName}` : 'the platform';
    const ownAdmin = self && g.role === 'ADMIN' && g.scope.kind === whole;
    const what = `${roleName(g.role)} of ${scopeWords(g.scope)}`;
    return (
      <li key={g.id}>
        <div>
          <p><strong>{roleName(g.role)}</strong> of {scopeWords(g.scope)}</p>
          <p className="meta">
            From {dayOf(g.from)} · {g.until ? `until the end of ${dayOf(new Date(Date.parse(g.until) - 1).toISOString())}` : 'no end'}
            {' '}· granted by {by}{g.reason ? `: “${g.reason}”` : ''}
          </p>
          {g.active ? null : (
            <p className="meta">
              {g.revokedAt ? `Revoked ${dayOf(g.revokedAt)}${g.revokeReason ? `: “${g.revokeReason}”` : ''}`
                : g.endedAt ? `Ended ${dayOf(g.endedAt)}: its end date came` : 'Not started yet'}
            </p>
          )}
        </div>
        {!g.active ? null : ownAdmin ? (
          <p className="meta">You cannot revoke your own admin grant: another admin must.</p>
        ) : revoking === g.id ? null : (
          <button type="button" className="button button--small button--light" data-opens="revokeGrant"
            onClick={() => { setDone(null); setRevoking(g.id); requestAnimationFrame(() => document.getElementById('revokeReason')?.focus()); }}>
            Revoke…<span className="visually-hidden"> {what}</span>
          </button>
        )}
        {revoking === g.id ? (
          <RevokePanel grantId={g.id} what={what} name={name}
            onDone={(message) => { setRevoking(null); setDone(message); }} onCancel={() => setRevoking(null)} />
        ) : null}
      </li>
    );
  };
  return (
    <>
      <h3>Active grants</h3>
      {active.length === 0 ? <p>{name} holds no grant: only the Member role.</p> : (
        <ul className="role-list" aria-label={`Grants ${name} holds`}>{active.map(item)}</ul>
      )}
      <p className="saved" id="revoke-status" role="status" hidden={!done}>{done}</p>
      {ended.length > 0 ? (
        <>
          <h3>Ended grants</h3>
          <ul className="role-list" aria-label={`Grants ${name} held`}>{ended.map(item)}</ul>
        </>
      ) : null}
    </>
  );
}

/** Confirms a revocation, with the reason the API requires. */
function RevokePanel({ grantId, what, name, onDone, onCancel }: {
  grantId: string; what: string; name: string; onDone: (message: string) => void; onCancel: () => void;
}) {
  const saving = useSaving(['revokeReason'], { reason: 'revokeReason' });
  const [commit, inFlight] = useMutation<RolesPageRevokeMutation>(graphql`
    mutation RolesPageRevokeMutation($input: RevokeGrantInput!) {
      revokeGrant(input: $input) { member { id roles ...RolesPage_grants } errors { code message field } }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('revokeReason') ?? '').trim();
    if (!reason) { saving.done([{ code: 'VALIDATION', message: 'Say why: the member and other admins read it.', field: ['revokeReason'] }], ''); return; }
    saving.starting();
    commit({
      variables: { input: { grantId, reason } },
      onCompleted: (r) => {
        saving.done(r.revokeGrant.errors, '');
        if (r.revokeGrant.errors.length === 0) onDone(`${name} no longer holds ${what}. It takes effect within a few seconds; their menu shows it at their next sign-in.`);
      },
      onError: saving.failed,
    });
  };
  const e = saving.errors;
  return (
    <form className="confirm-panel" noValidate onSubmit={submit} aria-labelledby="revoke-title">
      <h4 id="revoke-title">Revoke {what}?</h4>
      <p>{name} loses what it lets them do within a few seconds. The grant stays in their record as ended, with your reason.</p>
      <div className="field" data-invalid={e.revokeReason ? 'true' : undefined}>
        <label htmlFor="revokeReason">Why (the member and other admins read it)</label>
        <textarea id="revokeReason" name="revokeReason" rows={2} required {...describedBy('revokeReason', e)} />
        <FieldError name="revokeReason" errors={e} />
      </div>
      {saving.alert.length > 0 ? <div className="alert" role="alert">{saving.alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
      <div className="actions">
        <button type="submit" className="button" data-mutation="revokeGrant" disabled={inFlight}>{inFlight ? 'Revoking…' : 'Revoke the grant'}</button>
        <button type="button" className="button button--light" onClick={onCancel}>Keep it</button>
      </div>
    </form>
  );
}

type Named = { readonly id: string; readonly name?: string; readonly title?: string };

/** Grant a role on a scope, with an optional end day and reason. Nothing typed is lost when the API refuses. */
function GrantForm({ zone, memberId, name, ownBranch, branches, campaigns }: {
  zone: string; memberId: string; name: string; ownBranch: string | null;
  branches: RolesPageMemberQuery$data['branches']; campaigns: RolesPageMemberQuery$data['campaigns']['nodes'];
}) {
  const [role, setRole] = useState<Role>('ORGANISER');
  const saving = useSaving(['grantRole', 'grantBranch', 'grantCampaign', 'grantUntil', 'grantReason'],
    { role: 'grantRole', branchId: 'grantBranch', campaignId: 'grantCampaign', until: 'grantUntil', reason: 'grantReason' });
  const [commit, inFlight] = useMutation<RolesPageGrantMutation>(graphql`
    mutation RolesPageGrantMutation($input: RoleChangeInput!) {
      grantRole(input: $input) {
        grant { id role scope { kind branch { name } campaign { title } } }
        member { id roles ...RolesPage_grants }
        errors { code message field }
      }
    }
  `);
  const byBranch = role === 'ORGANISER' || role === 'TREASURER';
  const byCampaign = role === 'CAMPAIGN_ORGANISER';
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => String(form.get(key) ?? '').trim();
    const branch = byBranch ? text('grantBranch') : '';
    const campaign = byCampaign ? text('grantCampaign') : '';
    if (byCampaign && !campaign) {
      saving.done([{ code: 'VALIDATION', message: 'Choose the campaign they run.', field: ['grantCampaign'] }], '');
      return;
    }
    const until = text('grantUntil');
    saving.starting();
    commit({
      variables: { input: {
        memberId, role,
        branchId: branch && branch !== whole ? branch : null,
        campaignId: campaign || null,
        until: until ? endOfDay(until, zone) : null,
        reason: text('grantReason') || null,
      } },
      onCompleted: (r) => {
        const g = r.grantRole.grant;
        saving.done(r.grantRole.errors, g
          ? `${name} now holds ${roleName(g.role)} of ${scopeWords(g.scope as Grant['scope'])}. It takes effect within a few seconds; their menu shows it at their next sign-in.`
          : '');
      },
      onError: saving.failed,
    });
  };
  const e = saving.errors;
  const option = (x: Named) => <option key={x.id} value={x.id}>{x.name ?? x.title}</option>;
  return (
    <form className="form rename-form" noValidate onSubmit={submit} aria-labelledby="grant-title" aria-describedby="roles-status">
      <h3 id="grant-title">Grant a role</h3>
      <div className="field" data-invalid={e.grantRole ? 'true' : undefined}>
        <label htmlFor="grantRole">Role</label>
        <select id="grantRole" name="grantRole" value={role} onChange={(ev) => setRole(ev.target.value as Role)} {...describedBy('grantRole', e)}>
          {grantable.map((r) => <option key={r} value={r}>{roleWords[r]?.name}: {roleWords[r]?.does}</option>)}
        </select>
        <FieldError name="grantRole" errors={e} />
      </div>
      {byBranch ? (
        <div className="field" data-invalid={e.grantBranch ? 'true' : undefined}>
          <label htmlFor="grantBranch">Where</label>
          <span className="hint" id="grantBranch-hint">One branch, or every branch with “The whole organisation”.</span>
          <select id="grantBranch" name="grantBranch" key={role} defaultValue={ownBranch ?? whole} {...describedBy('grantBranch', e, 'grantBranch-hint')}>
            {branches.map(option)}
            <option value={whole}>The whole organisation</option>
          </select>
          <FieldError name="grantBranch" errors={e} />
        </div>
      ) : byCampaign ? (
        <div className="field" data-invalid={e.grantCampaign ? 'true' : undefined}>
          <label htmlFor="grantCampaign">Which campaign</label>
          <span className="hint" id="grantCampaign-hint">Running campaigns only.</span>
          <select id="grantCampaign" name="grantCampaign" defaultValue="" {...describedBy('grantCampaign', e, 'grantCampaign-hint')}>
            <option value="">Choose a campaign</option>
            {campaigns.map(option)}
          </select>
          <FieldError name="grantCampaign" errors={e} />
        </div>
      ) : <p>{roleName(role)} is granted on the whole organisation.</p>}
      <div className="field" data-invalid={e.grantUntil ? 'true' : undefined}>
        <label htmlFor="grantUntil">Ends on (optional)</label>
        <span className="hint" id="grantUntil-hint">The grant ends at the end of that day in the organisation’s time zone ({zone}). Leave it empty for a grant without end, until revoked.</span>
        <input id="grantUntil" name="grantUntil" type="date" {...describedBy('grantUntil', e, 'grantUntil-hint')} />
        <FieldError name="grantUntil" errors={e} />
      </div>
      <div className="field" data-invalid={e.grantReason ? 'true' : undefined}>
        <label htmlFor="grantReason">Why (optional)</label>
        <span className="hint" id="grantReason-hint">Kept with the grant; the member and other admins read it.</span>
        <textarea id="grantReason" name="grantReason" rows={2} {...describedBy('grantReason', e, 'grantReason-hint')} />
        <FieldError name="grantReason" errors={e} />
      </div>
      <button type="submit" className="button" data-mutation="grantRole" disabled={inFlight}>{inFlight ? 'Granting…' : 'Grant the role'}</button>
      <SaveStatus id="roles-status" alert={saving.alert} saved={saving.saved} />
    </form>
  );
}
