// Runs relay-compiler against ../../schema.graphql (an operation the schema no longer accepts fails the build),
// starting afresh (no artifacts, an empty persisted.json) so that persisted.json holds exactly the client's
// current operations: relay-compiler persists only the documents whose artifacts it writes.
// On failure, each error is repeated as "file(line,col): error RELAY: message", which MSBuild shows even
// with -clp:ErrorsOnly (build/test.sh), so a schema change that breaks the client says where.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = new URL('..', import.meta.url);
rmSync(new URL('src/__generated__', root), { recursive: true, force: true });
mkdirSync(new URL('src/__generated__', root), { recursive: true });
writeFileSync(new URL('persisted.json', root), '{}\n');
const cli = createRequire(import.meta.url).resolve('relay-compiler/cli.js');
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { cwd: root, encoding: 'utf8' });
const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
process.stdout.write(output);
if (run.status !== 0) {
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const repoRoot = resolve(fileURLToPath(root), '../..');
  let reported = 0;
  lines.forEach((line, i) => {
    const error = /\[ERROR\] Error: (?:\S+\s+)?(.*)$/.exec(line);
    if (!error) return;
    const where = lines.slice(i + 1, i + 6).map((l) => /^\s+(\S+):(\d+):(\d+)\s*$/.exec(l)).find(Boolean);
    const file = where ? `${resolve(repoRoot, where[1])}(${where[2]},${where[3]})` : 'relay-compiler';
    console.log(`${file}: error RELAY: ${error[1]}`);
    reported++;
  });
  if (reported === 0) console.log(`relay-compiler : error RELAY: the web client's GraphQL operations do not compile against schema.graphql (see above).`);
}
process.exit(run.status ?? 1);
