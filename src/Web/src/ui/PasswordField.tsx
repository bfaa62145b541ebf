import { useState } from 'react';
import { describedBy, FieldError, type FieldErrors } from './Field';
import './PasswordField.css';

/**
 * The password rule, as the server's PasswordPolicy (src/Modules/Membership/Accounts/PasswordPolicy.cs) words and
 * limits it. The server stays the judge: it also refuses common passwords and one containing the email address, which
 * this page cannot know, and its refusal is shown beside the field like any other.
 */
export const passwordPolicy = { minLength: 10, maxLength: 128, minDistinct: 4 } as const;

type RuleState = 'met' | 'unmet' | 'server';

/** Each rule and whether the password typed so far meets it (length in UTF-16 units, as the server counts). */
export function passwordRules(password: string): ReadonlyArray<{ id: string; text: string; state: RuleState }> {
  const { minLength, maxLength, minDistinct } = passwordPolicy;
  const length = password.length;
  return [
    { id: 'length', text: `At least ${minLength} characters long (now ${length})`, state: length >= minLength ? 'met' : 'unmet' },
    ...(length > maxLength ? [{ id: 'max', text: `At most ${maxLength} characters long`, state: 'unmet' as const }] : []),
    { id: 'distinct', text: 'At least four different characters', state: new Set(password.split('')).size >= minDistinct ? 'met' : 'unmet' },
    { id: 'common', text: 'Not a common password, and not containing your email address (checked when you send it)', state: 'server' },
  ];
}

const stateWords: Record<RuleState, string> = { met: 'done', unmet: 'not yet', server: '' };

/**
 * A new password with the rule beside it, ticked off as one types (the list is the field's description, so a screen
 * reader reads it with the field; a polite live region says how many rules are met). A button shows the password.
 */
export function PasswordField({ name, label, errors, autoComplete = 'new-password' }: {
  name: string; label: string; errors: FieldErrors; autoComplete?: string;
}) {
  const [value, setValue] = useState('');
  const [shown, setShown] = useState(false);
  const rules = passwordRules(value);
  const checkable = rules.filter((r) => r.state !== 'server');
  const met = checkable.filter((r) => r.state === 'met').length;
  const rulesId = `${name}-rules`;
  return (
    <div className="field password-field" data-invalid={errors[name] ? 'true' : undefined}>
      <label htmlFor={name}>{label}</label>
      <ul className="password-rules" id={rulesId}>
        {rules.map((rule) => (
          <li key={rule.id} data-state={rule.state}>
            {rule.text}
            {stateWords[rule.state] ? <span className="password-rules__state">: {stateWords[rule.state]}</span> : null}
          </li>
        ))}
      </ul>
      <div className="password-field__control">
        <input id={name} name={name} type={shown ? 'text' : 'password'} autoComplete={autoComplete} required
          autoCapitalize="none" autoCorrect="off" spellCheck={false}
          value={value} onChange={(e) => setValue(e.target.value)} {...describedBy(name, errors, rulesId)} />
        <button type="button" className="button button--light password-field__show" aria-pressed={shown} aria-controls={name}
          onClick={() => setShown((s) => !s)}>
          Show password
        </button>
      </div>
      <p className="password-rules__state" aria-live="polite">
        {value ? `${met} of ${checkable.length} rules met.` : ''}
      </p>
      <FieldError name={name} errors={errors} />
    </div>
  );
}
