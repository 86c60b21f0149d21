import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChainCache, END_FAULT } from './chainCache.ts';

describe('ChainCache', () => {
  it('answers only for the key it was told, or forgets it; never for another key (fast-check)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: -4, max: 1000 }), fc.integer({ min: 0, max: 99 })), { maxLength: 3000 }),
      (keyLen, puts) => {
        const c = new ChainCache(keyLen, 1_000_000);
        // Distinct keys (the first word is k) that share every other word, and so often a slot.
        const key = (k: number) => Int32Array.from({ length: keyLen }, (_, i) => (i === 0 ? k : 7 * i));
        const told = new Map<number, [number, number]>();
        for (const [k, end, rest] of puts) {
          c.put(key(k), end, rest);
          told.set(k, [end, rest]);
        }
        let remembered = 0;
        for (let k = 0; k <= 40; k++) {
          if (!c.get(key(k))) continue;
          remembered++;
          // The last thing told for this key, never another key's.
          expect([c.end, c.rest]).toEqual(told.get(k));
        }
        // The most recent put is always remembered.
        if (puts.length) expect(remembered).toBeGreaterThan(0);
      },
    ), { numRuns: 200, seed: Number(process.env.SEED ?? 20261206) });
    const c = new ChainCache(2, 1000);
    expect(c.get(Int32Array.of(5, 6))).toBe(false);
    c.put(Int32Array.of(5, 6), END_FAULT, 3);
    expect(c.get(Int32Array.of(5, 6))).toBe(true);
    expect([c.end, c.rest]).toEqual([END_FAULT, 3]);
    expect(c.get(Int32Array.of(5, 7))).toBe(false);
  });

  it('grows with the stored states up to its bound, and never holds more than peakBytes (the bound reached)', () => {
    for (const keyLen of [1, 5, 24]) {
      for (const cap of [1000, 50_000, 1_000_000, 20_000_000]) {
        const c = new ChainCache(keyLen, cap);
        let held = c.bytes, last = c.bytes;
        for (let states = 1; states <= cap; states = Math.ceil(states * 1.3)) {
          c.fit(states);
          // While it grows the old table is still held as well.
          held = Math.max(held, c.bytes + (c.bytes > last ? last : 0));
          last = c.bytes;
        }
        c.fit(cap);
        held = Math.max(held, c.bytes + (c.bytes > last ? last : 0));
        expect(ChainCache.peakBytes(cap, keyLen)).toBe(held);
        // About a sixteenth of the cap's states in entries (at least the first table, at most 2^18).
        const entries = c.bytes / ((keyLen + 2) * 4);
        expect(entries).toBeLessThanOrEqual(Math.min(2 ** 18, Math.max(1024, cap / 8)));
        expect(entries).toBeGreaterThanOrEqual(Math.min(2 ** 18, cap / 16));
      }
    }
  });
});
