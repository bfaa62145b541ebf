import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import relay from 'vite-plugin-relay';

const host = process.env.WP_HOST ?? 'http://localhost:5000';

/**
 * In development only: a running host knows the persisted documents it was built with, not those of the
 * operations just edited. This sends the host the text of each document (from persisted.json, read afresh)
 * instead of its id, so editing a query needs only `npm run relay`, not a rebuild of the host.
 */
const devPersistedDocuments: Plugin = {
  name: 'wp-dev-persisted-documents',
  apply: 'serve',
  configureServer(server) {
    server.middlewares.use('/graphql', async (req, res, next) => {
      if (req.method !== 'POST') return next();
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { documentId?: string; [k: string]: unknown };
      const documents = JSON.parse(readFileSync(new URL('./persisted.json', import.meta.url), 'utf8')) as Record<string, string>;
      const { documentId, ...rest } = body;
      const query = documentId ? documents[documentId.replace(/^sha256:/, '')] : undefined;
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: String(req.headers.accept ?? 'application/json') };
      if (req.headers.authorization) headers.Authorization = req.headers.authorization;
      const answer = await fetch(`${host}/graphql`, { method: 'POST', headers, body: JSON.stringify(query ? { ...rest, query } : body) }).catch(() => null);
      if (!answer) { res.statusCode = 502; res.end(`No host answers at ${host}: start it (build/run.sh) or set WP_HOST.`); return; }
      res.statusCode = answer.status;
      res.setHeader('Content-Type', answer.headers.get('content-type') ?? 'application/json');
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  },
};

// Built into the host's wwwroot/app (the host serves index.html at / and its client routes, /assets/* with a
// year's cache). `npm run dev` serves it on :5173 against a running host (WP_HOST, default http://localhost:5000).
export default defineConfig({
  plugins: [relay, react(), devPersistedDocuments],
  // chunkSizeWarningLimit: scripts/size.mjs enforces the real budget (first-load JavaScript, gzipped).
  build: { outDir: '../Host/wwwroot/app', emptyOutDir: true, assetsDir: 'assets', target: 'es2022', chunkSizeWarningLimit: 600 },
  server: { proxy: { '/graphql': { target: host, ws: true }, '/feed.xml': host } },
});
