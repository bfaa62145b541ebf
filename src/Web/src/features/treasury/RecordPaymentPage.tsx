import { Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import type { RecordPaymentPageMemberQuery } from '../../__generated__/RecordPaymentPageMemberQuery.graphql';
import type { RecordPaymentPageMutation } from '../../__generated__/RecordPaymentPageMutation.graphql';
import { describedBy, FieldError } from '../../ui/Field';
import { formatDate } from '../../ui/dates';
import { formatMoney, frequencyWords } from '../member/format';
import { useSaving } from '../member/saving';
import { FindMember } from './FindMember';
import { Outcome } from './Outcome';
import { arrearsWords, standingWords, todayIso } from './words';
import './treasury.css';

/** /treasury: find the member a statement names, see their pledge and arrears, record what they paid. */
export function RecordPaymentPage() {
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <>
      <title>Record a payment · Workers Power</title>
      <h1>Record a payment</h1>
      <p className="lead">Find the member a bank statement or receipt names, check their pledge, then record what they paid.</p>
      <div className="grid grid--2">
        <FindMember onChoose={setChosen} />
        {chosen ? (
          <Suspense fallback={<p className="muted" role="status">Loading the member…</p>}>
            <ChosenMember key={chosen} id={chosen} />
          </Suspense>
        ) : null}
      </div>
    </>
  );
}

/** The chosen member: only what a treasurer may read (name, branch, standing, pledge, arrears) and the payment form. */
function ChosenMember({ id }: { id: string }) {
  const { node } = useLazyLoadQuery<RecordPaymentPageMemberQuery>(
    graphql`
      query RecordPaymentPageMemberQuery($id: ID!) {
        node(id: $id) {
          __typename
          ... on Member {
            id givenName familyName status branch { name }
            contribution { amount currency } contributionFrequency monthsInArrears arrears { amount currency }
          }
        }
      }
    `,
    { id },
    { fetchPolicy: 'store-and-network' },
  );
  // the member just chosen: focus moves to them, so a keyboard or screen reader user is taken to the form
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, []);
  if (node?.__typename !== 'Member') return <p className="alert" role="alert">This member cannot be found any more.</p>;
  const name = `${node.givenName} ${node.familyName}`;
  const pledge = node.contribution && node.contributionFrequency
    ? `${formatMoney(node.contribution)} ${frequencyWords[node.contributionFrequency] ?? ''}` : 'No pledge recorded';
  return (
    <section className="treasury-section" aria-labelledby="chosen-title">
      <h2 id="chosen-title" tabIndex={-1} ref={heading}>{name}</h2>
      <dl className="facts">
        <dt>Branch</dt><dd>{node.branch.name}</dd>
        <dt>Standing</dt><dd>{standingWords[node.status] ?? node.status}</dd>
        <dt>Pledge</dt><dd>{pledge}</dd>
        <dt>Arrears</dt><dd>{arrearsWords(node.monthsInArrears, node.arrears)}</dd>
      </dl>
      <PaymentForm memberId={node.id} name={name} currency={node.contribution?.currency ?? node.arrears?.currency ?? 'GBP'} />
    </section>
  );
}

function PaymentForm({ memberId, name, currency }: { memberId: string; name: string; currency: string }) {
  const saving = useSaving(['amount', 'paidOn', 'reference'], { 'amount.amount': 'amount', 'amount.currency': 'amount' });
  const [commit, inFlight] = useMutation<RecordPaymentPageMutation>(graphql`
    mutation RecordPaymentPageMutation($input: RecordContributionPaymentInput!) {
      recordContributionPayment(input: $input) {
        member { id status monthsInArrears arrears { amount currency } }
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (n: string) => String(form.get(n) ?? '').trim();
    const amount = text('amount').replace(/^[£€$]/, '').replace(/,/g, '');
    const paidOn = text('paidOn');
    if (!/^\d+(\.\d{1,2})?$/.test(amount) || Number(amount) <= 0) {
      saving.done([{ code: 'VALIDATION', message: 'Give the amount paid, e.g. 12.50.', field: ['amount'] }], '');
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn)) {
      saving.done([{ code: 'VALIDATION', message: 'Give the day it was paid.', field: ['paidOn'] }], '');
      return;
    }
    saving.starting();
    const reference = text('reference');
    commit({
      variables: { input: { memberId, amount: { amount, currency }, paidOn, reference: reference || null } },
      onCompleted: (response) => {
        const payload = response.recordContributionPayment;
        const after = payload.member;
        const paid = `${formatMoney({ amount, currency })} paid on ${formatDate(paidOn)}`;
        saving.done(payload.errors, `Recorded ${paid} by ${name}${reference ? ` (reference ${reference})` : ''}. Arrears now: ${arrearsWords(after?.monthsInArrears, after?.arrears).toLowerCase()}.`);
        if (payload.errors.length === 0) { formElement.reset(); }
      },
      onError: saving.failed,
    });
  };
  return (
    <form className="form" noValidate onSubmit={submit} aria-describedby="payment-status">
      <h3>The payment</h3>
      <div className="row row--2">
        <div className="field" data-invalid={saving.errors.amount ? 'true' : undefined}>
          <label htmlFor="amount">Amount paid</label>
          <span className="hint" id="amount-hint">In {currency}, the currency of their pledge.</span>
          <input id="amount" name="amount" type="text" inputMode="decimal" autoComplete="off" required {...describedBy('amount', saving.errors, 'amount-hint')} />
          <FieldError name="amount" errors={saving.errors} />
        </div>
        <div className="field" data-invalid={saving.errors.paidOn ? 'true' : undefined}>
          <label htmlFor="paidOn">Day paid</label>
          <span className="hint" id="paidOn-hint">As the statement shows it; not in the future.</span>
          <input id="paidOn" name="paidOn" type="date" defaultValue={todayIso()} max={todayIso()} required {...describedBy('paidOn', saving.errors, 'paidOn-hint')} />
          <FieldError name="paidOn" errors={saving.errors} />
        </div>
      </div>
      <div className="field" data-invalid={saving.errors.reference ? 'true' : undefined}>
        <label htmlFor="reference">Reference (optional)</label>
        <span className="hint" id="reference-hint">The bank’s or the receipt’s reference. The same payment (day, amount and reference) is never recorded twice.</span>
        <input id="reference" name="reference" type="text" maxLength={200} autoComplete="off" {...describedBy('reference', saving.errors, 'reference-hint')} />
        <FieldError name="reference" errors={saving.errors} />
      </div>
      <button type="submit" className="button" data-mutation="recordContributionPayment" disabled={inFlight}>{inFlight ? 'Recording…' : 'Record payment'}</button>
      <Outcome id="payment-status" alert={saving.alert} done={saving.saved} />
    </form>
  );
}
