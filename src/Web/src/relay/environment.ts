import { Environment, Network, RecordSource, Store, type FetchFunction, type GraphQLResponse } from 'relay-runtime';
import { getToken, setToken } from './token';
import { subscribe } from './subscriptions';

/** The operations that never send the token: signing in, and the pages behind mails' links (the link is their authority). */
const anonymous = new Set(['SignInPageMutation', 'ActivatePageMutation', 'ResetPasswordPageMutation', 'ForgotPasswordPageMutation',
  'ConfirmEmailPageMutation', 'UnsubscribePageMutation']);

/**
 * Every operation goes to POST /graphql as a persisted document: {"documentId": "sha256:<hex>"}, never its text.
 * The host registers relay-compiler's persisted.json at build time, so this works with GraphQL:PersistedDocumentsOnly.
 */
const fetchGraphQL: FetchFunction = async (operation, variables) => {
  if (!operation.id) throw new Error(`The operation ${operation.name} has no persisted id: run relay-compiler.`);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json',
  };
  // Signing in, and the pages behind mails' links, need no token (a stale one would only be refused).
  const token = anonymous.has(operation.name) ? null : getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ documentId: `sha256:${operation.id}`, operationName: operation.name, variables }),
  });
  const body = (await response.json().catch(() => null)) as GraphQLResponse | null;
  const codes = body !== null && 'errors' in body && Array.isArray(body.errors)
    ? body.errors.map((e) => String((e as { extensions?: { code?: unknown } }).extensions?.code ?? ''))
    : [];
  if (token && (response.status === 401 || codes.includes('UNAUTHENTICATED'))) {
    // The token expired, was revoked (signed out elsewhere) or is not one: forget it and ask for a new sign-in.
    setToken(null);
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
    throw new Error('UNAUTHENTICATED');
  }
  if (body === null) throw new Error('The server did not answer. Please try again in a moment.');
  if (codes.includes('THROTTLED') || codes.includes('RATE_LIMITED')) throw new Error('THROTTLED');
  return body;
};

export function createEnvironment(): Environment {
  return new Environment({ network: Network.create(fetchGraphQL, subscribe), store: new Store(new RecordSource()) });
}
