import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// The api serves the built client from its own origin, so the client only ever uses relative URLs;
// in development the same paths are proxied to a locally running api.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  root: here('.'),
  publicDir: here('public'),
  plugins: [react()],
  resolve: {
    alias: {
      '@app/contracts': here('../../libs/contracts/src'),
      '@app/media-client': here('../../libs/media-client/src'),
    },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
  },
  server: {
    host: '0.0.0.0',
    port: 5173,
    proxy: {
      '/api': api,
      '/health': api,
      '/s3': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
