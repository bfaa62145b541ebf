import { Suspense, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { MemberSearchQuery } from '../../__generated__/MemberSearchQuery.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { AdminBoundary } from './AdminBoundary';

export type ChosenMember = { readonly id: string; readonly name: string; readonly branch: string };

const statusWords: Record<string, string> = { ACTIVE: 'active', LAPSED: 'lapsed', SUSPENDED: 'suspended', RESIGNED: 'resigned' };

/**
 * Find a member by name (admins search every branch; names, branches and standing only, so nothing personal is
 * read or recorded) and choose one. The chosen member is held in the page's state, never in the address.
 */
export function MemberSearch({ name, label, hint, chosen, onChoose, clearLabel = 'Choose someone else' }: {
  name: string; label: string; hint?: string; chosen: ChosenMember | null; onChoose: (member: ChosenMember | null) => void; clearLabel?: string;
}) {
  const [term, setTerm] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  // focus follows the choice: to the chosen member once chosen, back to the search field once cleared
  const moved = useRef(false);
  const chosenRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    if (chosen) chosenRef.current?.focus(); else document.getElementById(name)?.focus();
  }, [chosen, name]);
  const choose = (member: ChosenMember | null) => { moved.current = true; onChoose(member); };
  if (chosen) {
    return (
      <div className="picker__chosen">
        <p ref={chosenRef} tabIndex={-1}>{label}: <strong>{chosen.name}</strong> ({chosen.branch})</p>
        <button type="button" className="button button--small button--light" onClick={() => { choose(null); setTerm(null); }}>{clearLabel}</button>
      </div>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get(name) ?? '').trim();
    if (text.length < 2) { setError('Type at least 2 letters of their name.'); setTerm(null); return; }
    setError(null);
    setTerm(text);
  };
  const errors: FieldErrors = error ? { [name]: error } : {};
  return (
    <div className="picker">
      <form className="picker__form" role="search" aria-label={label} noValidate onSubmit={submit}>
        <div className="field" data-invalid={error ? 'true' : undefined}>
          <label htmlFor={name}>{label}</label>
          {hint ? <span className="hint" id={hintId}>{hint}</span> : null}
          <input id={name} name={name} type="text" autoComplete="off" {...describedBy(name, errors, hint ? hintId : undefined)} />
          <FieldError name={name} errors={errors} />
        </div>
        <button type="submit" className="button">Search</button>
      </form>
      {term ? (
        <AdminBoundary>
          <Suspense fallback={<p className="muted" role="status">Searching…</p>}>
            <Results term={term} label={label} onChoose={choose} />
          </Suspense>
        </AdminBoundary>
      ) : null}
    </div>
  );
}

function Results({ term, label, onChoose }: { term: string; label: string; onChoose: (member: ChosenMember) => void }) {
  const { members } = useLazyLoadQuery<MemberSearchQuery>(
    graphql`
      query MemberSearchQuery($search: String!) {
        members(filter: { search: $search }, first: 10) {
          totalCount
          nodes { id givenName familyName status branch { name } }
        }
      }
    `,
    { search: term },
    { fetchPolicy: 'store-and-network' },
  );
  const found = members.nodes;
  const more = members.totalCount - found.length;
  return (
    <>
      <p className="meta" role="status">
        {found.length === 0 ? `No member's name matches “${term}”.` : `${members.totalCount} ${members.totalCount === 1 ? 'member matches' : 'members match'}: choose one.`}
        {more > 0 ? ` The first ${found.length} are shown: type more of the name to narrow it.` : ''}
      </p>
      {found.length > 0 ? (
        <ul className="picker__results" aria-label={`${label}: matches`}>
          {found.map((m) => {
            const name = `${m.givenName} ${m.familyName}`;
            return (
              <li key={m.id}>
                <button type="button" className="picker__choice" onClick={() => onChoose({ id: m.id, name, branch: m.branch.name })}>
                  <strong>{name}</strong> {m.branch.name} · {statusWords[m.status] ?? m.status.toLowerCase()}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}
