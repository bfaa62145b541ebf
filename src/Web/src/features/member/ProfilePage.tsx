import { type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { ProfilePageQuery } from '../../__generated__/ProfilePageQuery.graphql';
import type { ProfilePageProfileMutation } from '../../__generated__/ProfilePageProfileMutation.graphql';
import type { ProfilePageParticipationMutation } from '../../__generated__/ProfilePageParticipationMutation.graphql';
import type { ProfilePagePreferencesMutation } from '../../__generated__/ProfilePagePreferencesMutation.graphql';
import { describedBy, FieldError, type FieldErrors } from '../../ui/Field';
import { interestChoices } from '../join/interests';
import { SignInAgain } from './MemberSpace';
import { SaveStatus } from './SaveStatus';
import { useSaving } from './saving';

/** A labelled text input with a default value and its error. */
function Input(props: { name: string; label: string; value: string | null | undefined; errors: FieldErrors; type?: 'text' | 'email' | 'tel'; autoComplete?: string; optional?: boolean; hint?: string }) {
  const { name, label, value, errors, type = 'text', autoComplete, optional, hint } = props;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className="field" data-invalid={errors[name] ? 'true' : undefined}>
      <label htmlFor={name}>{label}{optional ? ' (optional)' : ''}</label>
      {hint ? <span className="hint" id={hintId}>{hint}</span> : null}
      <input id={name} name={name} type={type} defaultValue={value ?? ''} autoComplete={autoComplete} required={!optional} {...describedBy(name, errors, hintId)} />
      <FieldError name={name} errors={errors} />
    </div>
  );
}

/** /me/profile: the member's personal details, participation and communication preferences, each saved on its own. */
export function ProfilePage() {
  const { me } = useLazyLoadQuery<ProfilePageQuery>(
    graphql`
      query ProfilePageQuery {
        me {
          id givenName familyName email pendingEmail phone postcode
          union workplace interests availability
          communicationPreferences { email post sms }
        }
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  if (!me) return <SignInAgain />;
  return (
    <>
      <title>Your profile · Workers Power</title>
      <h1>Your profile</h1>
      <p>Keep your details up to date so your branch can reach you. To change your password, go to <Link to="/account/password">change password</Link>.</p>
      <DetailsForm me={me} />
      <ParticipationForm me={me} />
      <PreferencesForm me={me} />
    </>
  );
}

type Me = NonNullable<ProfilePageQuery['response']['me']>;

function DetailsForm({ me }: { me: Me }) {
  const saving = useSaving(['givenName', 'familyName', 'email', 'phone', 'postcode']);
  const [commit, inFlight] = useMutation<ProfilePageProfileMutation>(graphql`
    mutation ProfilePageProfileMutation($input: UpdateMyProfileInput!) {
      updateMyProfile(input: $input) {
        member { id givenName familyName email pendingEmail phone postcode }
        message
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const email = text('email');
    saving.starting();
    commit({
      variables: { input: { givenName: text('givenName'), familyName: text('familyName'), email, phone: text('phone'), postcode: text('postcode') } },
      onCompleted: (response) => {
        const payload = response.updateMyProfile;
        const pending = !!payload.member?.pendingEmail && payload.member.pendingEmail === email;
        // the server says whether a confirmation was mailed (only with mail on)
        const mailed = pending && /sent/i.test(payload.message ?? '');
        saving.done(payload.errors, mailed
          ? `Your details are saved. We sent a confirmation to the new address, ${email}: your email changes once you open the link in it. Until then we keep using your current address.`
          : `Your details are saved.${payload.message ? ` ${payload.message}` : ''}`);
      },
      onError: saving.failed,
    });
  };
  return (
    <section className="form-section" aria-labelledby="details-title">
      <h2 id="details-title">Personal details</h2>
      <form className="form" noValidate onSubmit={submit} aria-describedby="details-status">
        <div className="row row--2">
          <Input name="givenName" label="First name" value={me.givenName} errors={saving.errors} autoComplete="given-name" />
          <Input name="familyName" label="Last name" value={me.familyName} errors={saving.errors} autoComplete="family-name" />
        </div>
        <Input name="email" label="Email" type="email" value={me.email} errors={saving.errors} autoComplete="email"
          hint={me.pendingEmail ? `Waiting for confirmation: ${me.pendingEmail}. It becomes your email once confirmed from the link mailed to it.` : 'A new address takes effect once you confirm it from a link we send to it.'} />
        <div className="row row--2">
          <Input name="phone" label="Phone" type="tel" value={me.phone} errors={saving.errors} autoComplete="tel" optional />
          <Input name="postcode" label="Postcode" value={me.postcode} errors={saving.errors} autoComplete="postal-code" />
        </div>
        <button type="submit" className="button" disabled={inFlight}>{inFlight ? 'Saving…' : 'Save details'}</button>
        <SaveStatus id="details-status" alert={saving.alert} saved={saving.saved} />
      </form>
    </section>
  );
}

const known = interestChoices.map((c) => c.value as string);

function ParticipationForm({ me }: { me: Me }) {
  const saving = useSaving(['union', 'workplace', 'interests', 'availability']);
  const [commit, inFlight] = useMutation<ProfilePageParticipationMutation>(graphql`
    mutation ProfilePageParticipationMutation($input: UpdateMyParticipationInput!) {
      updateMyParticipation(input: $input) {
        member { id union workplace interests availability }
        errors { code message field }
      }
    }
  `);
  const interests = me.interests ?? [];
  const others = interests.filter((i) => !known.includes(i)).join(', ');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const chosen = [...form.getAll('interests').map(String), ...text('otherInterests').split(',').map((s) => s.trim()).filter(Boolean)];
    saving.starting();
    commit({
      variables: { input: { union: text('union'), workplace: text('workplace'), interests: chosen, availability: text('availability') } },
      onCompleted: (response) => {
        const payload = response.updateMyParticipation;
        saving.done(payload.errors, 'Your participation is saved.');
      },
      onError: saving.failed,
    });
  };
  return (
    <section className="form-section" aria-labelledby="participation-title">
      <h2 id="participation-title">Participation</h2>
      <form className="form" noValidate onSubmit={submit} aria-describedby="participation-status">
        <div className="row row--2">
          <Input name="union" label="Trade union" value={me.union} errors={saving.errors} optional />
          <Input name="workplace" label="Workplace" value={me.workplace} errors={saving.errors} optional />
        </div>
        <fieldset className="field" data-invalid={saving.errors.interests ? 'true' : undefined} {...describedBy('interests', saving.errors)}>
          <legend>What would you like to work on? (optional)</legend>
          {interestChoices.map((c) => (
            <label key={c.value} className="check" htmlFor={`interest-${c.value}`}>
              <input type="checkbox" id={`interest-${c.value}`} name="interests" value={c.value} defaultChecked={interests.includes(c.value)} />
              {c.label}
            </label>
          ))}
          <FieldError name="interests" errors={saving.errors} />
        </fieldset>
        <Input name="otherInterests" label="Other interests" value={others} errors={saving.errors} optional hint="Separate several with commas." />
        <div className="field" data-invalid={saving.errors.availability ? 'true' : undefined}>
          <label htmlFor="availability">When are you usually available? (optional)</label>
          <span className="hint" id="availability-hint">For example: weekday evenings, Saturday mornings.</span>
          <textarea id="availability" name="availability" maxLength={500} defaultValue={me.availability ?? ''} {...describedBy('availability', saving.errors, 'availability-hint')} />
          <FieldError name="availability" errors={saving.errors} />
        </div>
        <button type="submit" className="button" disabled={inFlight}>{inFlight ? 'Saving…' : 'Save participation'}</button>
        <SaveStatus id="participation-status" alert={saving.alert} saved={saving.saved} />
      </form>
    </section>
  );
}

function PreferencesForm({ me }: { me: Me }) {
  const saving = useSaving([]);
  const [commit, inFlight] = useMutation<ProfilePagePreferencesMutation>(graphql`
    mutation ProfilePagePreferencesMutation($input: UpdateMyCommunicationPreferencesInput!) {
      updateMyCommunicationPreferences(input: $input) {
        member { id communicationPreferences { email post sms } }
        errors { code message field }
      }
    }
  `);
  const prefs = me.communicationPreferences;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    saving.starting();
    commit({
      variables: { input: { email: form.get('byEmail') === 'on', post: form.get('byPost') === 'on', sms: form.get('bySms') === 'on' } },
      onCompleted: (response) => saving.done(response.updateMyCommunicationPreferences.errors, 'Your communication preferences are saved.'),
      onError: saving.failed,
    });
  };
  const choices = [
    { name: 'byEmail', label: 'Updates by email', checked: prefs?.email },
    { name: 'byPost', label: 'Letters by post', checked: prefs?.post },
    { name: 'bySms', label: 'Text messages', checked: prefs?.sms },
  ];
  return (
    <section className="form-section" aria-labelledby="preferences-title">
      <h2 id="preferences-title">Communication preferences</h2>
      <form className="form" noValidate onSubmit={submit} aria-describedby="preferences-status">
        <fieldset className="field" aria-describedby="preferences-hint">
          <legend>How may we contact you?</legend>
          <span className="hint" id="preferences-hint">Action reminders, cancellations and organisers' messages come by email only while email is ticked. Mail about your account and contributions (a password reset, an arrears warning) reaches you whatever you choose.</span>
          {choices.map((c) => (
            <label key={c.name} className="check" htmlFor={c.name}>
              <input type="checkbox" id={c.name} name={c.name} defaultChecked={c.checked ?? false} />
              {c.label}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={inFlight}>{inFlight ? 'Saving…' : 'Save preferences'}</button>
        <SaveStatus id="preferences-status" alert={saving.alert} saved={saving.saved} />
      </form>
    </section>
  );
}
