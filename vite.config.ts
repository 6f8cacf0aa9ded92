import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/; the built app goes to dist/ and is served by server/main.ts.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api/': 'http://localhost:8787' } },
});
