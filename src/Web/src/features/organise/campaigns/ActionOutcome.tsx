import { useEffect, useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import type { ActionOutcomeMutation } from '../../../__generated__/ActionOutcomeMutation.graphql';
import { describedBy, FieldError } from '../../../ui/Field';
import { SaveStatus } from '../../member/SaveStatus';
import { useSaving } from '../../member/saving';

type OutcomeView = { readonly summary: string; readonly counts: ReadonlyArray<{ readonly name: string; readonly value: number }>; readonly recordedAt: string } | null | undefined;

/** The outcome, once the action has started: a report in words and up to 20 figures; recording again replaces it. */
export function Outcome({ actionId, startsAt, outcome }: { actionId: string; startsAt: string; outcome: OutcomeView }) {
  const [started, setStarted] = useState(() => Date.parse(startsAt) <= Date.now());
  useEffect(() => {
    if (started) return undefined;
    const timer = setTimeout(() => setStarted(true), Math.min(Math.max(Date.parse(startsAt) - Date.now(), 0) + 500, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [started, startsAt]);
  return (
    <section className="console-section" aria-labelledby="outcome-title">
      <h2 id="outcome-title">Outcome</h2>
      {outcome ? (
        <div id="outcome-recorded">
          <p>{outcome.summary}</p>
          {outcome.counts.length > 0 ? (
            <dl className="facts">
              {outcome.counts.map((c) => <div key={c.name}><dt>{c.name}</dt><dd>{c.value}</dd></div>)}
            </dl>
          ) : null}
        </div>
      ) : <p className="muted">Once the action is under way, say how it went: it goes in the campaign’s record.</p>}
      {started ? <OutcomeForm actionId={actionId} outcome={outcome} /> : <p>You can record the outcome once the action has started.</p>}
    </section>
  );
}

function OutcomeForm({ actionId, outcome }: { actionId: string; outcome: OutcomeView }) {
  const [rows, setRows] = useState(() => Math.max(2, outcome?.counts.length ?? 0));
  const saving = useSaving(['outcomeSummary', 'outcomeCounts'], { summary: 'outcomeSummary', counts: 'outcomeCounts' });
  const [commit, inFlight] = useMutation<ActionOutcomeMutation>(graphql`
    mutation ActionOutcomeMutation($input: RecordActionOutcomeInput!) {
      recordActionOutcome(input: $input) {
        action { id outcome { summary counts { name value } recordedAt } }
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const counts = Array.from({ length: rows }, (_, i) => ({
      name: String(form.get(`countName${i}`) ?? '').trim(),
      value: String(form.get(`countValue${i}`) ?? '').trim(),
    })).filter((c) => c.name || c.value);
    if (counts.some((c) => !c.name || !/^\d+$/.test(c.value))) {
      saving.done([{ code: 'VALIDATION', message: 'Each figure needs what was counted and a whole number.', field: ['counts'] }], '');
      return;
    }
    saving.starting();
    commit({
      variables: { input: { actionId, summary: String(form.get('outcomeSummary') ?? '').trim(), counts: counts.map((c) => ({ name: c.name, value: Number(c.value) })) } },
      onCompleted: (r) => saving.done(r.recordActionOutcome.errors, 'The outcome is recorded.'),
      onError: saving.failed,
    });
  };
  const e = saving.errors;
  return (
      <form className="form" noValidate onSubmit={submit} aria-describedby="outcome-status">
        <div className="field" data-invalid={e.outcomeSummary ? 'true' : undefined}>
          <label htmlFor="outcomeSummary">How it went</label>
          <textarea id="outcomeSummary" name="outcomeSummary" rows={4} required defaultValue={outcome?.summary ?? ''} {...describedBy('outcomeSummary', e)} />
          <FieldError name="outcomeSummary" errors={e} />
        </div>
        <fieldset className="field" {...describedBy('outcomeCounts', e)}>
          <legend>Figures (optional), such as papers sold or signatures</legend>
          {Array.from({ length: rows }, (_, i) => (
            <div className="counts-row" key={i}>
              <div className="field">
                <label htmlFor={`countName${i}`}>What was counted</label>
                <input id={`countName${i}`} name={`countName${i}`} type="text" defaultValue={outcome?.counts[i]?.name ?? ''} />
              </div>
              <div className="field">
                <label htmlFor={`countValue${i}`}>How many</label>
                <input id={`countValue${i}`} name={`countValue${i}`} type="text" inputMode="numeric" defaultValue={outcome?.counts[i]?.value ?? ''} />
              </div>
            </div>
          ))}
          {rows < 20 ? <button type="button" className="button button--small button--quiet" onClick={() => setRows(rows + 1)}>Add a figure</button> : null}
          <FieldError name="outcomeCounts" errors={e} />
        </fieldset>
        <button type="submit" className="button" data-mutation="recordActionOutcome" disabled={inFlight}>{inFlight ? 'Recording…' : 'Record the outcome'}</button>
        <SaveStatus id="outcome-status" alert={saving.alert} saved={saving.saved} />
      </form>
  );
}
