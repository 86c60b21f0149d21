/**
 * Every timed execution is an execution of mode any, step for step: what the
 * modular search's Never in mode any rests on when it answers a timed
 * question or settles a check over every start (modularRun.ts withModular,
 * startsWithModular). Along random timed walks, from fixed starts and from
 * an open one (the unbind's start a move of its own), of random small
 * programs (latency windows included) and of every built-in scenario,
 * kernel and fix set: each timed move is a move of mode any at the same
 * untimed state (the world before `ready`), it leaves the same untimed state
 * and the same fault, and a timed walk ends where one of mode any does. And
 * at the states those walks reach, with their clocks replaced by random
 * ones: whether a task can move, and what its move does outside the clocks,
 * do not depend on the clocks at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { miniArb } from './arbitrary.ts';
import { Machine, WILD, cloneWorld, type Sink, type World } from './engine.ts';
import type { Program } from './program.ts';
import { FIX_SETS, KERNEL_IDS, SCENARIO_IDS, programOf, questionOf } from '../index.ts';

const untimed = (m: Machine, w: World): number[] => [...w.a.subarray(0, m.oReady)];
/** A fault as the runner reports it (with a sink: its kind, task and resources; without one the explorer only marks it). */
const faultOf = (w: World) => (w.fault ? { kind: w.fault.kind, task: w.fault.task, res: w.fault.res, accessed: w.fault.accessed, state: w.fault.state } : null);
const sinkOf = (p: Program): Sink => ({ events: [], killedBy: new Int32Array(p.resources.length).fill(-1), arrive: new Float64Array(p.tasks.length) });

interface Walked { moves: number; ended: boolean; faulted: boolean; wildMoves: number }

/**
 * Walks the timed machine from `at` (null: the unbind's start is open) along `walk` (an index into each state's
 * moves), mode any alongside, both with sinks when `sinks` (the runner's path, faults in full).
 */
function walkBoth(program: Program, at: number | null, walk: readonly number[], sinks: boolean, states?: World[]): Walked {
  const timed = new Machine(program, 'timed');
  const any = new Machine(program, 'any');
  const wt = timed.initial(at);
  const wa = any.initial(null);
  const st = sinks ? sinkOf(program) : undefined, sa = sinks ? sinkOf(program) : undefined;
  expect(untimed(any, wa)).toEqual(untimed(timed, wt));
  const out: Walked = { moves: 0, ended: false, faulted: false, wildMoves: 0 };
  for (const r of walk) {
    const mt = timed.moves(wt);
    const ma = any.moves(wa);
    if (mt.length === 0) {
      // Nothing can move in time: nothing is enabled at all (a finish or a hang in both).
      expect(ma).toEqual([]);
      out.ended = true;
      break;
    }
    states?.push(cloneWorld(wt));
    const t = mt[r % mt.length]!;
    expect(ma, `move of task ${t} at step ${out.moves}`).toContain(t);
    if (timed.isWild(wt, t)) out.wildMoves++;
    timed.move(wt, t, st);
    any.move(wa, t, sa);
    out.moves++;
    expect(faultOf(wa)).toEqual(faultOf(wt));
    if (wt.fault) { out.faulted = out.ended = true; break; }
    expect(untimed(any, wa)).toEqual(untimed(timed, wt));
  }
  return out;
}

/** At world w (a state a timed walk reached), with its clocks replaced by random ones: the same tasks can move, and each move does the same outside the clocks. */
function clocksDoNotMatter(program: Program, w: World, rnd: () => number): number {
  const m = new Machine(program, 'timed');
  const other = cloneWorld(w);
  other.now = Math.floor(rnd() * 10_000_000);
  for (let i = 0; i < m.nTasks; i++) {
    // An open start stays open (WILD is a state of the unbind, not a clock).
    if (w.a[m.oReady + i] === WILD) continue;
    other.a[m.oReady + i] = Math.floor(rnd() * 1_000_000);
    other.a[m.oSlack + i] = rnd() < 0.5 ? 0 : Math.floor(rnd() * 1_000_000);
  }
  let tried = 0;
  for (let t = 0; t < m.nTasks; t++) {
    expect(m.enabled(other, t), `task ${t} enabled`).toBe(m.enabled(w, t));
    if (!m.enabled(w, t)) continue;
    const x = cloneWorld(w), y = cloneWorld(other);
    m.move(x, t, sinkOf(program));
    m.move(y, t, sinkOf(program));
    expect(faultOf(y), `task ${t}'s move: its fault`).toEqual(faultOf(x));
    if (!x.fault) expect(untimed(m, y), `task ${t}'s move: the state outside the clocks`).toEqual(untimed(m, x));
    tried++;
  }
  return tried;
}

/** A seeded generator for the clocks (the property's own randomness comes from fast-check's seed). */
const lcg = (seed: number) => { let s = seed >>> 0; return () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s / 2 ** 32; }; };

describe('every timed execution is one of mode any', () => {
  it('on random small programs, from random and open starts, with and without latency windows', () => {
    let moves = 0, faults = 0, open = 0, ended = 0;
    fc.assert(fc.property(miniArb(3, [0, 2, 5]), fc.option(fc.integer({ min: 0, max: 40 })), fc.boolean(), fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
      ({ program }, at, sinks, walk) => {
        const r = walkBoth(program, at, walk, sinks);
        moves += r.moves; open += r.wildMoves; if (r.faulted && sinks) faults++; if (r.ended) ended++;
      }), { numRuns: 800, seed: Number(process.env.SEED ?? 20261207) });
    // The walks go somewhere: most to their end, some to a fault (compared in full, with sinks), some starting the unbind themselves.
    expect(moves).toBeGreaterThan(4000);
    expect(ended).toBeGreaterThan(700);
    expect(faults).toBeGreaterThan(20);
    expect(open).toBeGreaterThan(100);
  });

  it('on every built-in scenario, kernel and fix set: an eraser, a latency window, both, random durations and parts', () => {
    let moves = 0, ended = 0, walks = 0;
    for (const scenario of SCENARIO_IDS) for (const kernel of KERNEL_IDS) for (const fixes of FIX_SETS) {
      fc.assert(fc.property(
        fc.record({
          readers: fc.integer({ min: 1, max: 3 }), erase: fc.constantFrom(null, 1_000_000, 20_000), lat: fc.constantFrom(0, 1000, 300_000),
          read: fc.integer({ min: 1, max: 2_000_000 }), sleep: fc.constantFrom(0, 100, 300_000), parts: fc.integer({ min: 0, max: 3 }),
        }),
        fc.option(fc.integer({ min: 0, max: 3_000_000 })), fc.boolean(), fc.array(fc.nat(), { minLength: 1500, maxLength: 1500 }),
        (params, at, sinks, walk) => {
          const program = programOf(questionOf({ scenario, kernel, fixes: [...fixes], params, mode: 'timed' }));
          const r = walkBoth(program, at, walk, sinks);
          moves += r.moves; walks++; if (r.ended) ended++;
        }), { numRuns: 6, seed: 11 });
    }
    // Each walk runs to its end (a finish, a hang or a fault): none is cut short.
    expect(ended).toBe(walks);
    expect(moves).toBeGreaterThan(20_000);
  });

  it('whether a task can move, and what its move does outside the clocks, do not depend on the clocks (random clocks at reached states)', () => {
    let tried = 0;
    fc.assert(fc.property(miniArb(3, [0, 2, 5]), fc.option(fc.integer({ min: 0, max: 40 })), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), fc.nat(),
      ({ program }, at, walk, seed) => {
        const states: World[] = [];
        walkBoth(program, at, walk, false, states);
        const rnd = lcg(seed);
        for (const w of states) tried += clocksDoNotMatter(program, w, rnd);
      }), { numRuns: 300, seed: Number(process.env.SEED ?? 20261207) });
    for (const scenario of SCENARIO_IDS) for (const fixes of FIX_SETS) {
      const program = programOf(questionOf({ scenario, kernel: KERNEL_IDS[0]!, fixes: [...fixes], params: { readers: 2, erase: 1_000_000, lat: 1000 }, mode: 'timed' }));
      const states: World[] = [];
      walkBoth(program, null, Array.from({ length: 1500 }, (_, i) => (i * 7919) % 13), false, states);
      const rnd = lcg(states.length);
      for (const w of states) tried += clocksDoNotMatter(program, w, rnd);
    }
    expect(tried).toBeGreaterThan(5000);
  });
});
