import { useState, type FormEvent } from 'react';
import { fetchQuery, graphql, useRelayEnvironment } from 'react-relay/hooks';
import type { FindMemberByNameQuery } from '../../__generated__/FindMemberByNameQuery.graphql';
import type { FindMemberByEmailQuery } from '../../__generated__/FindMemberByEmailQuery.graphql';
import type { FindMemberByIdQuery } from '../../__generated__/FindMemberByIdQuery.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { requestFailed } from '../../ui/userErrors';
import { standingWords } from './words';

type Mode = 'name' | 'email' | 'id';
type Found = { readonly id: string; readonly givenName: string; readonly familyName: string; readonly status: string; readonly branch: { readonly name: string } };

const byName = graphql`
  query FindMemberByNameQuery($search: String!) {
    members(filter: { search: $search }, first: 20) { totalCount nodes { id givenName familyName status branch { name } } }
  }
`;
const byEmail = graphql`
  query FindMemberByEmailQuery($email: String!) {
    memberByEmail(email: $email) { id givenName familyName status branch { name } }
  }
`;
const byId = graphql`
  query FindMemberByIdQuery($id: ID!) {
    node(id: $id) { __typename ... on Member { id givenName familyName status branch { name } } }
  }
`;

const modes: ReadonlyArray<{ value: Mode; label: string; field: string; hint: string }> = [
  { value: 'name', label: 'Name', field: 'Part of their name', hint: 'At least two letters of the first or last name.' },
  { value: 'email', label: 'Email address', field: 'Their whole email address', hint: 'Exactly as the statement gives it, e.g. name@example.org; any case. Part of an address finds nobody.' },
  { value: 'id', label: 'Member id', field: 'Their member id', hint: 'As the statement or an import file gives it.' },
];

/** A member id as a statement may give it (the global id, or the bare number with or without dashes) → the global id. */
function globalMemberId(text: string): string {
  const bare = text.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(bare)) return text;
  return btoa(`Member:${bare}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Finds a member by part of their name, by the whole email address or by the member id a bank statement gives
 * (never by part of a field the treasurer may not read). An exact email or id chooses the member at once.
 */
export function FindMember({ onChoose }: { onChoose: (id: string) => void }) {
  const environment = useRelayEnvironment();
  const [mode, setMode] = useState<Mode>('name');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [found, setFound] = useState<{ members: ReadonlyArray<Found>; total: number } | null>(null);
  const [searching, setSearching] = useState(false);
  const current = modes.find((m) => m.value === mode)!;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('lookup') ?? '').trim();
    const refuse = (message: string) => { setErrors({ lookup: message }); setFound(null); document.getElementById('lookup')?.focus(); };
    if (mode === 'name' && text.length < 2) return refuse('Type at least two letters of their name.');
    if (mode === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) return refuse('Give the whole email address, e.g. name@example.org.');
    if (mode === 'id' && text.length < 8) return refuse('Paste the whole member id.');
    setErrors({});
    setAlert(null);
    setFound(null);
    setSearching(true);
    const ask: Promise<{ members: ReadonlyArray<Found>; total: number }> =
      mode === 'name'
        ? fetchQuery<FindMemberByNameQuery>(environment, byName, { search: text }, { fetchPolicy: 'network-only' }).toPromise()
            .then((r) => ({ members: r?.members.nodes ?? [], total: r?.members.totalCount ?? 0 }))
        : mode === 'email'
          ? fetchQuery<FindMemberByEmailQuery>(environment, byEmail, { email: text }, { fetchPolicy: 'network-only' }).toPromise()
              .then((r) => (r?.memberByEmail ? { members: [r.memberByEmail], total: 1 } : { members: [], total: 0 }))
          : fetchQuery<FindMemberByIdQuery>(environment, byId, { id: globalMemberId(text) }, { fetchPolicy: 'network-only' }).toPromise()
              .then((r) => (r?.node?.__typename === 'Member' && r.node.id ? { members: [r.node as Found], total: 1 } : { members: [], total: 0 }));
    ask.then((result) => {
      setSearching(false);
      setFound(result);
      if (mode !== 'name' && result.members.length === 1) onChoose(result.members[0]!.id);
    }, (error: unknown) => { setSearching(false); setFound(null); setAlert(requestFailed(error)); });
  };

  const none = mode === 'name' ? 'No member’s name contains this.' : mode === 'email' ? 'No member has exactly this email address.' : 'No member has this id.';
  return (
    <section className="treasury-section" aria-labelledby="find-title">
      <h2 id="find-title">Find the member</h2>
      <form className="form" noValidate onSubmit={submit} role="search" aria-label="Find the member">
        <fieldset className="field">
          <legend>Find them by</legend>
          <div className="choices">
            {modes.map((m) => (
              <label key={m.value} className="check" htmlFor={`by-${m.value}`}>
                <input type="radio" id={`by-${m.value}`} name="by" value={m.value} checked={mode === m.value}
                  onChange={() => { setMode(m.value); setErrors({}); setFound(null); }} />
                {m.label}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field" data-invalid={errors.lookup ? 'true' : undefined}>
          <label htmlFor="lookup">{current.field}</label>
          <span className="hint" id="lookup-hint">{current.hint}</span>
          <input id="lookup" name="lookup" type={mode === 'email' ? 'email' : 'text'} autoComplete="off" spellCheck={false} {...describedBy('lookup', errors, 'lookup-hint')} />
          <FieldError name="lookup" errors={errors} />
        </div>
        <button type="submit" className="button" disabled={searching}>{searching ? 'Finding…' : 'Find'}</button>
      </form>
      {alert ? <p className="alert" role="alert">{alert}</p> : null}
      <div role="status" className="found-status">
        {found === null ? null : found.members.length === 0 ? <p>{none}</p>
          : found.total > found.members.length ? <p>{found.total} members found; the first {found.members.length} are listed. Type more of the name to narrow it.</p>
            : <p>{found.total === 1 ? '1 member found.' : `${found.total} members found.`}</p>}
      </div>
      {found && found.members.length > 0 ? (
        <ul className="found">
          {found.members.map((m) => (
            <li key={m.id}>
              <span><strong>{m.givenName} {m.familyName}</strong> <span className="muted">{m.branch.name} · {standingWords[m.status] ?? m.status}</span></span>
              <button type="button" className="button button--small button--light" aria-label={`Choose ${m.givenName} ${m.familyName}`} onClick={() => onChoose(m.id)}>Choose</button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
