import { describe, expect, it } from 'vitest';
import { StateCounts, StateTable } from './stateTable.ts';
import { explore } from './explore.ts';
import { memoryBound } from './memory.ts';
import fc from 'fast-check';
import { programOf, questionOf, shapeKey } from '../question.ts';
import { KERNEL_IDS, SCENARIO_IDS } from '../catalogue/index.ts';

describe('memory bound', () => {
  it('a table and its counts each never hold more than their peakBytes says, and the bounds are reached', () => {
    for (const keyLen of [1, 2, 3, 6, 12]) {
      const t = new StateTable(keyLen);
      const c = new StateCounts();
      const key = new Int32Array(keyLen);
      let tableHeld = 0, countsHeld = 0;
      const n = 300_000 + keyLen * 7919;
      for (let i = 0; i < n; i++) {
        key[0] = i; key[keyLen - 1] = i * 7;
        const [[ab, sb], cb] = [t.parts, c.bytes];
        const after = t.bytesAfterAdd();
        c.ensure(t.add(key));
        // What the modular search asks before each add (modular.ts room) is what the add leaves.
        if (t.bytes !== after) expect(t.bytes, `bytesAfterAdd before key ${i}`).toBe(after);
        // While an array grows, its old copy is still held as well.
        const [a, sl] = t.parts;
        tableHeld = Math.max(tableHeld, a + sl + (a > ab ? ab : 0) + (sl > sb ? sb : 0));
        countsHeld = Math.max(countsHeld, c.bytes + (c.bytes > cb ? cb : 0));
      }
      expect(StateTable.peakBytes(n, keyLen)).toBeGreaterThanOrEqual(tableHeld);
      expect(StateCounts.peakBytes(n)).toBeGreaterThanOrEqual(countsHeld);
      // Exact for the counts; for the table, growths of the arena and the slots never meet in one add here.
      expect(StateCounts.peakBytes(n)).toBe(countsHeld);
      expect(StateTable.peakBytes(n, keyLen)).toBeLessThan(1.2 * tableHeld);
    }
  });

  it('a search stopped at the cap keeps no more than memoryBound of its question', () => {
    const cases = [
      questionOf({ scenario: 'qspi-unbind', kernel: '6.12.117', fixes: ['srcu-drain'], params: { readers: 3 }, mode: 'any' }),
      questionOf({ scenario: 'flash-unbind', kernel: '6.12.117', fixes: [], params: { readers: 8, erase: 1_000_000 }, mode: 'timed' }),
    ];
    for (const q of cases) {
      for (const cap of [20_000, 100_000]) {
        const program = programOf(q);
        const v = explore({ program, mode: q.mode, at: q.params.at, maxStates: cap });
        expect(v.incomplete).toBe(true);
        const bound = memoryBound(program, q.mode, cap);
        expect(v.memoryBytes).toBeLessThanOrEqual(bound);
        expect(bound).toBeLessThan(3 * v.memoryBytes);
      }
    }
  });

  it('questions of one shape (shapeKey: only durations, the start and the latency differ, a latency window or none) have one memory bound, and the other mode\'s program gives it too (memoryBoundOf compiles once for both)', () => {
    const us = fc.integer({ min: 1, max: 10_000_000 });
    fc.assert(fc.property(
      fc.constantFrom(...SCENARIO_IDS), fc.constantFrom(...KERNEL_IDS), fc.constantFrom<'any' | 'timed'>('any', 'timed'),
      fc.integer({ min: 1, max: 8 }), fc.boolean(), fc.boolean(), us, us, us, us, us, us, us, us,
      (scenario, kernel, mode, readers, erase, window, r1, r2, s1, s2, e1, e2, l1, l2) => {
        const ask = (read: number, sleep: number, e: number, lat: number, at: number | null, m = mode) =>
          questionOf({ scenario, kernel, fixes: ['notifier-sleep', 'srcu-drain'], mode: m, params: { readers, read, sleep, lat, at, erase: erase ? e : null } });
        const lat = (l: number) => (window ? 1 + (l % 4999) : 0);
        const a = ask(r1, s1, e1, lat(l1), null);
        const b = ask(r2, s2, e2, lat(l2), l1);
        expect(shapeKey(a)).toBe(shapeKey(b));
        // Each compiled afresh (memoryBoundOf would answer the second from its cache of the first).
        expect(memoryBound(programOf(a), mode, 1_000_000)).toBe(memoryBound(programOf(b), mode, 1_000_000));
        const other = ask(r1, s1, e1, lat(l1), null, mode === 'any' ? 'timed' : 'any');
        expect(memoryBound(programOf(other), mode, 1_000_000)).toBe(memoryBound(programOf(a), mode, 1_000_000));
        // In mode timed a window is another shape: its states keep each task's slack as well.
        const flip = ask(r1, s1, e1, window ? 0 : 1 + (l1 % 4999), null);
        if (mode === 'timed') {
          expect(shapeKey(flip)).not.toBe(shapeKey(a));
          const [noWindow, withWindow] = window ? [flip, a] : [a, flip];
          expect(memoryBound(programOf(withWindow), mode, 1_000_000)).toBeGreaterThan(memoryBound(programOf(noWindow), mode, 1_000_000));
        } else expect(shapeKey(flip)).toBe(shapeKey(a));
      },
    ), { numRuns: 40, seed: 20261206 });
  });
});
