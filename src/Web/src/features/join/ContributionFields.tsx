import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';

/** The regular contribution's three fields (amount, currency, how often), as joining and changing a pledge ask for them. */
export function ContributionFields({ errors, amount = '', currency = 'GBP', frequency = 'MONTHLY' }: { errors: FieldErrors; amount?: string; currency?: string; frequency?: string }) {
  return (
    <div className="row row--3">
      <div className="field" data-invalid={errors.amount ? 'true' : undefined}>
        <label htmlFor="amount">Amount</label>
        <input id="amount" name="amount" type="text" inputMode="decimal" required defaultValue={amount} {...describedBy('amount', errors)} />
        <FieldError name="amount" errors={errors} />
      </div>
      <div className="field" data-invalid={errors.currency ? 'true' : undefined}>
        <label htmlFor="currency">Currency</label>
        <select id="currency" name="currency" defaultValue={currency} {...describedBy('currency', errors)}>
          <option value="GBP">GBP (£)</option>
          <option value="EUR">EUR (€)</option>
          <option value="USD">USD ($)</option>
        </select>
        <FieldError name="currency" errors={errors} />
      </div>
      <div className="field" data-invalid={errors.contributionFrequency ? 'true' : undefined}>
        <label htmlFor="contributionFrequency">How often</label>
        <select id="contributionFrequency" name="contributionFrequency" defaultValue={frequency} {...describedBy('contributionFrequency', errors)}>
          <option value="MONTHLY">Every month</option>
          <option value="QUARTERLY">Every three months</option>
          <option value="YEARLY">Every year</option>
        </select>
        <FieldError name="contributionFrequency" errors={errors} />
      </div>
    </div>
  );
}

/** The API names the contribution's fields contribution.amount and contribution.currency; the forms amount and currency. */
export const contributionFieldAlias: Record<string, string> = { 'contribution.amount': 'amount', 'contribution.currency': 'currency', contribution: 'amount' };
