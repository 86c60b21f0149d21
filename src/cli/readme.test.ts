/**
 * The README shows what the tool prints: every `$ npx racelanes ...` example
 * in it is run here and its shown output compared line by line (the model
 * fingerprint and timings are the only parts allowed to differ), and its list
 * of link keys is the key table itself (src/sim/share/keys.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VIEW_KEYS, keyDocLines, keyDocs } from '../sim/index.ts';
import { main } from './main.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

interface Example { readonly argv: string[]; readonly shown: string[] }

/** Splits a shell line into words (single quotes only, as the README writes them). */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[1] ?? m[2]!);
  return out;
}

/** `$ npx racelanes ...` lines in fenced blocks, with the output lines shown under each. */
function examples(): Example[] {
  const out: Example[] = [];
  const blocks = README.split('```').filter((_, i) => i % 2 === 1);
  for (const b of blocks) {
    const lines = b.split('\n').slice(1);
    for (let i = 0; i < lines.length; i++) {
      const m = /^\$ npx racelanes (.*)$/.exec(lines[i]!);
      if (!m) continue;
      const shown: string[] = [];
      for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('$ '); j++) shown.push(lines[j]!);
      while (shown.length && shown[shown.length - 1] === '') shown.pop();
      out.push({ argv: words(m[1]!), shown });
    }
  }
  return out;
}

/** What may differ between runs or models: the fingerprint in links, wall times. */
const normal = (line: string) => line.replace(/#1\.[0-9a-z]{5}\./g, '#1.<model>.').replace(/model [0-9a-z]{5}\b/g, 'model <model>')
  .replace(/^Time [\d.]+ ms$/, 'Time <ms>');

describe('README examples', () => {
  const all = examples();

  it('has examples of check, run, link, compare and sweep', () => {
    for (const cmd of ['check', 'run', 'link', 'compare', 'sweep']) expect(all.some((e) => e.argv[0] === cmd), cmd).toBe(true);
  });

  it.each(all.map((e) => [e.argv.join(' '), e] as const))('$ npx racelanes %s prints what the README shows', (_, e) => {
    const r = main(e.argv);
    expect(r.code).toBe(0);
    const got = r.stdout.trimEnd().split('\n').map(normal);
    const want = e.shown.map(normal);
    // `...` in the README stands for lines left out; everything else appears, in order.
    let at = 0;
    for (const line of want) {
      if (line === '...') continue;
      const found = got.indexOf(line, at);
      expect(found, `README line not printed (in order): ${line}\n--- printed:\n${got.join('\n')}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it('lists every link key exactly as the key table describes it', () => {
    const block = README.split('<!-- keys:start -->')[1]?.split('<!-- keys:end -->')[0] ?? '';
    expect(block.trim().split('\n')).toEqual(keyDocLines());
  });

  it('has words for exactly the keys of the table (keyDocs.ts), no more', () => {
    expect(Object.keys(keyDocs()).sort()).toEqual(VIEW_KEYS.map((k) => k.key).sort());
  });
});
