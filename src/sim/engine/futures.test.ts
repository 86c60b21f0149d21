/**
 * A task's future in mode any (futureAt below: what the persistent sets
 * read, per program counter and error register, with the flags nobody can
 * change any more taken at their value) covers every step the task takes
 * later in a run: along random walks, each later step's footprint is in the
 * future computed at every earlier state (with nobody held back, S empty).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F, heap, miniArb } from './arbitrary.ts';
import { mini, prog, task } from './testkit.ts';
import { check, fn, free, label, lock, set, unlock, use } from '../catalogue/tree.ts';
import { copyWorld, type World } from './engine.ts';
import { Reducer } from './traces.ts';
import type { Program } from './program.ts';
import { buildProgram } from '../api.ts';
import { DEFAULT_KERNEL, FIX_SETS, SCENARIO_IDS } from '../index.ts';

/**
 * Task y's future at w with the tasks of S held back, as a bitset: what the
 * persistent-set computation reads (the Reducer's private state, reached
 * here so that no test-only method ships in the worker's bundle).
 */
function futureAt(R: Reducer, w: World, y: number, S: number): Uint32Array {
  const r = R as unknown as {
    curGen: number; anyMode: boolean; curW: World; curS: number; W: number; fa: Uint32Array; fo: number;
    prepare(w: World): void; future(w: World, y: number, S: number): void;
  };
  r.curGen++;
  r.prepare(w);
  r.anyMode = true;
  r.curW = w;
  r.curS = S;
  r.future(w, y, S);
  return r.fa.slice(r.fo, r.fo + r.W);
}

function covered(program: Program, walk: readonly number[], seen: { steps: number; narrowed: number }): void {
  const R = new Reducer(program, 'any', true);
  const { m, W } = { m: R.m, W: R.fp.W };
  const w = m.initial(0);
  const states: { w: World; fut: Uint32Array[] }[] = [];
  for (const r of walk) {
    const mv = m.moves(w);
    if (mv.length === 0 || w.fault) break;
    const here = copyWorld({ a: new Int32Array(w.a.length), now: 0, fault: null }, w);
    states.push({ w: here, fut: Array.from({ length: m.nTasks }, (_, y) => futureAt(R, here, y, 0)) });
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

  it('takes a flag the task itself still sets as not settled, though its check of it is invisible', () => {
    // `mine` is the reader's own: nobody else writes it, so its check is invisible and runs right after the set.
    // Taken as settled at its initial value, the reader's future would skip the lock, which it then takes.
    const program = prog(mini({
      resources: [heap('a'), heap('b')],
      locks: [{ id: 'L', label: 'L' }],
      flags: [{ id: 'mine', label: 'mine', initial: true }],
      tasks: [
        task('R', 0, [fn('reader', F, use('b', 'use b'), set('mine', false, 'mine = false'), check('mine', true, 'label:skip', 'if (mine) goto skip'),
          lock('L', 'lock'), unlock('L', 'unlock'), label('skip'))]),
        task('U', 'at', [fn('unbind', F, free('a', 'kfree(a)'), free('b', 'kfree(b)'))], 'unbind'),
      ],
    }));
    expect(program.tasks[0]!.steps.some((s) => s.kind === 'check' && !s.visible)).toBe(true);
    const seen = { steps: 0, narrowed: 0 };
    covered(program, [0, 0, 0, 0, 0, 0], seen);
    expect(seen.steps).toBeGreaterThanOrEqual(3);
  });
});
