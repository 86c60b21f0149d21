/**
 * Every timed execution is an execution of mode any, step for step: what the
 * check over every start rests on when the modular search settles it
 * (modularRun.ts startsWithModular: a Never in mode any then holds at every
 * unbind start and in every latency window). Along random timed walks from
 * fixed starts, of random small programs (latency windows included) and of
 * every built-in scenario and fix set: each timed move is a move of mode any
 * at the same untimed state (the world before `ready`), it leaves the same
 * untimed state and the same fault, and a timed walk ends where one of mode
 * any does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { miniArb } from './arbitrary.ts';
import { Machine, type World } from './engine.ts';
import type { Program } from './program.ts';
import { FIX_SETS, KERNEL_IDS, SCENARIO_IDS, programOf, questionOf } from '../index.ts';

const untimed = (m: Machine, w: World): number[] => [...w.a.subarray(0, m.oReady)];
const faultOf = (w: World) => (w.fault ? { kind: w.fault.kind, task: w.fault.task, res: w.fault.res } : null);

/** Walks the timed machine from `at` along `walk` (an index into each state's moves), mode any alongside; returns the moves made. */
function walkBoth(program: Program, at: number, walk: readonly number[]): number {
  const timed = new Machine(program, 'timed');
  const any = new Machine(program, 'any');
  const wt = timed.initial(at);
  const wa = any.initial(null);
  expect(untimed(any, wa)).toEqual(untimed(timed, wt));
  let made = 0;
  for (const r of walk) {
    const mt = timed.moves(wt);
    const ma = any.moves(wa);
    if (mt.length === 0) {
      // Nothing can move in time: nothing is enabled at all (a finish or a hang in both).
      expect(ma).toEqual([]);
      break;
    }
    const t = mt[r % mt.length]!;
    expect(ma, `move of task ${t} at step ${made}`).toContain(t);
    timed.move(wt, t);
    any.move(wa, t);
    made++;
    expect(faultOf(wa)).toEqual(faultOf(wt));
    if (wt.fault) break;
    expect(untimed(any, wa)).toEqual(untimed(timed, wt));
  }
  return made;
}

describe('every timed execution is one of mode any', () => {
  it('on random small programs, from random starts, with and without latency windows', () => {
    let moves = 0, faults = 0;
    fc.assert(fc.property(miniArb(3, [0, 2, 5]), fc.integer({ min: 0, max: 40 }), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), ({ program }, at, walk) => {
      moves += walkBoth(program, at, walk);
      const m = new Machine(program, 'timed');
      const w = m.initial(at);
      for (const r of walk) { const mv = m.moves(w); if (!mv.length || w.fault) break; m.move(w, mv[r % mv.length]!); }
      if (w.fault) faults++;
    }), { numRuns: 600, seed: Number(process.env.SEED ?? 20261207) });
    // The walks go somewhere, and some of them fault.
    expect(moves).toBeGreaterThan(3000);
    expect(faults).toBeGreaterThan(20);
  });

  it('on every built-in scenario, kernel and fix set, with an eraser and a latency window', () => {
    let moves = 0;
    for (const scenario of SCENARIO_IDS) for (const kernel of KERNEL_IDS) for (const fixes of FIX_SETS) {
      for (const params of [{ readers: 2, erase: 1_000_000 }, { readers: 3, lat: 1000 }]) {
        const program = programOf(questionOf({ scenario, kernel, fixes: [...fixes], params, mode: 'timed' }));
        fc.assert(fc.property(fc.integer({ min: 0, max: 3_000_000 }), fc.array(fc.nat(), { minLength: 200, maxLength: 200 }), (at, walk) => {
          moves += walkBoth(program, at, walk);
        }), { numRuns: 8, seed: 11 });
      }
    }
    expect(moves).toBeGreaterThan(5000);
  });
});
