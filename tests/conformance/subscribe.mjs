// A real graphql-ws client: subscribes to one operation and prints every result as one JSON line.
// usage: node subscribe.mjs ws://host:port/graphql <token|-> '<query>' '<variables json>' <count>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, query, variables, count] = process.argv.slice(2);
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: token && token !== '-' ? { Authorization: `Bearer ${token}` } : undefined,
  retryAttempts: 0,
});
let seen = 0;
const done = new Promise((resolve, reject) => {
  client.subscribe({ query, variables: JSON.parse(variables || '{}') }, {
    next: (value) => {
      console.log(JSON.stringify(value));
      if (++seen >= Number(count)) resolve();
    },
    error: (e) => reject(e),
    complete: () => resolve(),
  });
});
try {
  await done;
  await client.dispose();
  process.exit(0);
} catch (e) {
  console.error('ERROR', e?.message ?? JSON.stringify(e));
  process.exit(1);
}
