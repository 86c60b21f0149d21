import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIX_IDS, SCENARIO_IDS } from '../catalogue/index.ts';
import { MAX_DURATION, decodeDur, decodeSched, encodeDur, encodeSched, encodeSchedPacked, schedRle, trimSched } from './codecs.ts';
import { V1_FIXES, V1_SCENARIOS, V1_SCENARIO_LETTER } from './tables.ts';

const encodeSchedRle = (s: readonly number[]) => schedRle(s, '_');
import { schedArb } from './testkit.ts';

describe('v1 tables', () => {
  it('are frozen: released links depend on these letters and bits', () => {
    expect(V1_SCENARIO_LETTER).toEqual({ q: 'qspi-unbind', f: 'flash-unbind', d: 'devres-order' });
    expect(V1_SCENARIOS).toEqual(['qspi-unbind', 'flash-unbind', 'devres-order']);
    expect(V1_FIXES).toEqual(['notifier-sleep', 'srcu-drain', 'devres-group']);
  });

  it('cover every scenario and fix of the model (a new one needs format v2)', () => {
    expect([...SCENARIO_IDS].sort()).toEqual([...V1_SCENARIOS].sort());
    expect([...FIX_IDS].sort()).toEqual([...V1_FIXES].sort());
  });
});

describe('durations', () => {
  it('take the shortest exact unit and come back', () => {
    expect([0, 24, 1000, 400_000, 1_500_000, 2_000_000].map(encodeDur)).toEqual(['0', '24', '1m', '400m', '1500m', '2s']);
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_DURATION }), (us) => { expect(decodeDur(encodeDur(us))).toBe(us); }), { seed: 1 });
  });

  it('reject anything else', () => {
    for (const bad of ['', 'm', '1.5s', '1ms', '-1', '1e3', '1234567890', '12us', ' 1']) expect(decodeDur(bad), bad).toBeNull();
  });
});

describe('schedules', () => {
  it('run-length: a-z tasks, _ default, counts', () => {
    expect(encodeSchedRle([0, 0, 0, -1, -1, 1, 25])).toBe('a3_2bz');
    expect(decodeSched('a3_2bz', 100)).toEqual([0, 0, 0, -1, -1, 1, 25]);
  });

  it('packed: ~, bit width, base64url, most significant bit first', () => {
    // width 2: symbols 1,2,1,2 (tasks 0,1,0,1) = 01 10 01 10 -> 011001 10(0000) -> "Z" "g"
    expect(encodeSchedPacked([0, 1, 0, 1])).toBe('~2Zg');
    expect(decodeSched('~2Zg', 100)).toEqual([0, 1, 0, 1]);
  });

  it('round-trip through the shorter spelling, trailing defaults dropped', () => {
    fc.assert(fc.property(schedArb, (s) => {
      const enc = encodeSched(s);
      expect(enc).toMatch(/^[A-Za-z0-9_~-]*$/);
      expect(enc.length).toBeLessThanOrEqual(Math.min(encodeSchedRle(trimSched(s)).length, trimSched(s).length ? encodeSchedPacked(trimSched(s)).length : 0));
      expect(enc === '' ? [] : decodeSched(enc, 10_000)).toEqual(trimSched(s));
    }), { seed: 2, numRuns: 1000 });
  });

  it('explain what is allowed and refuse oversized schedules', () => {
    expect(decodeSched('a0', 10)).toMatch(/1 or more/);
    expect(decodeSched('A', 10)).toMatch(/letters a-z pick task 0-25/);
    expect(decodeSched('a99999', 10_000)).toMatch(/too long/);
    expect(decodeSched(`~1${'_'.repeat(3000)}`, 10_000)).toMatch(/too long/);
    expect(decodeSched('~6AA', 10)).toMatch(/width 1-5/);
    expect(decodeSched('~5_', 10)).toMatch(/out of range/);
  });
});
