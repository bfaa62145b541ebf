/** What a dead letter means, in words: the work its message asked for, who does it, and why it failed. */

const work: Record<string, string> = {
  MemberJoined: 'Telling the rest of the platform that a member joined (campaigns and authors keep their name)',
  MemberRenamed: 'Telling the rest of the platform that a member changed their name',
  MemberStandingChanged: 'Telling the rest of the platform that a member’s standing changed',
  MemberTransferredBranch: 'Telling the rest of the platform that a member moved to another branch',
  MemberErased: 'Telling the rest of the platform to forget an erased member',
  MaskErasedMemberEvents: 'Masking an erased member’s data in the stored history',
  ActionNoticeIssued: 'Passing an action’s reminder or cancellation on to the members signed up',
  SendInvitationMail: 'Mailing a new member the invitation to set their password',
  SendPasswordResetMail: 'Mailing a link to set a new password',
  SendApplicationReceivedMail: 'Mailing an applicant that their application arrived',
  SendAlreadyAMemberMail: 'Mailing an applicant that they are a member already',
  SendEmailChangeMails: 'Mailing the confirmation of a new email address',
  SendActionNoticeMail: 'Mailing a member an action’s reminder or cancellation',
  SendArrearsWarningMail: 'Mailing a member a warning about contributions in arrears',
  SendOrganiserMessageMail: 'Mailing an organiser’s message to a member',
};

const failures: Record<string, string> = {
  MailDeliveryException: 'The mail server refused the mail for good',
  TimeoutException: 'It took too long, every time it was tried',
  NpgsqlException: 'The database could not be reached',
  PostgresException: 'The database refused the change',
  InvalidOperationException: 'The work could not be done in the state things were in',
};

const lastPart = (type: string) => type.split(/[.+]/).filter(Boolean).pop() ?? type;
const words = (name: string) => {
  const text = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** The work the message asked for, e.g. "Mailing a new member the invitation to set their password". */
export const workOf = (messageType: string) => work[lastPart(messageType)] ?? words(lastPart(messageType));

/** Why it failed, e.g. "The mail server refused the mail for good". */
export const failureOf = (exceptionType: string) => failures[lastPart(exceptionType)] ?? words(lastPart(exceptionType).replace(/Exception$/, '')) + ' (an error)';

/** Which part of the platform was doing it, from its queue (local://workerspower.campaigns.members.…/). */
export function partOf(queue: string): string {
  const match = /workerspower\.(\w+)\./i.exec(queue);
  const part = match?.[1]?.toLowerCase();
  if (part === 'membership') return 'Membership';
  if (part === 'campaigns') return 'Campaigns';
  if (part === 'content') return 'Content';
  return part ? words(part) : 'The platform';
}
