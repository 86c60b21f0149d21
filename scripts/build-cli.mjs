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
  // The command line, and the modular search's thread (src/cli/race.ts loads it as the bundle's sibling).
  entryPoints: { racelanes: `${root}src/cli/main.ts`, modularThread: `${root}src/cli/modularThread.ts` },
  outdir: `${root}dist-cli`,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`racelanes CLI built: dist-cli/racelanes.mjs and modularThread.mjs (${Math.round(performance.now() - t0)} ms)`);
