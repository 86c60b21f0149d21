#!/usr/bin/env node
// Builds the command line into one plain JavaScript file (dist-cli/racelanes.mjs),
// so `npx racelanes` starts without compiling TypeScript. Runs on `npm install`
// (the `prepare` script) and in `npm run build`. bin/racelanes.mjs falls back to
// running the TypeScript through tsx when the bundle is missing or older than
// the sources (while developing).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const t0 = performance.now();
await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outfile: `${root}dist-cli/racelanes.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`racelanes CLI built: dist-cli/racelanes.mjs (${Math.round(performance.now() - t0)} ms)`);
