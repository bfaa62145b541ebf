/** The decisions area's words: bodies, statuses, kinds, dates, and turning a choice into a sentence. */

export const bodyNames: Record<string, string> = {
  BRANCH_MEETING: 'Branch meeting',
  CONFERENCE: 'Conference',
  NATIONAL_COMMITTEE: 'National committee',
  OTHER: 'Meeting',
};

export const motionStatusNames: Record<string, string> = {
  SUBMITTED: 'Waiting for seconders',
  SECONDED: 'Seconded',
  VOTING: 'Being voted on',
  CARRIED: 'Carried',
  FELL: 'Fell',
  WITHDRAWN: 'Withdrawn',
};

export const ballotStatusNames: Record<string, string> = {
  SCHEDULED: 'Not open yet',
  OPEN: 'Voting open',
  CLOSED: 'Closed',
};

export const kindNames: Record<string, string> = {
  MOTION: 'For or against a motion',
  CHOICE: 'A choice of one',
  STV: 'An election (single transferable vote)',
};

export const optionNames: Record<string, string> = { YES: 'For', NO: 'Against', ABSTAIN: 'Abstain' };

/** An option as people read it (MOTION's YES/NO/ABSTAIN as For/Against/Abstain; others as written). */
export const optionLabel = (kind: string, option: string) => (kind === 'MOTION' ? optionNames[option] ?? option : option);

const when = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
/** A moment as people say it: "Sat 5 Dec 2026, 18:30". */
export const formatWhen = (iso: string) => when.format(new Date(iso)).replace(/^(\w+),/, '$1');

/** The words for a list: "Ada, Ben and Cleo". */
export const listWords = (items: ReadonlyArray<string>) => new Intl.ListFormat('en-GB').format(items);

/** What a ballot recorded, in words: "For", "Ada Lovelace", or a ranking "1. Ada, 2. Ben". */
export function choiceWords(kind: string, choice: ReadonlyArray<string>): string {
  if (choice.length === 0) return 'No preference (a blank ballot)';
  if (kind === 'STV') return choice.map((c, i) => `${i + 1}. ${c}`).join(', ');
  return choice.map((c) => optionLabel(kind, c)).join(', ');
}

/** A share as a percentage: 0.25 → "25%". */
export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** How many votes the quorum needs (at least one), out of an electorate. */
export const quorumVotes = (quorum: number, electorate: number) => Math.max(quorum > 0 ? 1 : 0, Math.ceil(quorum * electorate - 1e-9));

/** A datetime-local field's value as an ISO instant (this browser's time zone), or null when empty or not a date. */
export function isoOf(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A receipt as typed, for comparing: no spaces or dashes, one case. */
export const receiptKey = (receipt: string) => receipt.replace(/[\s-]+/g, '').toUpperCase();
