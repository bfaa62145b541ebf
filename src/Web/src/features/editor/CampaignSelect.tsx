import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { CampaignSelectQuery } from '../../__generated__/CampaignSelectQuery.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';

/**
 * The campaign an article belongs to: one of the active campaigns (the 50 newest), or none; the article's own
 * campaign stays among the choices when it is no longer active.
 */
export function CampaignSelect({ value, onChange, errors, current }: {
  value: string; onChange: (id: string) => void; errors: FieldErrors; current?: { readonly id: string; readonly title: string } | null;
}) {
  const { campaigns } = useLazyLoadQuery<CampaignSelectQuery>(
    graphql`
      query CampaignSelectQuery {
        campaigns(first: 50) { nodes { id title } }
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  const choices = current && !campaigns.nodes.some((c) => c.id === current.id) ? [current, ...campaigns.nodes] : campaigns.nodes;
  return (
    <div className="field" data-invalid={errors.campaignId ? 'true' : undefined}>
      <label htmlFor="campaignId">Campaign (optional)</label>
      <span className="hint" id="campaignId-hint">The article shows on the campaign's page.</span>
      <select id="campaignId" name="campaignId" value={value} onChange={(e) => onChange(e.target.value)} {...describedBy('campaignId', errors, 'campaignId-hint')}>
        <option value="">No campaign</option>
        {choices.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
      </select>
      <FieldError name="campaignId" errors={errors} />
    </div>
  );
}
