// Runs relay-compiler against ../../schema.graphql (an operation the schema no longer accepts fails the build),
// starting its persisted.json afresh so it holds exactly the client's current operations.
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url);
mkdirSync(new URL('src/__generated__', root), { recursive: true });
writeFileSync(new URL('persisted.json', root), '{}\n');
const cli = createRequire(import.meta.url).resolve('relay-compiler/cli.js');
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
