/**
 * npm run fingerprint: computes the model fingerprint from the model itself
 * and writes it into src/sim/share/model.generated.ts, so that the page and
 * the CLI do not spend a second computing it at start. `--check` only
 * compares (exit 1 when the file is stale).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { liveModelFingerprint } from '../src/sim/share/fingerprint.ts';

const FILE = new URL('../src/sim/share/model.generated.ts', import.meta.url);
const live = liveModelFingerprint();
const text = `/** Written by \`npm run fingerprint\` (scripts/fingerprint.ts); fingerprint.test.ts checks it. Do not edit. */\nexport const BUILT_MODEL = '${live}';\n`;
const now = readFileSync(FILE, 'utf8');
if (process.argv.includes('--check')) {
  if (now !== text) { console.error(`model.generated.ts is stale: the model is ${live}; run npm run fingerprint`); process.exit(1); }
  console.log(`model ${live}: up to date`);
} else if (now !== text) {
  writeFileSync(FILE, text);
  console.log(`model ${live}: written to src/sim/share/model.generated.ts`);
} else console.log(`model ${live}: unchanged`);
