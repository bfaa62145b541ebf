import { Suspense, useState, type ChangeEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import type { ImportPageMutation, ImportPageMutation$data } from '../../__generated__/ImportPageMutation.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { requestFailed, splitUserErrors } from '../../ui/userErrors';
import { Outcome } from './Outcome';
import { ReportTable } from './ReportTable';
import './treasury.css';

type Report = NonNullable<ImportPageMutation$data['importContributionPayments']>;
type Checked = { readonly text: string; readonly dryRun: boolean; readonly report: Report };

const maxBytes = 2_000_000;
const example = 'date,amount,member,reference\n2026-11-02,12.50,rosa@example.org,BANK-1102\n03/11/2026,5.00,TWVtYmVyOjAx…,BANK-1103';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a check or an import did, in words. */
function summary({ dryRun, report }: Checked): string {
  const counts = `${plural(report.matched, 'row', 'rows')} to record, ${report.skipped} skipped, ${report.refused} refused`;
  if (report.applied) {
    return `Recorded ${plural(report.matched, 'payment', 'payments')}.${report.skipped > 0 ? ` ${plural(report.skipped, 'row was', 'rows were')} skipped: recorded already or repeated in the file.` : ''}`;
  }
  if (report.refused > 0) {
    const lines = report.rows.filter((r) => r.status === 'REFUSED').map((r) => r.line);
    const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? ' and more' : '');
    return `${dryRun ? 'Checked' : 'Nothing was recorded'}: ${counts}. Nothing is recorded while any row is refused: fix ${lines.length === 1 ? 'line' : 'lines'} ${shown} in the text, then check again.`;
  }
  if (report.matched === 0) return `Checked: ${counts}. There is nothing new to record.`;
  return `Checked: ${counts}. No row is refused: record the payments when you are ready.`;
}

/** /treasury/import: a bank export (CSV) loaded into an editable text, checked (a dry run), then recorded. */
export function ImportPage() {
  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const [commit, inFlight] = useMutation<ImportPageMutation>(graphql`
    mutation ImportPageMutation($input: ImportContributionPaymentsInput!) {
      importContributionPayments(input: $input) {
        applied matched skipped refused
        rows { line status message memberId amount { amount currency } paidOn reference }
        errors { code message field }
      }
    }
  `);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    setChecked(null);
    setAlert([]);
    if (!file) return;
    if (file.size > maxBytes) { setErrors({ file: 'This file is too large: at most 5000 rows (about 2 MB) per import.' }); return; }
    file.text().then((content) => {
      setErrors({});
      setText(content);
      const rows = content.split(/\r?\n/).filter((l) => l.trim() !== '').length;
      setLoaded(`${file.name} is loaded into the text below (${plural(rows, 'line', 'lines')}): check it, and fix any row there.`);
    }, () => setErrors({ file: 'This file could not be read. Is it a text (CSV) file?' }));
  };

  const run = (dryRun: boolean) => {
    const csv = text;
    if (csv.trim() === '') { setErrors({ csv: 'Choose a file or paste its text first.' }); document.getElementById('csv')?.focus(); return; }
    setErrors({});
    setAlert([]);
    commit({
      variables: { input: { csv, dryRun } },
      onCompleted: (response) => {
        const payload = response.importContributionPayments;
        const problems = splitUserErrors(payload.errors, ['csv']);
        setErrors(problems.fields);
        setAlert(problems.page);
        if (payload.errors.length > 0) { setChecked(null); if (problems.fields.csv) document.getElementById('csv')?.focus(); return; }
        setChecked({ text: csv, dryRun, report: payload });
      },
      onError: (error) => setAlert([requestFailed(error)]),
    });
  };

  const current = checked !== null && checked.text === text;
  const mayRecord = current && checked.dryRun && checked.report.refused === 0 && checked.report.matched > 0;
  return (
    <>
      <title>Import payments · Workers Power</title>
      <h1>Import payments</h1>
      <p className="lead">Record many payments at once from a bank export. Check the file first: nothing is recorded while any row is refused.</p>
      <section className="treasury-section" aria-labelledby="columns-title">
        <h2 id="columns-title">What the file holds</h2>
        <p>A CSV file (comma-separated text) with a header row naming its columns, in any order:</p>
        <ul>
          <li><strong>date</strong>: the day paid, as 2026-11-02 or 02/11/2026;</li>
          <li><strong>amount</strong>: e.g. 12.50;</li>
          <li><strong>member</strong>: the member’s whole email address or their member id;</li>
          <li><strong>reference</strong> (optional): the bank’s reference;</li>
          <li><strong>currency</strong> (optional): e.g. GBP; the member’s pledge currency when left out.</li>
        </ul>
        <p>Up to 5000 rows. A payment recorded before (same member, day, amount and reference) is skipped, so importing the same export twice records nothing twice. For example:</p>
        <pre className="columns" tabIndex={0} aria-label="An example file">{example}</pre>
      </section>
      <section className="treasury-section" aria-labelledby="file-title">
        <h2 id="file-title">The file</h2>
        <div className="form">
          <div className="field" data-invalid={errors.file ? 'true' : undefined}>
            <label htmlFor="file">Choose a CSV file</label>
            <span className="hint" id="file-hint">Its text is loaded below, where you can correct it.</span>
            <input id="file" name="file" type="file" accept=".csv,text/csv,text/plain" onChange={choose} {...describedBy('file', errors, 'file-hint')} />
            <FieldError name="file" errors={errors} />
          </div>
          <p role="status" className="muted">{loaded}</p>
          <div className="field" data-invalid={errors.csv ? 'true' : undefined}>
            <label htmlFor="csv">The file’s text</label>
            <span className="hint" id="csv-hint">Or paste it here. A row the check refuses can be fixed here, then checked again.</span>
            <textarea id="csv" name="csv" className="csv" rows={10} spellCheck={false} value={text}
              onChange={(e) => setText(e.currentTarget.value)} {...describedBy('csv', errors, 'csv-hint')} />
            <FieldError name="csv" errors={errors} />
          </div>
          <div className="toolbar">
            <button type="button" className="button" data-mutation="importContributionPayments" disabled={inFlight} onClick={() => run(true)}>
              {inFlight ? 'Working…' : 'Check'}
            </button>
            {mayRecord ? (
              <button type="button" className="button" data-mutation="importContributionPayments" disabled={inFlight} onClick={() => run(false)}>
                Record the payments
              </button>
            ) : null}
          </div>
          {checked !== null && !current ? <p className="muted">The text changed since it was checked: check it again before recording.</p> : null}
          <Outcome id="import-status" alert={alert} done={checked ? summary(checked) : null} warn={checked !== null && !checked.report.applied && (checked.report.refused > 0 || !checked.dryRun)} />
        </div>
      </section>
      {checked ? (
        <section className="treasury-section" aria-labelledby="report-title">
          <h2 id="report-title">{checked.report.applied ? 'What was recorded' : 'The check, row by row'}</h2>
          <Suspense fallback={<p className="muted" role="status">Loading the members’ names…</p>}>
            <ReportTable rows={checked.report.rows} />
          </Suspense>
        </section>
      ) : null}
    </>
  );
}
