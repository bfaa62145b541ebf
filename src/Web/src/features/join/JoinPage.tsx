import { useEffect, useRef, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import type { JoinPageQuery } from '../../__generated__/JoinPageQuery.graphql';
import type { JoinPageMutation, ContributionFrequency } from '../../__generated__/JoinPageMutation.graphql';
import { describedBy, FieldError, TextField, type FieldErrors } from '../../ui/Field';
import { requestFailed, splitUserErrors } from '../../ui/userErrors';
import { ContributionFields, contributionFieldAlias } from './ContributionFields';
import { interestChoices } from './interests';

/** The names of the form's fields, as the API's UserError.field names them. */
const fieldNames = [
  'givenName', 'familyName', 'email', 'phone', 'postcode', 'union', 'workplace', 'interests', 'otherInterests', 'branchId',
  'acceptsProgramme', 'amount', 'currency', 'contributionFrequency', 'consentToContact', 'message',
] as const;

/** Plainer words than the API's for the two agreements. */
const friendly: Record<string, string> = {
  acceptsProgramme: 'Joining means accepting the programme: please tick the box to accept it.',
  consentToContact: 'We can only hold your application if you agree that we store your details and contact you.',
};

/** The join form: mobile first, every field labelled, the API's field errors next to their fields. */
export function JoinPage() {
  const { branches, programme } = useLazyLoadQuery<JoinPageQuery>(
    graphql`
      query JoinPageQuery {
        branches { id name region }
        programme: page(slug: "programme") { id version }
      }
    `,
    {},
  );
  const [commit, inFlight] = useMutation<JoinPageMutation>(graphql`
    mutation JoinPageMutation($input: ApplyForMembershipInput!) {
      applyForMembership(input: $input) {
        application { id }
        errors { code message field }
      }
    }
  `);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const optional = (name: string) => text(name) || null;
    const others = text('otherInterests').split(',').map((s) => s.trim()).filter(Boolean);
    const interests = [...form.getAll('interests').map(String), ...others];
    const email = text('email');
    commit({
      variables: {
        input: {
          givenName: text('givenName'),
          familyName: text('familyName'),
          email,
          phone: optional('phone'),
          postcode: text('postcode'),
          union: optional('union'),
          workplace: optional('workplace'),
          interests,
          branchId: optional('branchId'),
          acceptsProgramme: form.get('acceptsProgramme') === 'on',
          // the exact revision of the programme this form linked to: the one the applicant accepts
          programmeId: programme?.id ?? null,
          programmeVersion: programme?.version ?? null,
          contribution: { amount: text('amount') || '0', currency: text('currency') || 'GBP' },
          contributionFrequency: (text('contributionFrequency') || 'MONTHLY') as ContributionFrequency,
          consentToContact: form.get('consentToContact') === 'on',
          message: optional('message'),
        },
      },
      onCompleted: (response, graphQLErrors) => {
        const payload = response.applyForMembership;
        if (payload && payload.errors.length === 0) {
          setErrors({}); setAlert([]); setSentTo(email);
          window.scrollTo(0, 0);
          return;
        }
        if (!payload) { setAlert([requestFailed(graphQLErrors?.[0]?.message ? new Error(graphQLErrors[0].message) : null)]); return; }
        const mapped = payload.errors.map((e) => {
          const path = (e.field ?? []).filter((p): p is string => !!p && p !== 'input').join('.');
          const alias = contributionFieldAlias[path] ?? (path.startsWith('programme') ? 'acceptsProgramme' : undefined);
          return { ...e, field: alias ? [alias] : e.field };
        });
        const { fields, page } = splitUserErrors(mapped, fieldNames);
        for (const name of Object.keys(friendly)) if (fields[name]) fields[name] = friendly[name] ?? fields[name];
        setErrors(fields);
        setAlert(Object.keys(fields).length > 0 ? ['Please check the fields marked below.', ...page] : page);
        const first = fieldNames.find((n) => fields[n]);
        if (first) document.getElementById(first === 'interests' ? 'interest-rank-and-file' : first)?.focus();
      },
      onError: (error) => setAlert([requestFailed(error)]),
    });
  };

  if (sentTo) return <Confirmation email={sentTo} />;

  return (
    <>
      <title>Join · Workers Power</title>
      <h1>Join Workers Power</h1>
      <p className="form">
        Fill in this form and an organiser will be in touch. Fields marked optional can be left empty.
      </p>
      <form className="form" noValidate onSubmit={submit} aria-describedby={alert.length ? 'form-alert' : undefined}>
        {alert.length > 0 ? (
          <div className="alert" id="form-alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div>
        ) : null}
        <div className="row row--2">
          <TextField name="givenName" label="First name" errors={errors} required autoComplete="given-name" />
          <TextField name="familyName" label="Last name" errors={errors} required autoComplete="family-name" />
        </div>
        <TextField name="email" label="Email" type="email" errors={errors} required autoComplete="email" inputMode="email" />
        <div className="row row--2">
          <TextField name="phone" label="Phone" type="tel" errors={errors} autoComplete="tel" />
          <TextField name="postcode" label="Postcode" errors={errors} required autoComplete="postal-code" />
        </div>
        <div className="row row--2">
          <TextField name="union" label="Trade union" errors={errors} />
          <TextField name="workplace" label="Workplace" errors={errors} />
        </div>

        <fieldset className="field" data-invalid={errors.interests ? 'true' : undefined} {...describedBy('interests', errors)}>
          <legend>What would you like to work on? (optional)</legend>
          {interestChoices.map((c) => (
            <label key={c.value} className="check" htmlFor={`interest-${c.value}`}>
              <input type="checkbox" id={`interest-${c.value}`} name="interests" value={c.value} />
              {c.label}
            </label>
          ))}
          <FieldError name="interests" errors={errors} />
        </fieldset>
        <TextField name="otherInterests" label="Other interests" hint="Separate several with commas." errors={errors} />

        <div className="field" data-invalid={errors.branchId ? 'true' : undefined}>
          <label htmlFor="branchId">Branch (optional)</label>
          <span className="hint" id="branchId-hint">If you don't know, leave it: an organiser will suggest one near you.</span>
          <select id="branchId" name="branchId" defaultValue="" {...describedBy('branchId', errors, 'branchId-hint')}>
            <option value="">I don't know yet</option>
            {branches.map((b) => <option key={b.id} value={b.id}>{b.name}{b.region ? ` (${b.region})` : ''}</option>)}
          </select>
          <FieldError name="branchId" errors={errors} />
        </div>

        <fieldset className="field" {...describedBy('amount', errors, 'contribution-hint')}>
          <legend>Your regular contribution</legend>
          <span className="hint" id="contribution-hint">Members fund the organisation. Give what you can afford.</span>
          <ContributionFields errors={errors} />
        </fieldset>

        <div className="field">
          <label htmlFor="message">Why do you want to join? (optional)</label>
          <textarea id="message" name="message" maxLength={4000} {...describedBy('message', errors)} />
          <FieldError name="message" errors={errors} />
        </div>

        <div className="field" data-invalid={errors.acceptsProgramme ? 'true' : undefined}>
          <label className="check" htmlFor="acceptsProgramme">
            <input type="checkbox" id="acceptsProgramme" name="acceptsProgramme" required {...describedBy('acceptsProgramme', errors)} />
            <span>I accept the programme of Workers Power (<a href="/programme" target="_blank" rel="noopener">read the programme</a>, opens in a new tab)</span>
          </label>
          <FieldError name="acceptsProgramme" errors={errors} />
        </div>
        <div className="field" data-invalid={errors.consentToContact ? 'true' : undefined}>
          <label className="check" htmlFor="consentToContact">
            <input type="checkbox" id="consentToContact" name="consentToContact" required {...describedBy('consentToContact', errors)} />
            <span>I agree that Workers Power stores these details and contacts me about my application and membership</span>
          </label>
          <FieldError name="consentToContact" errors={errors} />
        </div>

        <button type="submit" className="button" disabled={inFlight}>{inFlight ? 'Sending…' : 'Send my application'}</button>
      </form>
    </>
  );
}

/** What happens next, focused when it appears so a screen reader reads it. */
function Confirmation({ email }: { email: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="confirmation" aria-labelledby="thanks-title">
      <title>Application received · Workers Power</title>
      <h1 id="thanks-title" tabIndex={-1} ref={heading}>Thank you: your application is in</h1>
      <p>What happens next:</p>
      <ol>
        <li>We send an email to <strong>{email}</strong> to say we have your application.</li>
        <li>An organiser reviews it, usually within a week, and may get in touch to meet you.</li>
        <li>Once you are approved, a second email invites you to set a password and sign in to your member space.</li>
      </ol>
    </section>
  );
}
