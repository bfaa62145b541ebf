import type { FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import type { ScheduleFormMutation, ActionKind } from '../../../__generated__/ScheduleFormMutation.graphql';
import { describedBy, FieldError } from '../../../ui/Field';
import { SaveStatus } from '../../member/SaveStatus';
import { useSaving } from '../../member/saving';
import { isoOf, kindNames } from './format';

const scheduleFields = ['kind', 'actionTitle', 'startsAt', 'endsAt', 'location', 'capacity'];
const kinds = Object.entries(kindNames) as ReadonlyArray<[ActionKind, string]>;

/** Schedule an action: it appears in the list above, and members can sign up for it at once. */
export function ScheduleForm({ campaignId, connection }: { campaignId: string; connection: string }) {
  const saving = useSaving(scheduleFields, { title: 'actionTitle' });
  const [commit, inFlight] = useMutation<ScheduleFormMutation>(graphql`
    mutation ScheduleFormMutation($input: ScheduleActionInput!, $connections: [ID!]!) {
      scheduleAction(input: $input) {
        action @appendNode(connections: $connections, edgeTypeName: "CampaignActionEdge") {
          id ...ActionItem_action campaign { id progress { ...CampaignDetailPage_figures } }
        }
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const startsAt = isoOf(text('startsAt'));
    const endsAt = isoOf(text('endsAt'));
    const missing: Record<string, string> = {};
    if (!startsAt) missing.startsAt = 'Say when it starts.';
    if (!endsAt) missing.endsAt = 'Say when it ends.';
    if (!startsAt || !endsAt) {
      saving.done(Object.entries(missing).map(([field, message]) => ({ code: 'VALIDATION', message, field: [field] })), '');
      return;
    }
    const capacity = text('capacity');
    saving.starting();
    commit({
      variables: {
        connections: [connection],
        input: { campaignId, kind: text('kind') as ActionKind, title: text('title') || null, startsAt, endsAt, location: text('location'), capacity: capacity ? Number(capacity) : null },
      },
      // the new action is added to the list (@appendNode); its heading's total counts it too
      updater: (store, response) => {
        const list = store.get(connection);
        if (!list || !response?.scheduleAction.action) return;
        list.setValue(Number(list.getValue('totalCount') ?? 0) + 1, 'totalCount');
      },
      onCompleted: (r) => {
        const payload = r.scheduleAction;
        saving.done(payload.errors, 'The action is scheduled: members can sign up for it now, and those signed up get a reminder the day before.');
        if (payload.errors.length === 0) formElement.reset();
      },
      onError: saving.failed,
    });
  };
  const e = saving.errors;
  return (
    <div className="inline-form">
      <h3 id="schedule-title">Schedule an action</h3>
      <form className="form" noValidate onSubmit={submit} aria-labelledby="schedule-title" aria-describedby="schedule-status">
        <div className="field" data-invalid={e.kind ? 'true' : undefined}>
          <label htmlFor="kind">Kind of action</label>
          <select id="kind" name="kind" defaultValue="PICKET" {...describedBy('kind', e)}>
            {kinds.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
          <FieldError name="kind" errors={e} />
        </div>
        <div className="field" data-invalid={e.actionTitle ? 'true' : undefined}>
          <label htmlFor="actionTitle">Title (optional)</label>
          <span className="hint" id="actionTitle-hint">Made from the kind and the campaign when left empty.</span>
          <input id="actionTitle" name="title" type="text" {...describedBy('actionTitle', e, 'actionTitle-hint')} />
          <FieldError name="actionTitle" errors={e} />
        </div>
        <div className="field" data-invalid={e.startsAt ? 'true' : undefined}>
          <label htmlFor="startsAt">Starts</label>
          <input id="startsAt" name="startsAt" type="datetime-local" required {...describedBy('startsAt', e)} />
          <FieldError name="startsAt" errors={e} />
        </div>
        <div className="field" data-invalid={e.endsAt ? 'true' : undefined}>
          <label htmlFor="endsAt">Ends</label>
          <input id="endsAt" name="endsAt" type="datetime-local" required {...describedBy('endsAt', e)} />
          <FieldError name="endsAt" errors={e} />
        </div>
        <div className="field" data-invalid={e.location ? 'true' : undefined}>
          <label htmlFor="location">Where</label>
          <input id="location" name="location" type="text" required {...describedBy('location', e)} />
          <FieldError name="location" errors={e} />
        </div>
        <div className="field" data-invalid={e.capacity ? 'true' : undefined}>
          <label htmlFor="capacity">Places (optional)</label>
          <span className="hint" id="capacity-hint">Leave empty for no limit.</span>
          <input id="capacity" name="capacity" type="number" min={1} inputMode="numeric" {...describedBy('capacity', e, 'capacity-hint')} />
          <FieldError name="capacity" errors={e} />
        </div>
        <button type="submit" className="button" data-mutation="scheduleAction" disabled={inFlight}>{inFlight ? 'Scheduling…' : 'Schedule the action'}</button>
        <SaveStatus id="schedule-status" alert={saving.alert} saved={saving.saved} />
      </form>
    </div>
  );
}
