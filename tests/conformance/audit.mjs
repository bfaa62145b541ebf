// Runs every graphql-http server audit against the URL given; exits 1 when a MUST fails.
// Prints one line per audit that is not ok, then a summary line.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://host:port/graphql');
  process.exit(2);
}
let ok = 0, mustFailures = 0, others = 0;
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  if (result.status === 'ok') { ok++; continue; }
  if (audit.name.startsWith('MUST')) mustFailures++; else others++;
  console.log(`${result.status.toUpperCase()} ${audit.name} - ${result.reason}`);
}
console.log(`SUMMARY ${ok} ok, ${mustFailures} MUST failures, ${others} SHOULD/MAY notices`);
process.exit(mustFailures ? 1 : 0);
