import { type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation, usePaginationFragment } from 'react-relay/hooks';
import type { ContributionsPageQuery } from '../../__generated__/ContributionsPageQuery.graphql';
import type { ContributionsPageMutation, ContributionFrequency } from '../../__generated__/ContributionsPageMutation.graphql';
import type { ContributionsPage_payments$key } from '../../__generated__/ContributionsPage_payments.graphql';
import type { ContributionsPagePaymentsQuery } from '../../__generated__/ContributionsPagePaymentsQuery.graphql';
import { formatDate } from '../../ui/dates';
import { ContributionFields, contributionFieldAlias } from '../join/ContributionFields';
import { formatMoney, frequencyWords } from './format';
import { SignInAgain } from './MemberSpace';
import { SaveStatus } from './SaveStatus';
import { useSaving } from './saving';
import { ShowMore } from '../../ui/ShowMore';

const pageSize = 10;
const fieldNames = ['amount', 'currency', 'contributionFrequency'] as const;

/** Months in arrears, said plainly. */
function arrearsInWords(months: number, owed: string | null): string {
  if (months <= 0) return 'You are up to date with your contributions. Thank you.';
  const behind = `You are ${months} ${months === 1 ? 'month' : 'months'} behind with your contributions${owed ? ` (${owed} owed)` : ''}.`;
  return months >= 3
    ? `${behind} Membership lapses at three months behind: please pay what you owe, or change your pledge to what you can afford.`
    : `${behind} At three months behind your membership lapses: please catch up, or change your pledge to what you can afford.`;
}

/** /me/contributions: the pledge and a form to change it, arrears in words, and the payments recorded, newest first. */
export function ContributionsPage() {
  const { me } = useLazyLoadQuery<ContributionsPageQuery>(
    graphql`
      query ContributionsPageQuery {
        me {
          id status
          contribution { amount currency }
          contributionFrequency
          monthsInArrears
          arrears { amount currency }
          ...ContributionsPage_payments
        }
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  if (!me) return <SignInAgain />;
  const pledge = me.contribution && me.contributionFrequency
    ? `${formatMoney(me.contribution)} ${frequencyWords[me.contributionFrequency] ?? ''}`
    : 'No pledge recorded';
  return (
    <>
      <title>Your contributions · Workers Power</title>
      <h1>Your contributions</h1>
      <div className="grid grid--2">
        <section aria-labelledby="pledge-title">
          <h2 id="pledge-title">Your pledge</h2>
          <dl className="facts">
            <dt>You give</dt>
            <dd>{pledge}</dd>
          </dl>
          {me.monthsInArrears !== null && me.monthsInArrears !== undefined ? (
            <p className={me.monthsInArrears > 0 ? 'warning' : undefined}>
              {arrearsInWords(me.monthsInArrears, me.arrears && Number(me.arrears.amount) > 0 ? formatMoney(me.arrears) : null)}
            </p>
          ) : null}
          {me.status === 'RESIGNED' ? <p className="muted">You have resigned, so your pledge cannot change.</p> : (
            <PledgeForm amount={me.contribution?.amount ?? ''} currency={me.contribution?.currency ?? 'GBP'} frequency={me.contributionFrequency ?? 'MONTHLY'} />
          )}
        </section>
        <section aria-labelledby="payments-title">
          <h2 id="payments-title">Payments</h2>
          <Payments member={me} />
        </section>
      </div>
    </>
  );
}

function PledgeForm({ amount, currency, frequency }: { amount: string; currency: string; frequency: string }) {
  const saving = useSaving(fieldNames, contributionFieldAlias);
  const [commit, inFlight] = useMutation<ContributionsPageMutation>(graphql`
    mutation ContributionsPageMutation($input: PledgeContributionInput!) {
      pledgeContribution(input: $input) {
        member { id contribution { amount currency } contributionFrequency monthsInArrears arrears { amount currency } }
        errors { code message field }
      }
    }
  `);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    saving.starting();
    commit({
      variables: {
        input: {
          contribution: { amount: text('amount') || '0', currency: text('currency') || 'GBP' },
          contributionFrequency: (text('contributionFrequency') || 'MONTHLY') as ContributionFrequency,
        },
      },
      onCompleted: (response) => saving.done(response.pledgeContribution.errors, 'Your new pledge is saved. It counts from this month.'),
      onError: saving.failed,
    });
  };
  return (
    <form className="form" noValidate onSubmit={submit} aria-describedby="pledge-status">
      <h3>Change your pledge</h3>
      <p className="hint muted">Give what you can afford. A new pledge counts from this month.</p>
      <ContributionFields errors={saving.errors} amount={amount} currency={currency} frequency={frequency} />
      <button type="submit" className="button" disabled={inFlight}>{inFlight ? 'Saving…' : 'Save pledge'}</button>
      <SaveStatus id="pledge-status" alert={saving.alert} saved={saving.saved} />
    </form>
  );
}

/** The payments recorded for the member, newest first, a page at a time. */
function Payments({ member }: { member: ContributionsPage_payments$key }) {
  const { data, hasNext, loadNext, isLoadingNext } = usePaginationFragment<ContributionsPagePaymentsQuery, ContributionsPage_payments$key>(
    graphql`
      fragment ContributionsPage_payments on Member
        @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" })
        @refetchable(queryName: "ContributionsPagePaymentsQuery") {
        contributionPayments(first: $count, after: $cursor) @connection(key: "ContributionsPage_contributionPayments") {
          totalCount
          edges { node { paidOn amount { amount currency } reference } }
        }
      }
    `,
    member,
  );
  const payments = data.contributionPayments?.edges.map((e) => e.node) ?? [];
  if (payments.length === 0) return <p className="muted">No payments recorded yet. Payments appear here once the treasurer records them.</p>;
  return (
    <>
      <table className="payments">
        <caption className="muted">{data.contributionPayments?.totalCount} {data.contributionPayments?.totalCount === 1 ? 'payment' : 'payments'}, the latest recorded first</caption>
        <thead><tr><th scope="col">Paid on</th><th scope="col" className="amount">Amount</th><th scope="col">Reference</th></tr></thead>
        <tbody>
          {payments.map((p, i) => (
            <tr key={`${String(p.paidOn)}-${i}`}>
              <td><time dateTime={String(p.paidOn)}>{formatDate(String(p.paidOn))}</time></td>
              <td className="amount">{formatMoney(p.amount)}</td>
              <td>{p.reference ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={pageSize} />
    </>
  );
}
