/**
 * A task's future in mode any (Reducer.futureAt: what the persistent sets
 * read, per program counter and error register, with the flags nobody can
 * change any more taken at their value) covers every step the task takes
 * later in a run: along random walks, each later step's footprint is in the
 * future computed at every earlier state (with nobody held back, S empty).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { miniArb } from './arbitrary.ts';
import { copyWorld, type World } from './engine.ts';
import { Reducer } from './traces.ts';
import type { Program } from './program.ts';
import { buildProgram } from '../api.ts';
import { DEFAULT_KERNEL, FIX_SETS, SCENARIO_IDS } from '../index.ts';

function covered(program: Program, walk: readonly number[], seen: { steps: number; narrowed: number }): void {
  const R = new Reducer(program, 'any', true);
  const { m, W } = { m: R.m, W: R.fp.W };
  const w = m.initial(0);
  const states: { w: World; fut: Uint32Array[] }[] = [];
  for (const r of walk) {
    const mv = m.moves(w);
    if (mv.length === 0 || w.fault) break;
    const here = copyWorld({ a: new Int32Array(w.a.length), now: 0, fault: null }, w);
    states.push({ w: here, fut: Array.from({ length: m.nTasks }, (_, y) => R.futureAt(here, y, 0)) });
    const t = mv[r % mv.length]!;
    const T = R.fp.tasks[t]!;
    const pc = w.a[t]!;
    // This step, taken now, must be in t's future at every state so far.
    for (const s of states) {
      for (let k = 0; k < W; k++) expect((T.fp[pc * W + k]! & ~s.fut[t]![k]!) >>> 0, `task ${t} at pc ${pc}: a step outside its future`).toBe(0);
    }
    // How much the future at this state leaves out of the task's static future (the reduction does something).
    for (let k = 0; k < W; k++) if ((T.all[pc * W + k]! & ~states[states.length - 1]!.fut[t]![k]!) !== 0) { seen.narrowed++; break; }
    m.move(w, t);
    seen.steps++;
  }
}

describe('a task\'s future (mode any) covers what it does later', () => {
  it('on random small programs (flags set and cleared, error paths)', () => {
    const seen = { steps: 0, narrowed: 0 };
    fc.assert(fc.property(miniArb(2, [0]), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), ({ program }, walk) => {
      covered(program, walk, seen);
    }), { numRuns: 400, seed: Number(process.env.SEED ?? 20261207) });
    expect(seen.steps).toBeGreaterThan(1000);
  });

  it('on the built-in scenarios, where a revoked backend narrows the readers\' futures', () => {
    const seen = { steps: 0, narrowed: 0 };
    for (const scenario of SCENARIO_IDS) for (const fixes of FIX_SETS) {
      const program = buildProgram(scenario, DEFAULT_KERNEL, fixes, { readers: 2, erase: 1_000_000 });
      fc.assert(fc.property(fc.array(fc.nat(), { minLength: 150, maxLength: 150 }), (walk) => covered(program, walk, seen)), { numRuns: 6, seed: 11 });
    }
    expect(seen.narrowed).toBeGreaterThan(0);
  });
});
