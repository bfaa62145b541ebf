// Runs relay-compiler against ../../schema.graphql (an operation the schema no longer accepts fails the build),
// starting afresh (no artifacts, an empty persisted.json) so that persisted.json holds exactly the client's
// current operations: relay-compiler persists only the documents whose artifacts it writes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url);
rmSync(new URL('src/__generated__', root), { recursive: true, force: true });
mkdirSync(new URL('src/__generated__', root), { recursive: true });
writeFileSync(new URL('persisted.json', root), '{}\n');
const cli = createRequire(import.meta.url).resolve('relay-compiler/cli.js');
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
