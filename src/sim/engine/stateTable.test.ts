import { describe, expect, it } from 'vitest';
import { StateCounts, StateTable } from './stateTable.ts';
import { explore, memoryBound } from './explore.ts';
import { programOf, questionOf } from '../question.ts';

describe('memory bound', () => {
  it('a table and its counts never hold more than peakBytes says, and the bound is tight after the last growth', () => {
    for (const keyLen of [3, 6, 12]) {
      const t = new StateTable(keyLen);
      const c = new StateCounts();
      const key = new Int32Array(keyLen);
      let held = 0;
      const n = 400_000;
      for (let i = 0; i < n; i++) {
        key[0] = i; key[keyLen - 1] = i * 7;
        const [tb, cb] = [t.bytes, c.bytes];
        c.ensure(t.add(key));
        // While one of them grows, its old arrays are still held as well.
        held = Math.max(held, t.bytes + c.bytes + (t.bytes > tb ? tb : 0) + (c.bytes > cb ? cb : 0));
      }
      const bound = StateTable.peakBytes(n, keyLen) + StateCounts.peakBytes(n);
      expect(held).toBeLessThanOrEqual(bound);
      expect(bound).toBeLessThan(3 * (t.bytes + c.bytes));
    }
  });

  it('a search stopped at the cap keeps no more than memoryBound of its question', () => {
    const cases = [
      questionOf({ scenario: 'qspi-unbind', kernel: '6.12.117', fixes: ['srcu-drain'], params: { readers: 3 }, mode: 'any' }),
      questionOf({ scenario: 'flash-unbind', kernel: '6.12.117', fixes: [], params: { readers: 4, erase: 1_000_000 }, mode: 'timed' }),
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
});
