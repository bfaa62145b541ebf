// Prints the first-load JavaScript of the built client, gzipped: the scripts index.html loads.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const out = new URL('../../Host/wwwroot/app/', import.meta.url).pathname;
const html = readFileSync(join(out, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const s of scripts) total += gzipSync(readFileSync(join(out, s)), { level: 9 }).length;
console.log(`Web client: first-load JavaScript ${(total / 1000).toFixed(1)} kB gzipped (${scripts.length} file${scripts.length === 1 ? '' : 's'}; budget 150 kB)`);
if (total > 150_000) { console.error('The web client is over its 150 kB first-load budget.'); process.exit(1); }
