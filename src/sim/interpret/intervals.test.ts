/**
 * The one reading of a trace: locks exclude each other, resource states tile
 * the run, the fault's cause is where its resource died, and a grace period
 * outlasts every read section that began before it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, FIX_SETS, SCENARIO_IDS, simulate, type ViewState } from '../index.ts';
import { flagIntervals, lockHolds, resourceSegments, srcuIntervals, traceEnd } from './intervals.ts';

const views = fc.record({
  scenario: fc.constantFrom(...SCENARIO_IDS),
  kernel: fc.constantFrom('6.14-rc7', '6.12.117', 'mainline') as fc.Arbitrary<ViewState['kernel']>,
  fixes: fc.constantFrom(...FIX_SETS.map((f) => [...f])),
  mode: fc.constantFrom('any', 'timed') as fc.Arbitrary<ViewState['mode']>,
  readers: fc.integer({ min: 1, max: 3 }),
  at: fc.integer({ min: 0, max: 12_000 }),
  sched: fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 60 }),
}).map(({ readers, at, ...v }): ViewState => ({ ...DEFAULT_VIEW, ...v, params: { readers, at } }));

describe('trace intervals', () => {
  it('no two tasks hold one lock at once; every hold ends after it starts', () => {
    fc.assert(fc.property(views, (v) => {
      const t = simulate(v);
      for (const holds of lockHolds(t)) {
        for (const h of holds) expect(h.seq1).toBeGreaterThanOrEqual(h.seq0);
        const sorted = [...holds].sort((a, b) => a.seq0 - b.seq0);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.seq0).toBeGreaterThanOrEqual(sorted[i - 1]!.seq1);
      }
    }), { numRuns: 60, seed: 3 });
  });

  it('each resource\'s states tile the run with no gap, and the fault\'s cause starts its dead state', () => {
    fc.assert(fc.property(views, (v) => {
      const t = simulate(v);
      const end = traceEnd(t);
      for (const segs of resourceSegments(t)) {
        expect(segs[0]!.seq0).toBe(0);
        expect(segs.at(-1)!.open).toBe(true);
        expect(segs.at(-1)!.seq1).toBe(end.seq);
        for (let i = 1; i < segs.length; i++) {
          expect(segs[i]!.seq0).toBe(segs[i - 1]!.seq1);
          expect(segs[i]!.state).not.toBe(segs[i - 1]!.state);
        }
      }
      const f = t.fault;
      if (f && f.causeEvent >= 0) {
        const dead = resourceSegments(t)[f.res]!.find((g) => g.by === f.causeEvent);
        expect(dead?.state).toBe(f.state);
      }
    }), { numRuns: 60, seed: 4 });
  });

  it('synchronize_srcu() returns only after every read section that began before it', () => {
    const t = simulate({ ...DEFAULT_VIEW, scenario: 'flash-unbind', fixes: ['srcu-drain'], params: { readers: 2 } });
    const [d] = srcuIntervals(t);
    expect(d!.grace.length).toBeGreaterThan(0);
    for (const g of d!.grace) for (const r of d!.readers) if (r.seq0 < g.seq0) expect(r.seq1).toBeLessThanOrEqual(g.seq1);
  });

  it('a flag is true exactly between a set to true and the next set to false', () => {
    const t = simulate({ ...DEFAULT_VIEW, scenario: 'flash-unbind', fixes: ['notifier-sleep'] });
    const i = t.program.flags.findIndex((f) => f.id === 'mtd_event_remove');
    const on = flagIntervals(t)[i]!;
    const set = t.events.find((e) => e.type === 'flag.set' && e.flag === i && e.value)!;
    expect(on).toHaveLength(1);
    expect(on[0]!.seq0).toBe(set.seq);
    expect(on[0]!.task).toBe(set.task);
  });
});
