import { useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import type { CampaignSettingsUpdateMutation } from '../../../__generated__/CampaignSettingsUpdateMutation.graphql';
import type { CampaignSettingsConcludeMutation } from '../../../__generated__/CampaignSettingsConcludeMutation.graphql';
import type { CampaignSettingsReopenMutation } from '../../../__generated__/CampaignSettingsReopenMutation.graphql';
import { describedBy, FieldError } from '../../../ui/Field';
import { requestFailed } from '../../../ui/userErrors';
import { SaveStatus } from '../../member/SaveStatus';
import { useSaving } from '../../member/saving';

const editFields = ['title', 'summary', 'goal'];

type Campaign = { readonly id: string; readonly title: string; readonly summary: string; readonly goal: number | null | undefined };

export function EditForm({ campaign }: { campaign: Campaign }) {
  const saving = useSaving(editFields);
  const [commit, inFlight] = useMutation<CampaignSettingsUpdateMutation>(graphql`
    mutation CampaignSettingsUpdateMutation($input: UpdateCampaignInput!) {
      updateCampaign(input: $input) {
        campaign { id title summary goal progress { ...CampaignDetailPage_figures } }
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const goal = text('goal');
    saving.starting();
    commit({
      variables: { input: { campaignId: campaign.id, title: text('title'), summary: text('summary'), goal: goal ? Number(goal) : 0 } },
      onCompleted: (r) => saving.done(r.updateCampaign.errors, 'The campaign is saved.'),
      onError: saving.failed,
    });
  };
  const e = saving.errors;
  return (
    <section className="console-section" aria-labelledby="edit-title">
      <h2 id="edit-title">Edit the campaign</h2>
      <form className="form" noValidate onSubmit={submit} aria-describedby="edit-status">
        <div className="field" data-invalid={e.title ? 'true' : undefined}>
          <label htmlFor="title">Title</label>
          <input id="title" name="title" type="text" required defaultValue={campaign.title} {...describedBy('title', e)} />
          <FieldError name="title" errors={e} />
        </div>
        <div className="field" data-invalid={e.summary ? 'true' : undefined}>
          <label htmlFor="summary">What it is about</label>
          <textarea id="summary" name="summary" rows={4} required defaultValue={campaign.summary} {...describedBy('summary', e)} />
          <FieldError name="summary" errors={e} />
        </div>
        <div className="field" data-invalid={e.goal ? 'true' : undefined}>
          <label htmlFor="goal">Goal: how many people taking part (optional)</label>
          <span className="hint" id="goal-hint">Leave empty for no goal.</span>
          <input id="goal" name="goal" type="number" min={1} inputMode="numeric" defaultValue={campaign.goal ?? ''} {...describedBy('goal', e, 'goal-hint')} />
          <FieldError name="goal" errors={e} />
        </div>
        <button type="submit" className="button" data-mutation="updateCampaign" disabled={inFlight}>{inFlight ? 'Saving…' : 'Save the campaign'}</button>
        <SaveStatus id="edit-status" alert={saving.alert} saved={saving.saved} />
      </form>
    </section>
  );
}

/** Conclude (with a confirmation: it leaves the public list of running campaigns) or reopen. */
export function Standing({ campaignId, status }: { campaignId: string; status: string }) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ alert: string[]; saved: string | null }>({ alert: [], saved: null });
  const [conclude, concluding] = useMutation<CampaignSettingsConcludeMutation>(graphql`
    mutation CampaignSettingsConcludeMutation($input: CampaignIdInput!) {
      concludeCampaign(input: $input) { campaign { id status } errors { code message field } }
    }
  `);
  const [reopen, reopening] = useMutation<CampaignSettingsReopenMutation>(graphql`
    mutation CampaignSettingsReopenMutation($input: CampaignIdInput!) {
      reopenCampaign(input: $input) { campaign { id status } errors { code message field } }
    }
  `);
  const finish = (errors: ReadonlyArray<{ readonly message: string }>, saved: string) => {
    setConfirming(false);
    setMessage(errors.length ? { alert: errors.map((x) => x.message), saved: null } : { alert: [], saved });
  };
  const failed = (error: Error) => setMessage({ alert: [requestFailed(error)], saved: null });
  const variables = { input: { campaignId } };
  return (
    <section className="console-section" aria-labelledby="standing-title">
      <h2 id="standing-title">{status === 'CONCLUDED' ? 'Reopen the campaign' : 'Conclude the campaign'}</h2>
      {status === 'CONCLUDED' ? (
        <>
          <p>This campaign is concluded. Reopening it puts it back among the running campaigns.</p>
          <button type="button" className="button" data-mutation="reopenCampaign" disabled={reopening}
            onClick={() => reopen({ variables, onCompleted: (r) => finish(r.reopenCampaign.errors, 'The campaign is running again.'), onError: failed })}>
            {reopening ? 'Reopening…' : 'Reopen the campaign'}
          </button>
        </>
      ) : confirming ? (
        <div className="confirm-box" role="group" aria-labelledby="conclude-question">
          <p id="conclude-question">Conclude this campaign? It leaves the list of running campaigns; its actions and figures stay, and you can reopen it later.</p>
          <div className="button-row">
            <button type="button" className="button" data-mutation="concludeCampaign" disabled={concluding}
              onClick={() => conclude({ variables, onCompleted: (r) => finish(r.concludeCampaign.errors, 'The campaign is concluded.'), onError: failed })}>
              {concluding ? 'Concluding…' : 'Yes, conclude it'}
            </button>
            <button type="button" className="button button--light" onClick={() => setConfirming(false)}>Keep it running</button>
          </div>
        </div>
      ) : (
        <>
          <p>When the campaign is over, conclude it: its actions and figures stay.</p>
          <button type="button" data-opens="concludeCampaign" className="button button--light" onClick={() => { setMessage({ alert: [], saved: null }); setConfirming(true); }}>Conclude the campaign…</button>
        </>
      )}
      <SaveStatus id="standing-status" alert={message.alert} saved={message.saved} />
    </section>
  );
}

