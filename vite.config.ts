import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// A relative base lets the built page run from any static host or sub-path,
// and from file:// for offline use.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  worker: {
    format: 'es',
  },
});
