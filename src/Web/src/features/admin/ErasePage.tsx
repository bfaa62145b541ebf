import { Suspense, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import type { ErasePageMemberQuery } from '../../__generated__/ErasePageMemberQuery.graphql';
import type { ErasePageEraseMutation } from '../../__generated__/ErasePageEraseMutation.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { requestFailed } from '../../ui/userErrors';
import { AdminBoundary } from './AdminBoundary';
import { MemberSearch, type ChosenMember } from './MemberSearch';

/** /admin/erase: erase a member's personal data on their request, after a confirmation that names what goes and what stays. */
export function ErasePage() {
  const [chosen, setChosen] = useState<ChosenMember | null>(null);
  const [erased, setErased] = useState<string | null>(null);
  return (
    <>
      <title>Erase a member · Admin · Workers Power</title>
      <h1>Erase a member</h1>
      <p>When a member asks for their personal data to be erased, find them here. You will see exactly what is removed and what stays before anything happens.</p>
      {erased ? (
        <div className="confirmation" role="status">
          <p><strong>{erased}’s personal data is erased.</strong> Their account is closed and their name shows as “Erased member” from now on. The rest of the platform is told to forget them within seconds.</p>
          <button type="button" className="button button--light" onClick={() => { setErased(null); setChosen(null); }}>Erase someone else</button>
        </div>
      ) : (
        <>
          <MemberSearch name="eraseSearch" label="Find the member" hint="By name, in any branch." chosen={chosen} onChoose={setChosen} />
          {chosen ? (
            <AdminBoundary>
              <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
                <Confirm id={chosen.id} onErased={setErased} />
              </Suspense>
            </AdminBoundary>
          ) : null}
        </>
      )}
    </>
  );
}

function Confirm({ id, onErased }: { id: string; onErased: (name: string) => void }) {
  const { me, node } = useLazyLoadQuery<ErasePageMemberQuery>(
    graphql`
      query ErasePageMemberQuery($id: ID!) {
        me { id }
        node(id: $id) { ... on Member { id givenName familyName joinedOn erased branch { name } } }
      }
    `,
    { id },
    { fetchPolicy: 'network-only' },
  );
  const [error, setError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string[]>([]);
  const [commit, inFlight] = useMutation<ErasePageEraseMutation>(graphql`
    mutation ErasePageEraseMutation($input: EraseMemberInput!) {
      eraseMember(input: $input) { erasedMemberId errors { code message field } }
    }
  `);
  if (!node?.id || node.erased) return <p className="alert" role="alert">This member’s data was erased already.</p>;
  const name = `${node.givenName} ${node.familyName}`;
  if (me?.id === node.id) return <p className="alert" role="alert">You cannot erase your own record: ask another admin.</p>;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget).get('confirmName') ?? '').trim().replace(/\s+/g, ' ');
    setAlert([]);
    if (typed.toLocaleLowerCase('en-GB') !== name.toLocaleLowerCase('en-GB')) {
      setError(`Type their name exactly as shown, ${name}, to confirm.`);
      document.getElementById('confirmName')?.focus();
      return;
    }
    setError(null);
    commit({
      variables: { input: { memberId: node.id! } },
      onCompleted: (r) => {
        const p = r.eraseMember;
        if (p.errors.length > 0) { setAlert(p.errors.map((e) => e.message)); return; }
        onErased(name);
      },
      onError: (e) => setAlert([requestFailed(e)]),
    });
  };
  const errors: FieldErrors = error ? { confirmName: error } : {};
  return (
    <section className="confirm-panel" aria-labelledby="erase-title">
      <h2 id="erase-title">Erase {name}’s personal data?</h2>
      <p>{name}, {node.branch?.name}, member since {new Date(node.joinedOn).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}.</p>
      <h3>What is removed</h3>
      <ul>
        <li>Their name, email, phone, postcode, union, workplace, interests, availability and preferences, in their record and in its whole history.</li>
        <li>Their account: they can no longer sign in, and the email address is free again.</li>
        <li>Their applications’ details, and the references on their payments.</li>
        <li>Their name wherever else it shows (sign-up lists, articles’ authors), and their sign-ups for actions still to come.</li>
      </ul>
      <h3>What stays</h3>
      <ul>
        <li>The counts: past sign-ups and attendance still count them, as “Erased member”.</li>
        <li>Their payments’ amounts and dates, so contribution totals stay right.</li>
        <li>The record of who read their data, and that you erased it, with no personal data in it.</li>
      </ul>
      <p><strong>This cannot be undone.</strong></p>
      <form noValidate onSubmit={submit}>
        <div className="field" data-invalid={error ? 'true' : undefined}>
          <label htmlFor="confirmName">To confirm, type their name: {name}</label>
          <input id="confirmName" name="confirmName" type="text" autoComplete="off" {...describedBy('confirmName', errors)} />
          <FieldError name="confirmName" errors={errors} />
        </div>
        {alert.length > 0 ? <div className="alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
        <button type="submit" className="button" data-mutation="eraseMember" disabled={inFlight}>{inFlight ? 'Erasing…' : `Erase ${name}’s data`}</button>
      </form>
    </section>
  );
}
