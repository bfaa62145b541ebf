import type { FieldErrors } from './Field';

type UserError = { readonly code: string; readonly message: string; readonly field?: ReadonlyArray<string | null | undefined> | null | undefined };

/**
 * The one place that turns the API's UserError list into messages: those with a field go next to that field
 * (the last part of the path, e.g. ["input", "contribution", "amount"] → "contribution.amount" or "amount"),
 * the others into the page's alert.
 */
export function splitUserErrors(errors: ReadonlyArray<UserError>, known: ReadonlyArray<string>): { fields: FieldErrors; page: string[] } {
  const fields: FieldErrors = {};
  const page: string[] = [];
  for (const error of errors) {
    const path = (error.field ?? []).filter((p): p is string => typeof p === 'string' && p !== 'input');
    const candidates = [path.join('.'), path[0] ?? '', path[path.length - 1] ?? ''];
    const name = candidates.find((c) => c && known.includes(c));
    if (name && !fields[name]) fields[name] = error.message;
    else if (!name) page.push(error.message);
  }
  return { fields, page };
}

/** Words a person understands for a failed request. */
export function requestFailed(error: unknown): string {
  const text = error instanceof Error ? error.message : '';
  if (/RATE_LIMITED|THROTTLED|too many/i.test(text)) return 'Too many attempts from here just now. Please wait a minute and try again.';
  return 'Something went wrong on our side. Please try again in a moment.';
}
