import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import relay from 'vite-plugin-relay';

// Built into the host's wwwroot/app (the host serves index.html at / and its client routes, /assets/* with a
// year's cache). `npm run dev` serves it on :5173 with /graphql proxied to a running host (WP_HOST).
export default defineConfig({
  plugins: [relay, react()],
  build: { outDir: '../Host/wwwroot/app', emptyOutDir: true, assetsDir: 'assets', target: 'es2022' },
  server: {
    proxy: { '/graphql': { target: process.env.WP_HOST ?? 'http://localhost:5000', ws: true }, '/feed.xml': process.env.WP_HOST ?? 'http://localhost:5000' },
  },
});
