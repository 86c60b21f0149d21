#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (a dependency), so it works from a fresh clone after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const r = main(process.argv.slice(2), { progress: (line) => process.stderr.write(line) });
if (r.stdout) process.stdout.write(r.stdout);
if (r.stderr) process.stderr.write(r.stderr);
process.exitCode = r.code;
