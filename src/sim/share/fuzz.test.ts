import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIX_IDS, SCENARIO_IDS } from '../catalogue/index.ts';
import { encodeView } from './canonical.ts';
import { decodeFragment } from './decode.ts';
import { parseTextBlock } from './paste.ts';
import { MAX_ERRORS } from './safe.ts';
import { viewArb } from './testkit.ts';

/** Pieces hostile or broken links are made of. */
const PIECES = [
  '#', '1.', '2.', '.', '&', '=', ';', '%', '%2', '%zz', '%00', '%3C', '%E2%82', '%7E', '+', '~', '_', '-', '\u0000', '\n', '\r\n', '\t', ' ',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:', '\u202e', '\ud800', '\ud83d\ude00', 'Link: ', '> ',
  's=', 'fix=', 'read=', 'sleep=', 'readers=', 'erase=', 'at=', 'mode=', 'sched=', 't=', 'v=', 'm=', '__proto__', 'constructor',
  'q', 'f', 'd', 't', 'r', 'z', 'e', 'n', 'a', 's', 'x', '0', '7', '8', '9', '99999999999999999999', '1e308', 'NaN', '-1',
  'flash-unbind', 'notifier-sleep', 'timed', '400ms', 'a8b10a', '~2Zg', 'fault', 'end', 'https://racelanes.example/',
];

const pieced = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join(''));
const mutated = fc.tuple(viewArb, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PIECES)), { maxLength: 4 }), fc.nat())
  .map(([v, edits, cut]) => {
    let s = `#${encodeView(v, 'abcde')}`;
    for (const [at, piece] of edits) s = s.slice(0, at % (s.length + 1)) + piece + s.slice(at % (s.length + 1));
    return cut % 3 === 0 ? s.slice(0, cut % (s.length + 1)) : s;
  });
const huge = fc.constantFrom(
  'a'.repeat(100_000), `#1.abcde.f1.s${'ab'.repeat(50_000)}`, `#s=${'x'.repeat(100_000)}`, '%'.repeat(100_000),
  `#${'&t=1'.repeat(25_000)}`, `#s=${'.'.repeat(100_000)}x`, `${' '.repeat(100_000)}#1.${')'.repeat(100_000)}x`, `${'> '.repeat(50_000)}\nx`, `${'Link: #1.abcde.q0\n'.repeat(5000)}`, `#1.abcde.q0.t${'9'.repeat(100_000)}`, '\u0000'.repeat(100_000),
);
const input = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), weight: 2 },
  { arbitrary: pieced, weight: 4 },
  { arbitrary: mutated, weight: 4 },
  { arbitrary: huge, weight: 1 },
);

describe('hostile links', () => {
  it('never throw, bound every message, never echo markup, and always give a valid view (10,000 inputs)', () => {
    fc.assert(fc.property(input, (text) => {
      const d = decodeFragment(text);
      expect(d.errors.length).toBeLessThanOrEqual(MAX_ERRORS);
      for (const m of [...d.errors.map((e) => e.message), ...d.errors.map((e) => e.key), ...d.notices]) {
        expect(m.length).toBeLessThanOrEqual(240);
        expect(m).not.toMatch(/[<>]/);
        expect(m).toMatch(/^[\x20-\x7e]*$/);
      }
      expect(SCENARIO_IDS).toContain(d.view.scenario);
      expect(d.view.fixes.every((f) => FIX_IDS.includes(f))).toBe(true);
      expect(['any', 'timed']).toContain(d.view.mode);
      expect(d.view.sched.length).toBeLessThanOrEqual(10_000);
      expect(d.view.sched.every((c) => Number.isInteger(c) && c >= -1 && c <= 25)).toBe(true);
      const t = d.view.t;
      expect(t === null || t === 'fault' || t === 'end' || (Number.isInteger(t) && t >= 0 && t <= 999_999)).toBe(true);
      // Whatever decoded re-encodes to a clean canonical link.
      expect(decodeFragment(encodeView(d.view)).errors).toEqual([]);
      parseTextBlock(text);
    }), { seed: 20_261_121, numRuns: 10_000 });
  });

  it('never crash on non-strings from JavaScript callers', () => {
    for (const x of [undefined, null, 42, {}, []]) expect(decodeFragment(x as unknown as string).view.scenario).toBe('qspi-unbind');
  });

  it('name the key and what is allowed, and apply what was valid', () => {
    const d = decodeFragment('#s=flash-unbind&read=banana&mode=timed&fix=notifier-sleep,<script>&sched=.3b');
    expect(d.view.scenario).toBe('flash-unbind');
    expect(d.view.mode).toBe('timed');
    expect(d.view.fixes).toEqual(['notifier-sleep']);
    expect(d.view.sched).toEqual([-1, -1, -1, 1]);
    expect(d.errors.map((e) => e.key)).toEqual(['read', 'fix']);
    expect(d.errors[0]!.message).toMatch(/read=banana is not a duration.*units: us, ms, s/);
    expect(d.errors[1]!.message).toBe('unknown fix "?script?" (known: notifier-sleep, srcu-drain, devres-group, or none)');
    const twice = decodeFragment('#t=1&s=devres-order&t=2');
    expect(twice.view).toMatchObject({ scenario: 'devres-order', t: 2 });
    expect(twice.errors).toEqual([{ key: 't', message: 't is given twice; the last one wins' }]);
  });

  it('cap the number of errors of a link made only of mistakes', () => {
    const d = decodeFragment(`#${Array.from({ length: 200 }, (_, i) => `k${i}=1`).join('&')}`);
    expect(d.errors).toHaveLength(MAX_ERRORS);
    expect(d.errors[MAX_ERRORS - 1]!.message).toBe(`... and ${200 - MAX_ERRORS + 1} more problems in this link`);
  });

  it('read only the first 4096 characters of a 100 KB link, and say so', () => {
    const d = decodeFragment(`#1.abcde.f1.t5.s${'ab'.repeat(50_000)}`);
    expect(d.view.scenario).toBe('flash-unbind');
    expect(d.view.t).toBe(5);
    expect(d.errors[0]!.message).toMatch(/only the first 4096 were read/);
    const long = decodeFragment(`#s=devres-order&t=7&sched=${'a'.repeat(100_000)}`);
    expect(long.view).toMatchObject({ scenario: 'devres-order', t: 7 });
    expect(long.errors[0]!.message).toBe('the link is 100026 characters long; only the first 4096 were read');
  });
});
