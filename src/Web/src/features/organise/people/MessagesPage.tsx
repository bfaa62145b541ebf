import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fetchQuery, graphql, useLazyLoadQuery, usePaginationFragment, useRelayEnvironment } from 'react-relay/hooks';
import { ConnectionHandler } from 'relay-runtime';
import type { MessagesPageQuery } from '../../../__generated__/MessagesPageQuery.graphql';
import type { MessagesPageCountQuery, MessageSegmentInput, MembershipStatus } from '../../../__generated__/MessagesPageCountQuery.graphql';
import type { MessagesPageSendMutation } from '../../../__generated__/MessagesPageSendMutation.graphql';
import type { MessagesPage_sent$key } from '../../../__generated__/MessagesPage_sent.graphql';
import type { MessagesPageSentQuery } from '../../../__generated__/MessagesPageSentQuery.graphql';
import { useHasRole } from '../../../ui/console/AreaFrame';
import { useOrganisedBranches } from './OrganisedBranches';
import { describedBy, FieldError, type FieldErrors } from '../../../ui/Field';
import { ShowMore } from '../../../ui/ShowMore';
import { requestFailed, splitUserErrors } from '../../../ui/userErrors';
import { formatMoment } from '../../member/format';
import { interestChoices } from '../../join/interests';
import { when } from '../campaigns/format';
import { standingWords, useCommit } from './common';
import './people.css';

const pageSize = 10;
// the segment's errors have no one field to sit beside: they go to the form's alert
const fields = ['subject', 'body'] as const;

/** /organise/messages: write by email to a segment of the branch, see how many it reaches, send; what was sent before. */
export function MessagesPage() {
  const data = useLazyLoadQuery<MessagesPageQuery>(
    graphql`
      query MessagesPageQuery {
        campaigns(first: 20) {
          edges { node { id title viewerOrganises actions(first: 20) { edges { node { id title startsAt endsAt status } } } } }
        }
        ...MessagesPage_sent
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  const organised = useOrganisedBranches();
  const admin = organised.every;
  // Organisers write to the branches they organise; admins and organisation-wide organisers to any.
  const branches = organised.branches;
  // Those who run a campaign (its organisers, admins) also write to the people taking part in it, or in one of its actions.
  const campaigns = data.campaigns.edges.map((e) => e.node).filter((c) => c.viewerOrganises).map((c) => ({
    id: c.id, title: c.title, actions: c.actions.edges.map((a) => a.node).filter((a) => a.status !== 'CANCELLED'),
  }));
  return (
    <>
      <title>Messages · Organise · Workers Power</title>
      <h1>Messages</h1>
      <p>Write by email to members. Only those who accept email receive it, each with a link to stop such mail. You may send up to five messages a day.</p>
      {branches.length === 0 && campaigns.length === 0
        ? <p className="alert" role="alert">You organise no branch and run no campaign, so there is no one here you can write to. Ask an admin.</p>
        : <Compose branches={branches} campaigns={campaigns} admin={admin} />}
      <section aria-labelledby="sent-title" className="form-section">
        <h2 id="sent-title">Sent</h2>
        <Sent query={data} />
      </section>
    </>
  );
}

type Branch = { readonly id: string; readonly name: string };
type Action = { readonly id: string; readonly title: string; readonly startsAt: string; readonly endsAt: string };
type Organised = { readonly id: string; readonly title: string; readonly actions: ReadonlyArray<Action> };
type Kind = 'branch' | 'campaign' | 'action';

function segmentOf(form: HTMLFormElement): MessageSegmentInput {
  const values = new FormData(form);
  const text = (name: string) => String(values.get(name) ?? '').trim();
  const kind = (text('segment-kind') || 'branch') as Kind;
  if (kind === 'campaign') return { campaignId: text('segment-campaign') };
  if (kind === 'action') return { actionId: text('segment-action') };
  const arrears = text('segment-arrears');
  return {
    branchId: text('segment-branch'),
    standing: (text('segment-standing') || null) as MembershipStatus | null,
    interest: text('segment-interest') || null,
    inArrears: arrears === 'yes' ? true : arrears === 'no' ? false : null,
  };
}

function Compose({ branches, campaigns, admin }: { branches: ReadonlyArray<Branch>; campaigns: ReadonlyArray<Organised>; admin: boolean }) {
  const organiser = useHasRole('ORGANISER');
  const [kind, setKind] = useState<Kind>(branches.length > 0 ? 'branch' : 'campaign');
  const kinds = ([
    ['branch', 'Members of a branch', branches.length > 0],
    ['campaign', 'Everyone taking part in a campaign', campaigns.length > 0],
    ['action', 'The people signed up for one action', campaigns.some((c) => c.actions.length > 0)],
  ] as const).filter(([, , offered]) => offered);
  const environment = useRelayEnvironment();
  const [preview, setPreview] = useState<{ key: string; count: number } | null>(null);
  const [counting, setCounting] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string[]>([]);
  const [sent, setSent] = useState<string | null>(null);
  // the send button is gone once sent: what happened takes the focus
  const said = useRef<HTMLParagraphElement>(null);
  useEffect(() => { if (sent) said.current?.focus(); }, [sent]);
  const [send, inFlight] = useCommit<MessagesPageSendMutation>(graphql`
    mutation MessagesPageSendMutation($input: SendMessageToMembersInput!, $connections: [ID!]!) {
      sendMessageToMembers(input: $input) {
        message @prependNode(connections: $connections, edgeTypeName: "OrganiserMessageEdge") {
          id subject body segment recipientCount sentAt
        }
        errors { code message field }
      }
    }
  `);
  const count = async (form: HTMLFormElement) => {
    const segment = segmentOf(form);
    setCounting(true);
    setAlert([]);
    setSent(null);
    try {
      const result = await fetchQuery<MessagesPageCountQuery>(environment, graphql`
        query MessagesPageCountQuery($segment: MessageSegmentInput!) { messageRecipientCount(segment: $segment) }
      `, { segment }, { fetchPolicy: 'network-only' }).toPromise();
      setPreview(result ? { key: JSON.stringify(segment), count: result.messageRecipientCount } : null);
    } catch (error) {
      setPreview(null);
      setAlert([requestFailed(error)]);
    } finally {
      setCounting(false);
    }
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const segment = segmentOf(form);
    // Sending asks first how many it reaches; changing whom it goes to asks again.
    if (!preview || preview.key !== JSON.stringify(segment)) { await count(form); return; }
    const values = new FormData(form);
    const subject = String(values.get('subject') ?? '').trim();
    const body = String(values.get('body') ?? '');
    const missing: FieldErrors = {};
    if (!subject) missing.subject = 'Write a subject.';
    if (!body.trim()) missing.body = 'Write the message.';
    if (Object.keys(missing).length > 0) { setErrors(missing); document.getElementById(missing.subject ? 'subject' : 'body')?.focus(); return; }
    setErrors({});
    setAlert([]);
    try {
      const payload = (await send({ input: { segment, subject, body }, connections: [sentConnection] })).sendMessageToMembers;
      if (payload.errors.length === 0 && payload.message) {
        setSent(`Sent to ${payload.message.recipientCount} ${payload.message.recipientCount === 1 ? 'member' : 'members'}: ${payload.message.segment}. The mails go out over the next few minutes.`);
        setPreview(null);
        form.reset();
        setKind(branches.length > 0 ? 'branch' : 'campaign');
        return;
      }
      const split = splitUserErrors(payload.errors, fields);
      setErrors(split.fields);
      setAlert(split.page);
    } catch (error) {
      setAlert([requestFailed(error)]);
    }
  };
  const previewed = preview !== null;
  return (
    <section aria-labelledby="compose-title" className="form-section">
      <h2 id="compose-title">New message</h2>
      <form className="form" noValidate onSubmit={submit} onChange={(e) => { if ((e.target as HTMLElement).id.startsWith('segment-')) setPreview(null); }}>
        <fieldset className="field segment">
          <legend>Whom it goes to</legend>
          {kinds.length > 1 ? (
            <div className="segment-kinds">
              {kinds.map(([value, label]) => (
                <label key={value} className="check" htmlFor={`segment-kind-${value}`}>
                  <input type="radio" id={`segment-kind-${value}`} name="segment-kind" value={value} checked={kind === value}
                    onChange={() => setKind(value)} />
                  {label}
                </label>
              ))}
            </div>
          ) : <input type="hidden" name="segment-kind" value={kind} />}
          {kind === 'campaign' ? (
            <div className="field">
              <label htmlFor="segment-campaign">Campaign</label>
              <span className="hint" id="segment-campaign-hint">Everyone signed up for any of its actions. Campaigns you run.</span>
              <select id="segment-campaign" name="segment-campaign" defaultValue={campaigns[0]?.id} aria-describedby="segment-campaign-hint">
                {campaigns.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
              </select>
            </div>
          ) : kind === 'action' ? (
            <div className="field">
              <label htmlFor="segment-action">Action</label>
              <span className="hint" id="segment-action-hint">Those signed up for it and those checked in; not those who withdrew.</span>
              <select id="segment-action" name="segment-action" aria-describedby="segment-action-hint">
                {campaigns.filter((c) => c.actions.length > 0).map((c) => (
                  <optgroup key={c.id} label={c.title}>
                    {c.actions.map((a) => <option key={a.id} value={a.id}>{a.title} ({when(a.startsAt, a.endsAt)})</option>)}
                  </optgroup>
                ))}
              </select>
            </div>
          ) : (
          <div className="row row--2">
            <div className="field">
              <label htmlFor="segment-branch">Members of</label>
              {admin ? null : <span className="hint" id="segment-branch-hint">{branches.length > 1 ? 'A branch you organise.' : 'The branch you organise.'}</span>}
              <select id="segment-branch" name="segment-branch" defaultValue={branches[0]?.id} aria-describedby={admin ? undefined : 'segment-branch-hint'}>
                {branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="segment-standing">Standing</label>
              <select id="segment-standing" name="segment-standing" defaultValue="">
                <option value="">Any standing</option>
                {(['ACTIVE', 'LAPSED', 'SUSPENDED'] as const).map((s) => <option key={s} value={s}>{standingWords[s]}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="segment-interest">Interest</label>
              <select id="segment-interest" name="segment-interest" defaultValue="">
                <option value="">Any interest</option>
                {interestChoices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="segment-arrears">Contributions</label>
              <select id="segment-arrears" name="segment-arrears" defaultValue="">
                <option value="">Paid up or not</option>
                <option value="yes">In arrears (a month or more)</option>
                <option value="no">Paid up</option>
              </select>
            </div>
          </div>
          )}
        </fieldset>
        <div className="field" data-invalid={errors.subject ? 'true' : undefined}>
          <label htmlFor="subject">Subject</label>
          <input id="subject" name="subject" type="text" maxLength={200} required {...describedBy('subject', errors)} />
          <FieldError name="subject" errors={errors} />
        </div>
        <div className="field" data-invalid={errors.body ? 'true' : undefined}>
          <label htmlFor="body">Message</label>
          <span className="hint" id="body-hint">Plain text; line breaks are kept. {organiser ? 'It is signed with your branch\'s name.' : 'It is signed “organisers”.'}</span>
          <textarea id="body" name="body" maxLength={20000} required className="message-body" {...describedBy('body', errors, 'body-hint')} />
          <FieldError name="body" errors={errors} />
        </div>
        <p className="preview-count" role="status">
          {counting ? 'Counting…' : !preview ? '' : preview.count === 0
            ? 'Nobody in this segment accepts email, so there is no one to send it to.'
            : `This message will reach ${preview.count} ${preview.count === 1 ? 'member' : 'members'} who accept email.`}
        </p>
        {alert.length > 0 ? <div className="alert" role="alert">{alert.map((m) => <p key={m}>{m}</p>)}</div> : null}
        <div className="button-row">
          <button type="button" className="button button--light" disabled={counting} onClick={(e) => { void count(e.currentTarget.form!); }}>How many will it reach?</button>
          {previewed && preview.count > 0 ? (
            <button type="submit" className="button" data-mutation="sendMessageToMembers" disabled={inFlight}>
              {inFlight ? 'Sending…' : `Send to ${preview.count} ${preview.count === 1 ? 'member' : 'members'}`}
            </button>
          ) : null}
        </div>
        <p className="saved" role="status" tabIndex={-1} ref={said} hidden={!sent}>{sent}</p>
      </form>
    </section>
  );
}

/** The list of sent messages in Relay's store, where a message just sent goes first. */
const sentConnection = ConnectionHandler.getConnectionID('client:root', 'MessagesPage_organiserMessages');

function Sent({ query }: { query: MessagesPage_sent$key }) {
  const { data, hasNext, loadNext, isLoadingNext } = usePaginationFragment<MessagesPageSentQuery, MessagesPage_sent$key>(
    graphql`
      fragment MessagesPage_sent on Query
        @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" })
        @refetchable(queryName: "MessagesPageSentQuery") {
        organiserMessages(first: $count, after: $cursor) @connection(key: "MessagesPage_organiserMessages") {
          totalCount
          edges { node { id subject body segment recipientCount sentAt } }
        }
      }
    `,
    query,
  );
  const messages = data.organiserMessages.edges.map((e) => e.node);
  if (messages.length === 0) return <p className="muted">Nothing sent yet.</p>;
  return (
    <>
      <ul className="sent-list" aria-label="Messages sent, newest first">
        {messages.map((m) => (
          <li key={m.id}>
            <h3>{m.subject}</h3>
            <p className="meta"><time dateTime={m.sentAt}>{formatMoment(m.sentAt)}</time> · {m.segment} · reached {m.recipientCount} {m.recipientCount === 1 ? 'member' : 'members'}</p>
            <details>
              <summary>Read the message</summary>
              <p className="message-text">{m.body}</p>
            </details>
          </li>
        ))}
      </ul>
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={pageSize} />
    </>
  );
}
