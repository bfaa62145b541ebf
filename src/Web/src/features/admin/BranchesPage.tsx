import { useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import type { BranchesPageQuery } from '../../__generated__/BranchesPageQuery.graphql';
import type { BranchesPageCreateMutation } from '../../__generated__/BranchesPageCreateMutation.graphql';
import type { BranchesPageRenameMutation } from '../../__generated__/BranchesPageRenameMutation.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { SaveStatus } from '../member/SaveStatus';
import { useSaving } from '../member/saving';

function Input({ name, label, errors, value, optional, hint, autoFocus }: { name: string; label: string; errors: FieldErrors; value?: string | null; optional?: boolean; hint?: string; autoFocus?: boolean }) {
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className="field" data-invalid={errors[name] ? 'true' : undefined}>
      <label htmlFor={name}>{label}{optional ? ' (optional)' : ''}</label>
      {hint ? <span className="hint" id={hintId}>{hint}</span> : null}
      <input id={name} name={name} type="text" defaultValue={value ?? ''} required={!optional} autoFocus={autoFocus} maxLength={100} autoComplete="off" {...describedBy(name, errors, hintId)} />
      <FieldError name={name} errors={errors} />
    </div>
  );
}

/** /admin: the branches, founding one, renaming one or changing its region. */
export function BranchesPage() {
  const { branches } = useLazyLoadQuery<BranchesPageQuery>(
    graphql`
      query BranchesPageQuery {
        branches { id name region memberCount }
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [renamed, setRenamed] = useState<string | null>(null);
  const sorted = [...branches].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const editingBranch = sorted.find((b) => b.id === editing) ?? null;
  return (
    <>
      <title>Branches · Admin · Workers Power</title>
      <h1>Branches</h1>
      <p>Members are organised in branches. A new branch can take applications at once; renaming one changes its name everywhere it shows, members and their history stay with it.</p>
      <FoundBranch />
      <section className="admin-section" aria-labelledby="branches-title">
        <h2 id="branches-title">The branches</h2>
        <p className="meta" role="status">{sorted.length === 1 ? '1 branch' : `${sorted.length} branches`}, by name; members are those active now.</p>
        <p className="saved" id="renamed-status" role="status" hidden={!renamed}>{renamed}</p>
        <div className="table-scroll admin-table">
          <table className="data-table branches-table">
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Region</th><th scope="col" className="number">Members</th><th scope="col"><span className="visually-hidden">Change</span></th></tr>
            </thead>
            <tbody>
              {sorted.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{b.name}</th>
                  <td>{b.region ?? <span className="muted">None given</span>}</td>
                  <td className="number">{b.memberCount}</td>
                  <td>
                    <button type="button" data-opens="renameBranch" className="button button--small button--light" onClick={() => { setRenamed(null); setEditing(b.id); }}>
                      Rename<span className="visually-hidden"> {b.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editingBranch ? <RenameForm key={editingBranch.id} branch={editingBranch} onDone={(message) => { setEditing(null); setRenamed(message); }} /> : null}
      </section>
    </>
  );
}

function FoundBranch() {
  const saving = useSaving(['branchName', 'branchRegion'], { name: 'branchName', region: 'branchRegion' });
  const [commit, inFlight] = useMutation<BranchesPageCreateMutation>(graphql`
    mutation BranchesPageCreateMutation($input: CreateBranchInput!) {
      createBranch(input: $input) {
        branch { id name region memberCount }
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get('branchName') ?? '').trim();
    const region = String(form.get('branchRegion') ?? '').trim();
    saving.starting();
    commit({
      variables: { input: { name, region: region || null } },
      updater: (store) => {
        const branch = store.getRootField('createBranch')?.getLinkedRecord('branch');
        if (!branch) return;
        const root = store.getRoot();
        root.setLinkedRecords([...(root.getLinkedRecords('branches') ?? []), branch], 'branches');
      },
      onCompleted: (response) => {
        const payload = response.createBranch;
        saving.done(payload.errors, `The ${payload.branch?.name ?? name} branch is founded. Applicants can choose it from now on, and you can give it organisers under Roles.`);
        if (payload.errors.length === 0) formElement.reset();
      },
      onError: saving.failed,
    });
  };
  return (
    <section className="admin-section" aria-labelledby="found-title">
      <h2 id="found-title">Found a branch</h2>
      <form className="form" noValidate onSubmit={submit} aria-describedby="found-status">
        <div className="row row--2">
          <Input name="branchName" label="Name" errors={saving.errors} hint="Unique, up to 100 characters." />
          <Input name="branchRegion" label="Region" errors={saving.errors} optional hint="The area it covers." />
        </div>
        <button type="submit" className="button" data-mutation="createBranch" disabled={inFlight}>{inFlight ? 'Founding…' : 'Found the branch'}</button>
        <SaveStatus id="found-status" alert={saving.alert} saved={saving.saved} />
      </form>
    </section>
  );
}

type Branch = BranchesPageQuery['response']['branches'][number];

function RenameForm({ branch, onDone }: { branch: Branch; onDone: (message: string) => void }) {
  const saving = useSaving(['renameName', 'renameRegion'], { name: 'renameName', region: 'renameRegion' });
  const [commit, inFlight] = useMutation<BranchesPageRenameMutation>(graphql`
    mutation BranchesPageRenameMutation($input: RenameBranchInput!) {
      renameBranch(input: $input) {
        branch { id name region }
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('renameName') ?? '').trim();
    const region = String(form.get('renameRegion') ?? '').trim();
    saving.starting();
    commit({
      variables: { input: { branchId: branch.id, name, region: region || null } },
      onCompleted: (response) => {
        const payload = response.renameBranch;
        saving.done(payload.errors, '');
        if (payload.errors.length === 0) onDone(`Saved: ${branch.name} is now ${payload.branch?.name ?? name}${payload.branch?.region ? `, ${payload.branch.region}` : ''}.`);
      },
      onError: saving.failed,
    });
  };
  return (
    <form className="form rename-form" noValidate onSubmit={submit} aria-labelledby="rename-title" aria-describedby="rename-status">
      <h3 id="rename-title">Rename {branch.name}</h3>
      <p>Or change its region. Its members and their history stay with it.</p>
      <div className="row row--2">
        <Input name="renameName" label="New name" value={branch.name} errors={saving.errors} autoFocus />
        <Input name="renameRegion" label="Region" value={branch.region} errors={saving.errors} optional />
      </div>
      <div className="actions">
        <button type="submit" className="button" data-mutation="renameBranch" disabled={inFlight}>{inFlight ? 'Saving…' : 'Save the name'}</button>
        <button type="button" className="button button--light" onClick={() => onDone('')}>Cancel</button>
      </div>
      <SaveStatus id="rename-status" alert={saving.alert} saved={null} />
    </form>
  );
}
