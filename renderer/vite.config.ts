import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => new URL(path, import.meta.url).pathname;

// `npm run dev` serves the app; `vite build --config renderer/vite.config.ts` writes dist/renderer, which
// Electron loads. Relative asset paths (`base: './'`) so the build works from any origin or folder.
// Build with NODE_ENV unset or `production`: Vite and React choose their development builds from it.
export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react()],
  // The Electron shell serves the app with a CSP; Vite stamps this placeholder into a
  // <meta property="csp-nonce"> and the shell replaces it per response (AG Grid styles use it).
  html: { cspNonce: 'LISTPREP_CSP_NONCE' },
  worker: { format: 'es' },
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    sourcemap: true,
  },
});
