import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev:web` sends API calls: the running `npm start` (PORT 3000 unless API_URL says). */
const apiTarget = process.env['API_URL'] ?? `http://localhost:${process.env['PORT'] ?? 3000}`;

/**
 * The web client's build: React, one entry, workspaces split into their own chunks by lazy routes.
 *
 * `npm run dev:web` serves it with hot reload and proxies `/api` and `/config.json` to the running
 * local stack, so the browser sees one origin as in production.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: Number(process.env['WEB_PORT'] ?? 5173),
    proxy: { '/api': apiTarget, '/config.json': apiTarget },
  },
});
