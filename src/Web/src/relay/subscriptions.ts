import { Observable, type GraphQLResponse, type RequestParameters, type Variables } from 'relay-runtime';
import type { Client, SubscribePayload } from 'graphql-ws';
import { getToken, subscribeToken } from './token';

/**
 * Relay's subscribe function: subscriptions go over one WebSocket to /graphql (graphql-transport-ws), each as its
 * persisted document's id ({"documentId": "sha256:<hex>"}, with the empty "query" graphql-ws insists on), never its
 * text, so they run under GraphQL:PersistedDocumentsOnly too. The token goes in connection_init's payload.
 * graphql-ws is loaded only when the first subscription starts (it is not part of the first load).
 */
let client: Promise<Client> | null = null;
/** A token the server refused on the socket (4403): the socket goes on anonymously; HTTP asks for a new sign-in. */
let refused: string | null = null;

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

function connect(): Promise<Client> {
  client ??= import('graphql-ws').then(({ createClient }) => {
    let sent: string | null = null;
    const made = createClient({
      url: socketUrl(),
      connectionParams: () => {
        const token = getToken();
        sent = token !== null && token !== refused ? token : null;
        return sent ? { authorization: `Bearer ${sent}` } : {};
      },
      // keep trying (a restarted host, a lost network): live figures come back by themselves
      retryAttempts: 20,
      shouldRetry: () => true,
      on: {
        closed: (event) => {
          if ((event as { code?: number } | null)?.code === 4403 && sent !== null) refused = sent;
        },
      },
    });
    // signing in or out: reconnect so the socket speaks for whoever is signed in now (subscriptions carry on)
    subscribeToken(() => { if (getToken() !== sent) made.terminate(); });
    return made;
  });
  client.catch(() => { client = null; });
  return client;
}

/** Words for what graphql-ws reports: an Error, a CloseEvent, or the operation's GraphQL errors. */
function asError(reason: unknown): Error {
  if (reason instanceof Error) return reason;
  if (Array.isArray(reason)) return new Error(reason.map((e) => String((e as { message?: unknown }).message ?? e)).join('; '));
  const close = reason as { code?: unknown; reason?: unknown } | null;
  return new Error(close && typeof close.code === 'number' ? `The live connection closed (${close.code} ${String(close.reason ?? '')})` : 'The live connection failed.');
}

export function subscribe(operation: RequestParameters, variables: Variables): Observable<GraphQLResponse> {
  return Observable.create<GraphQLResponse>((sink) => {
    if (!operation.id) {
      sink.error(new Error(`The operation ${operation.name} has no persisted id: run relay-compiler.`));
      return undefined;
    }
    const payload = { query: '', documentId: `sha256:${operation.id}`, operationName: operation.name, variables } as SubscribePayload;
    let stop: (() => void) | null = null;
    let ended = false;
    connect().then(
      (c) => {
        if (ended) return;
        stop = c.subscribe<GraphQLResponse>(payload, {
          next: (value) => sink.next(value as GraphQLResponse),
          error: (reason) => sink.error(asError(reason)),
          complete: () => sink.complete(),
        });
      },
      (reason) => sink.error(asError(reason)),
    );
    return () => { ended = true; stop?.(); };
  });
}
