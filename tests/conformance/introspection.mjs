// Sends graphql-js's own introspection query to the host, as GraphiQL, graphql-codegen, Relay's and Apollo's
// tooling do, builds a client schema from each answer and compares it with the committed schema.graphql.
//   every option on: the printed schemas (both sorted) must be equal;
//   no option (getIntrospectionQuery()): no breaking or dangerous change either way (it asks for no schema description).
// The query with every option is sent twice: the second time the host finds the document already validated.
// Prints one line per check (OK ... / FAIL ...) and exits 1 on any failure.
// usage: node introspection.mjs http://host:port/graphql path/to/schema.graphql
import { readFileSync } from 'node:fs';
import {
  buildClientSchema, buildSchema, findBreakingChanges, findDangerousChanges, getIntrospectionQuery,
  lexicographicSortSchema, printSchema, specifiedDirectives,
} from 'graphql';

const [url, schemaPath] = process.argv.slice(2);
if (!url || !schemaPath) {
  console.error('usage: node introspection.mjs http://host:port/graphql path/to/schema.graphql');
  process.exit(2);
}
const sdl = readFileSync(schemaPath, 'utf8');
const committed = buildSchema(sdl);
let failures = 0;
const fail = (what) => { failures++; console.log(`FAIL ${what}`); };

async function introspect(options) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: getIntrospectionQuery(options), operationName: 'IntrospectionQuery' }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors || !body.data) {
    throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 2000)}`);
  }
  return buildClientSchema(body.data);
}

// buildSchema adds graphql-js's specified directives that schema.graphql does not define (@specifiedBy, @oneOf);
// GraphQL.NET 8 declares neither and the schema uses neither, so their absence from the answer is not a change.
const implicit = specifiedDirectives.map((d) => d.name).filter((name) => !new RegExp(`directive\\s+@${name}\\b`).test(sdl));
function changes(from, to) {
  return [...findBreakingChanges(from, to), ...findDangerousChanges(from, to)]
    .filter((c) => !(c.type === 'DIRECTIVE_REMOVED' && implicit.some((name) => c.description === `${name} was removed.`)))
    .map((c) => `${c.type}: ${c.description}`);
}

const every = { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true };
for (const round of ['first', 'repeated']) {
  try {
    const served = await introspect(every);
    const printedServed = printSchema(lexicographicSortSchema(served));
    const printedCommitted = printSchema(lexicographicSortSchema(committed));
    if (printedServed === printedCommitted) console.log(`OK every option (${round}): the printed schema equals schema.graphql`);
    else {
      const a = printedServed.split('\n'), b = printedCommitted.split('\n');
      const at = a.findIndex((line, i) => line !== b[i]);
      fail(`every option (${round}): the printed schemas differ from line ${at + 1}:\n  served:    ${a.slice(at, at + 4).join('\n             ')}\n  committed: ${b.slice(at, at + 4).join('\n             ')}`);
    }
    const description = served.description;
    if (description !== committed.description) fail(`every option (${round}): schema description ${JSON.stringify(description)}`);
    const repeatable = served.getDirectives().filter((d) => d.isRepeatable).map((d) => d.name);
    console.log(`INFO directives ${served.getDirectives().map((d) => '@' + d.name).join(' ')}; repeatable: ${repeatable.join(' ') || 'none'}`);
  } catch (e) {
    fail(`every option (${round}): ${e.message}`);
  }
}

try {
  const served = await introspect();
  const differences = [...changes(committed, served), ...changes(served, committed)];
  if (differences.length === 0) console.log('OK no option: no breaking or dangerous change either way');
  else fail(`no option: ${differences.join('; ')}`);
} catch (e) {
  fail(`no option: ${e.message}`);
}

console.log(failures ? `${failures} FAILED` : 'ALL OK');
process.exit(failures ? 1 : 0);
