#!/usr/bin/env node
// Sums unit (vitest) and e2e (Playwright) test counts and prints one line:
//   N passed, N failed
// Usage: node scripts/count-results.mjs [--typecheck=RC] [--lint=RC] [--unit=RC] [--e2e=RC]
// Each RC is the exit status of that step (omit a step that did not run).
// typecheck/lint count as 1 failed each when non-zero; a unit/e2e step that
// failed without any failing test in its report (crash, build error, server
// error, missing report) counts as at least 1 failed.
// Exit status: 0 if nothing failed, 1 otherwise.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const UNIT_JSON = resolve(root, 'test-results/unit.json');
const E2E_JSON = resolve(root, 'test-results/e2e.json');

const rc = {};
for (const arg of process.argv.slice(2)) {
  const m = /^--(typecheck|lint|unit|e2e)=(-?\d+)$/.exec(arg);
  if (!m) {
    console.error(`count-results: bad argument ${arg}`);
    process.exit(2);
  }
  rc[m[1]] = Number(m[2]);
}

function readJson(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`count-results: cannot parse ${file}: ${err.message}`);
    return undefined;
  }
}

let passed = 0;
let failed = 0;
const notes = [];

for (const step of ['typecheck', 'lint']) {
  if (rc[step] !== undefined && rc[step] !== 0) {
    failed += 1;
    notes.push(`${step} failed`);
  }
}

if (rc.unit !== undefined) {
  const r = readJson(UNIT_JSON);
  let p = 0;
  let f = 0;
  if (r) {
    p = r.numPassedTests ?? 0;
    f = r.numFailedTests ?? 0;
    if (f === 0 && (rc.unit !== 0 || r.success === false)) f = Math.max(1, r.numFailedTestSuites ?? 0);
  } else if (rc.unit !== 0) {
    f = 1;
    notes.push('unit: no report (vitest crashed?)');
  }
  passed += p;
  failed += f;
  notes.push(`unit: ${p} passed, ${f} failed`);
}

if (rc.e2e !== undefined) {
  const r = readJson(E2E_JSON);
  let p = 0;
  let f = 0;
  if (r) {
    const s = r.stats ?? {};
    p = (s.expected ?? 0) + (s.flaky ?? 0);
    f = s.unexpected ?? 0;
    if (f === 0 && (rc.e2e !== 0 || (r.errors ?? []).length > 0)) f = Math.max(1, (r.errors ?? []).length);
  } else if (rc.e2e !== 0) {
    f = 1;
    notes.push('e2e: no report (build failed or Playwright crashed?)');
  }
  passed += p;
  failed += f;
  notes.push(`e2e: ${p} passed, ${f} failed`);
}

console.log(`(${notes.join('; ')})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
