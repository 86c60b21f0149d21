#!/usr/bin/env node
// The racelanes command line. Runs the prebuilt bundle (dist-cli/racelanes.mjs,
// made by `npm install` / `npm run build`), or, when it is missing or older than
// the sources it was built from, the TypeScript itself through tsx.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist-cli', 'racelanes.mjs');

/** The newest modification time of the sources the CLI is built from. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['src/cli', 'src/sim']) if (existsSync(join(root, d))) walk(join(root, d));
  return newest;
}

let cli;
if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) {
  cli = await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
const race = cli.threadRacer();
const r = cli.main(process.argv.slice(2), { progress: (line) => process.stderr.write(line), ...(race ? { race } : {}) });
if (r.stdout) process.stdout.write(r.stdout);
if (r.stderr) process.stderr.write(r.stderr);
process.exitCode = r.code;
