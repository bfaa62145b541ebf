import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import 'graphiql/graphiql.css';

// Queries and mutations over HTTP; subscriptions over WebSocket (graphql-transport-ws). The token set in
// the headers panel as {"Authorization": "Bearer ..."} goes with both.
const url = new URL('/graphql', window.location.href);
const wsUrl = url.href.replace(/^http/, 'ws');
const params = new URLSearchParams(window.location.search);

function fetcherFor(headers) {
  return createGraphiQLFetcher({
    url: url.href,
    wsClient: createClient({ url: wsUrl, connectionParams: () => headers() }),
  });
}

let currentHeaders = {};
const fetcher = fetcherFor(() => currentHeaders);

function Explorer() {
  return (
    <GraphiQL
      fetcher={(request, options) => {
        currentHeaders = options?.headers ?? {};
        return fetcher(request, options);
      }}
      defaultQuery={params.get('query') ?? '# Workers Power GraphQL API\n# Put {"Authorization": "Bearer <token>"} in the headers panel to act as a signed-in user.\n{ branches { name region } campaigns(first: 5) { nodes { title } } }\n'}
      defaultHeaders={params.get('headers') ?? undefined}
      headerEditorEnabled
      shouldPersistHeaders={false}
    />
  );
}

createRoot(document.getElementById('explorer')).render(<Explorer />);
