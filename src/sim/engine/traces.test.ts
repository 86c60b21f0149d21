/**
 * The reduced explorer (traces.ts) checked three ways:
 * - against itself unreduced: persistent sets and symmetry off (sleep sets
 *   alone visit every state): the same counts, verdict and shortest fault;
 * - against brute force (oracle.ts): every path enumerated, traces told
 *   apart by their canonical form, and every pair of moves called
 *   independent checked to commute;
 * - against the interleaving explorer: the same verdict and the same
 *   shortest faulting execution (the executions are the same; only what
 *   counts as one differs).
 * Counterexamples replay in run().
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProgram, DEFAULT_KERNEL, type FixId, type Mode, type ParamOverrides, type ScenarioId } from '../index.ts';
import { check, cpu, fn, free, get, io, lock, put, putAboveOne, set, state, unlock, use, wait } from '../catalogue/tree.ts';
import { explore, exploreTraces } from './explore.ts';
import { exploreInterleavings } from './interleavings.ts';
import { Reducer } from './traces.ts';
import { cloneWorld } from './engine.ts';
import { bruteInterleavings, bruteTraces } from './oracle.ts';
import { F, heap, miniArb } from './arbitrary.ts';
import type { Program } from './program.ts';
import { run } from './run.ts';
import { mini, prog, task } from './testkit.ts';
import type { Verdict } from './verdict.ts';

/** Every reduction on, then every reduction and the chain memo off (sleep sets alone): same answer. */
function both(program: Program, mode: Mode, at: number | null, maxStates?: number): [Verdict, Verdict] {
  const cap = maxStates === undefined ? {} : { maxStates };
  return [exploreTraces({ program, mode, at, ...cap }), exploreTraces({ program, mode, at, por: false, symmetry: false, checkpoint: 0, ...cap })];
}

const summary = (v: Verdict) => ({ verdict: v.verdict, executions: v.executions, faulting: v.faulting, hung: v.hung, shortest: v.counterexample?.moves ?? -1 });

function expectReplays(program: Program, mode: Mode, v: Verdict): void {
  // A complete search that counted a fault has the counterexample to show it.
  if (!v.incomplete && v.faulting > 0) expect(v.counterexample, 'a complete Sometimes has a counterexample').not.toBeNull();
  if (!v.counterexample) return;
  const tr = run({ program, mode, at: v.counterexample.at, schedule: v.counterexample.schedule });
  expect(tr.fault, 'the counterexample faults when replayed').not.toBeNull();
  expect(tr.diverged).toBeNull();
}

describe('reductions keep every count (random small programs, fast-check)', () => {
  it('persistent sets + symmetry + sleep sets = sleep sets alone = brute force; verdict and shortest = interleavings', () => {
    fc.assert(fc.property(miniArb(), ({ program, mode, at }) => {
      const [reduced, unreduced] = both(program, mode, at);
      const brute = bruteTraces(program, mode, at);
      const exact = exploreInterleavings({ program, mode, at });
      expect(summary(reduced)).toEqual(summary(unreduced));
      expect({ executions: reduced.executions, faulting: reduced.faulting, hung: reduced.hung, shortest: reduced.counterexample?.moves ?? -1 })
        .toEqual(brute);
      expect(reduced.verdict).toBe(exact.verdict);
      expect(reduced.counterexample?.moves ?? -1).toBe(exact.counterexample?.moves ?? -1);
      expect(reduced.counting).toBe('traces');
      expectReplays(program, mode, reduced);
    }), { numRuns: Number(process.env.RUNS ?? 40), seed: Number(process.env.SEED ?? 20261130) });
  });
});

/**
 * Walks one random path, asking at every state what the explorer asks: the
 * forced move, then each move's sleep set with R.here (what ends() answered
 * there so far). Each must equal the sleep set asked with nothing remembered.
 */
function walkMemo(program: Program, mode: Mode, at: number | null, choices: readonly number[]): number {
  const R = new Reducer(program, mode, true);
  const m = R.m;
  const w = cloneWorld(m.initial(at));
  const all = (1 << m.nTasks) - 1;
  let checked = 0;
  for (const c of choices) {
    const mv = m.moves(w);
    if (mv.length === 0 || R.armed(w, mv) >= 0) break;
    // Every other task asleep: sleepAfter asks ends() of each.
    const sleep = all & ~(1 << mv[c % mv.length]!);
    R.forced(w, mv, sleep);
    for (const t of mv) {
      expect(R.sleepAfter(w, all, t, R.here), `move ${t} after ${checked} states`).toBe(R.sleepAfter(w, all, t, { known: 0, val: 0 }));
      expect(R.sleepAfter(w, sleep, t, R.here)).toBe(R.sleepAfter(w, sleep, t, { known: 0, val: 0 }));
    }
    checked++;
    m.move(w, mv[c % mv.length]!);
    if (w.fault) break;
  }
  return checked;
}

describe('what ends() answered at a state (EndsMemo) is what it would answer again', () => {
  it('R.here after forced(): random paths of random small programs and of the built-in questions, every task asleep', () => {
    let states = 0;
    fc.assert(fc.property(miniArb(3), fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), ({ program, mode, at }, choices) => {
      states += walkMemo(program, mode, at, choices);
    }), { numRuns: Number(process.env.RUNS ?? 60), seed: Number(process.env.SEED ?? 20261205) });
    fc.assert(fc.property(
      fc.constantFrom<ScenarioId>('qspi-unbind', 'flash-unbind', 'devres-order'), fc.constantFrom('6.14-rc7', '6.12.117'),
      fc.constantFrom<Mode>('any', 'timed'), fc.integer({ min: 1, max: 3 }), fc.option(fc.constant(1_000_000), { nil: null }),
      fc.array(fc.nat(), { minLength: 50, maxLength: 400 }),
      (scenario, kernel, mode, readers, erase, choices) => {
        states += walkMemo(buildProgram(scenario, kernel, [], { readers, erase }), mode, null, choices);
      }), { numRuns: 30, seed: 5 });
    expect(states).toBeGreaterThan(1000);
  });
});

/**
 * A search that only saves moves (the chain memo, symmetric siblings) against
 * the same search without it: the same counts, verdict, shortest fault,
 * counterexample, states and completeness, and no more moves walked. True
 * when it walked fewer.
 */
function walkedLess(v: Verdict, off: Verdict, label = ''): boolean {
  expect(summary(v), label).toEqual(summary(off));
  expect(v.counterexample?.schedule, label).toEqual(off.counterexample?.schedule);
  expect([v.states, v.incomplete], label).toEqual([off.states, off.incomplete]);
  expect(v.generated, label).toBeLessThanOrEqual(off.generated);
  return v.generated < off.generated;
}

describe('the chain memo (chainCache.ts) changes no answer, only the moves walked', () => {
  it('a checkpoint at every chain state = none: counts, verdict, shortest fault, counterexample (random small programs)', () => {
    let jumped = 0;
    fc.assert(fc.property(miniArb(), ({ program, mode, at }) => {
      if (walkedLess(exploreTraces({ program, mode, at, checkpoint: 1 }), exploreTraces({ program, mode, at, checkpoint: 0 }))) jumped++;
    }), { numRuns: Number(process.env.RUNS ?? 40), seed: Number(process.env.SEED ?? 20261205) });
    // The property met chains walked again and cut short by the memo.
    expect(jumped).toBeGreaterThan(0);
  });

  it.each([
    ['qspi-unbind', '6.12.117', ['notifier-sleep'], { readers: 3 }],
    ['flash-unbind', '6.14-rc7', [], { readers: 3, erase: 1_000_000 }],
    ['qspi-unbind', 'mainline', ['notifier-sleep', 'srcu-drain'], { readers: 2, lat: 50, at: 3_000 }],
  ] as [ScenarioId, string, FixId[], ParamOverrides][])('built-in, timed: %s %s %j %j, at checkpoints 1, 8 and 32 = none', (scenario, kernel, fixes, params) => {
    const program = buildProgram(scenario, kernel, fixes, params);
    const at = params.at ?? null;
    const off = exploreTraces({ program, mode: 'timed', at, checkpoint: 0 });
    expect(off.incomplete).toBe(false);
    for (const checkpoint of [1, 8, 32]) expect(walkedLess(exploreTraces({ program, mode: 'timed', at, checkpoint }), off, String(checkpoint))).toBe(true);
  });
});

describe('symmetric siblings walked once change no answer, only the moves walked', () => {
  it('on = off: counts, verdict, shortest fault, counterexample and states (random small programs)', () => {
    let skipped = 0;
    fc.assert(fc.property(miniArb(), ({ program, mode, at }) => {
      if (walkedLess(exploreTraces({ program, mode, at }), exploreTraces({ program, mode, at, siblings: false }))) skipped++;
    }), { numRuns: Number(process.env.RUNS ?? 40), seed: Number(process.env.SEED ?? 20261206) });
    // The property met interchangeable readers whose second move was not walked.
    expect(skipped).toBeGreaterThan(0);
  });

  it.each([
    ['qspi-unbind', '6.12.117', ['notifier-sleep'], 'timed', { readers: 4 }],
    ['flash-unbind', '6.14-rc7', ['srcu-drain'], 'any', { readers: 2, erase: 1_000_000 }],
    ['qspi-unbind', 'mainline', [], 'any', { readers: 3 }],
  ] as [ScenarioId, string, FixId[], Mode, ParamOverrides][])('built-in: %s %s %j %s %j, on = off', (scenario, kernel, fixes, mode, params) => {
    const program = buildProgram(scenario, kernel, fixes, params);
    const cap = { maxStates: 60_000 };
    expect(walkedLess(exploreTraces({ program, mode, at: null, ...cap }), exploreTraces({ program, mode, at: null, siblings: false, ...cap }))).toBe(true);
  });
});

/** The answers of a search that follows the one move awake (on) equal the persistent set's (off); it may walk more. Returns whether it walked another way. */
function sameAnswers(on: Verdict, off: Verdict, label = ''): boolean {
  expect(summary(on), label).toEqual(summary(off));
  expect(on.counterexample?.schedule, label).toEqual(off.counterexample?.schedule);
  expect(on.incomplete, label).toBe(off.incomplete);
  return on.generated !== off.generated || on.states !== off.states;
}

describe('mode any: the one move awake followed without its persistent set changes no answer', () => {
  it('on = off: counts, verdict, shortest fault, counterexample (random small programs, mode any)', () => {
    let differed = 0;
    fc.assert(fc.property(miniArb(3), ({ program, at }) => {
      if (sameAnswers(exploreTraces({ program, mode: 'any', at }), exploreTraces({ program, mode: 'any', at, oneAwake: false }))) differed++;
    }), { numRuns: Number(process.env.RUNS ?? 150), seed: Number(process.env.SEED ?? 20261206) });
    // The property met states where the persistent set was asleep (-2) and the awake move was walked instead.
    expect(differed).toBeGreaterThan(0);
  });

  it.each([
    ['qspi-unbind', '6.14-rc7', [], { readers: 2 }],
    ['flash-unbind', '6.14-rc7', ['srcu-drain'], { readers: 2 }],
    ['qspi-unbind', '6.14-rc7', ['srcu-drain'], { readers: 2 }],
  ] as [ScenarioId, string, FixId[], ParamOverrides][])('built-in: %s %s %j %j, on = off', (scenario, kernel, fixes, params) => {
    const program = buildProgram(scenario, kernel, fixes, params);
    const on = exploreTraces({ program, mode: 'any', at: null });
    const off = exploreTraces({ program, mode: 'any', at: null, oneAwake: false });
    expect(sameAnswers(on, off)).toBe(true);
    expect(on.states).toBe(off.states);
  });
});

describe('symmetry keeps every interleaving count (random small programs, fast-check)', () => {
  it('interleavings with symmetry = without = brute force, and the same shortest fault', () => {
    const runs = Number(process.env.RUNS ?? 40);
    let symmetric = 0;
    let brute = 0;
    fc.assert(fc.property(miniArb(), ({ program, mode, at }) => {
      const sym = exploreInterleavings({ program, mode, at });
      const plain = exploreInterleavings({ program, mode, at, symmetry: false });
      expect(summary(sym)).toEqual(summary(plain));
      expect(sym.states).toBeLessThanOrEqual(plain.states);
      if (sym.states < plain.states) symmetric++;
      // Brute force walks one path per interleaving: only where there are few enough.
      if (plain.executions <= 200_000) {
        brute++;
        const b = bruteInterleavings(program, mode, at);
        expect({ executions: sym.executions, faulting: sym.faulting, hung: sym.hung, shortest: sym.counterexample?.moves ?? -1 }).toEqual(b);
      }
      expectReplays(program, mode, sym);
    }), { numRuns: runs, seed: Number(process.env.SEED ?? 20261205) });
    // The property met states that symmetry merged (two identical readers), and most runs were brute-forced.
    expect(symmetric).toBeGreaterThan(0);
    expect(brute).toBeGreaterThanOrEqual(runs * 0.8);
  });
});

// ---------------------------------------------------------------------------
// Hand-written corner cases.
// ---------------------------------------------------------------------------

describe('corner cases against brute force', () => {
  const cases: [string, Program, Mode, number | null][] = [
    ['a kill during an I/O faults the I/O task at once', prog(mini({
      resources: [heap('o')],
      tasks: [task('R1', 0, [fn('r', F, io(['o'], 5, 'rd'), use('o', 'after'))]), task('R2', 0, [fn('r', F, io(['o'], 5, 'rd'), use('o', 'after'))]),
        task('U', 'at', [fn('w', F, cpu(3, 'c'), free('o', 'kfree'))], 'unbind')],
    })), 'timed', null],
    ['mutex hand-offs between identical readers', prog(mini({
      resources: [heap('o')], locks: [{ id: 'L', label: 'L' }],
      tasks: [task('R1', 0, [fn('r', F, lock('L', 'l'), use('o', 'u'), unlock('L', 'u'), use('o', 'u2'))]),
        task('R2', 0, [fn('r', F, lock('L', 'l'), use('o', 'u'), unlock('L', 'u'), use('o', 'u2'))]),
        task('U', 'at', [fn('w', F, cpu(1, 'c'), free('o', 'kfree'))], 'unbind')],
    })), 'any', 0],
    ['a woken waiter and a flag', prog(mini({
      resources: [heap('o')], flags: [{ id: 'q', label: 'queued', initial: false }],
      tasks: [task('W', 0, [fn('worker', F, wait('q', 'wait for work'), state('o', 'off', 'power off'))], 'worker'),
        task('R', 0, [fn('r', F, use('o', 'u1'), cpu(2, 'c'), use('o', 'u2'))]),
        task('U', 'at', [fn('w', F, set('q', true, 'queue'))], 'unbind')],
    })), 'any', 0],
    // Mode any: a count only the others' drops could take down makes them join the persistent set (mustJoin: the
    // readers' two puts and the unbind's put above one, three drops of two references; fast-check found it).
    ['three puts on a count of two (mode any)', prog(mini({
      resources: [heap('a')], locks: [{ id: 'L', label: 'L' }], refs: [{ id: 'r', label: 'r', initial: 2 }], srcu: [{ id: 'S', label: 'S' }],
      tasks: [task('R1', 0, [fn('reader', F, put('r', 'put r'), io(['a'], 5, 'io a'))]), task('R2', 0, [fn('reader', F, put('r', 'put r'), io(['a'], 5, 'io a'))]),
        task('U', 'at', [fn('unbind', F, { op: 'synchronize_srcu', srcu: 'S', what: 'synchronize_srcu' }, lock('L', 'lock'),
          putAboveOne('r', 'put r above one'), unlock('L', 'unlock'))], 'unbind')],
    })), 'any', 0],
    // mustJoin's kill rule (a review found these): the unbind frees r, then uses it itself (killThenRead; Z frees r too,
    // so the use is visible) ...
    ['a task that frees, then uses, what it freed (mode any)', prog(mini({
      resources: [heap('r')], locks: [{ id: 'L', label: 'L' }], flags: [{ id: 'g', label: 'g', initial: false }, { id: 'h', label: 'h', initial: false }],
      tasks: [task('X', 0, [fn('x', F, lock('L', 'l'), set('h', true, 'h'), unlock('L', 'u'))]), task('Z', 0, [fn('z', F, lock('L', 'l'), free('r', 'fz'), unlock('L', 'u'))]),
        task('U', 'at', [fn('u', F, free('r', 'fu'), set('g', true, 'g'), use('r', 'use after free'))], 'unbind')],
    })), 'any', 0],
    // ... and a task of the set waits at a lock that lives in what another task frees (the set's "about to touch").
    ['a lock in what the unbind frees, waited for by a task of the set (mode any)', prog(mini({
      resources: [heap('r')], locks: [{ id: 'M', label: 'M', in: 'r' }, { id: 'N', label: 'N' }],
      flags: ['g', 'h', 'k'].map((id) => ({ id, label: id, initial: false })),
      tasks: [task('W', 0, [fn('w', F, lock('M', 'l'), set('h', true, 'h'), set('k', true, 'k'), unlock('M', 'u'))]),
        task('X', 0, [fn('x', F, lock('N', 'ln'), lock('M', 'lm'), unlock('M', 'um'), unlock('N', 'un'))]),
        task('V', 0, [fn('v', F, lock('N', 'ln'), check('h', true, 'task', 'if h'), unlock('N', 'un'))]),
        task('U', 'at', [fn('u', F, set('g', true, 'g'), free('r', 'free r'))], 'unbind')],
    })), 'any', 0],
  ];
  // The most reference counts the reduced explorer takes (32), the last one dropped: its bit is the sign bit.
  const refs = Array.from({ length: 32 }, (_, i) => ({ id: `r${i}`, label: `r${i}`, initial: 2 }));
  const reader = () => [fn('reader', F, get('r31', 'get'), use('o', 'use'), put('r31', 'put'))];
  const counts32 = prog(mini({
    resources: [heap('o')], refs,
    tasks: [task('R1', 0, reader()), task('R2', 0, reader()), task('U', 'at', [fn('unbind', F, cpu(3, 'c'), put('r31', 'put'), free('o', 'kfree'))], 'unbind')],
  }));
  for (const mode of ['any', 'timed'] as const) cases.push([`32 reference counts, the last one dropped (${mode})`, counts32, mode, 0]);
  // Two tasks free one object: the second free faults for sure, so the first ends the execution (Reducer.ends; a review found it counted 5 traces of 9).
  const twoFrees = prog(mini({
    resources: [heap('a')], srcu: [{ id: 'S', label: 'S' }],
    tasks: [task('T0', 0, [fn('t', F, free('a', 'kfree(a)'))]),
      task('T1', 0, [fn('t', F, { op: 'srcu_read_lock', srcu: 'S', what: 'srcu_read_lock' }, { op: 'srcu_read_unlock', srcu: 'S', what: 'srcu_read_unlock' })]),
      task('U', 'at', [fn('u', F, free('a', 'kfree(a)'))], 'unbind')],
  }));
  cases.push(['two tasks free one object (any)', twoFrees, 'any', 0], ['two tasks free one object (timed, every start)', twoFrees, 'timed', null]);
  // A fault made certain one step ahead (R1's second kfree(c)) is not immediate while the unbind may still start now:
  // the execution goes on, so that which executions end there does not depend on the order of independent steps
  // (armedTask; fast-check found both explorers counting 20 traces of 22: after R0's srcu_read_unlock and R1's
  // use of b the fault was cut off, after R1's use and then the unlock the unbind started and freed b first).
  const srcuLock = { op: 'srcu_read_lock', srcu: 'S', what: 'srcu_read_lock' } as const;
  const srcuUnlock = { op: 'srcu_read_unlock', srcu: 'S', what: 'srcu_read_unlock' } as const;
  const lockedFree = () => [fn('reader', F, srcuLock, lock('L', 'lock'), use('b', 'use b'), free('c', 'kfree(c)'), unlock('L', 'unlock'), srcuUnlock)];
  cases.push(['a certain fault one step ahead, and an unbind that may still start now (timed, every start)', prog(mini({
    resources: [heap('b'), heap('c')], locks: [{ id: 'L', label: 'L' }], srcu: [{ id: 'S', label: 'S' }],
    tasks: [task('R0', 0, lockedFree()), task('R1', 0, lockedFree()), task('U', 'at', [fn('unbind', F, free('b', 'kfree(b)'))], 'unbind')],
  })), 'timed', null]);
  // A state change written into freed memory faults (engine.ts): a reader frees what the worker then powers off.
  const stateOnFreed = prog(mini({
    resources: [heap('a')], flags: [{ id: 'gone', label: 'gone', initial: false }],
    tasks: [task('R', 0, [fn('reader', F, cpu(2, 'cpu'), free('a', 'kfree(a)'))]),
      task('W', 1, [fn('worker', F, wait('gone', 'wait for gone'), state('a', 'off', 'power off'))], 'worker'),
      task('U', 'at', [fn('unbind', F, set('gone', true, 'gone = true'))], 'unbind')],
  }));
  cases.push(['a state change of what a reader freed (any)', stateOnFreed, 'any', 0], ['a state change of what a reader freed (timed, every start)', stateOnFreed, 'timed', null]);
  // Arriving at a step can read what it waits on (footprint.ts arriveOwn; a review's generator found each, with both
  // explorers answering alike and wrongly). A wait with a timeout reads its flag on arrival: set, no wait; clear, the
  // timeout starts. Here R clears f while W's move brings it up to the wait: Always was answered for a Sometimes.
  cases.push(['arriving at a wait with a timeout reads its flag (timed, lat 0)', prog(mini({
    resources: [heap('o')], flags: [{ id: 'f', label: 'f', initial: true }, { id: 'h', label: 'h', initial: false }],
    tasks: [task('R', 1, [fn('reader', F, set('f', false, 'f = false'), cpu(1, 'cpu'), free('o', 'kfree(o)'))]),
      task('W', 1, [fn('worker', F, set('h', true, 'h = true'), wait('f', 'wait f', 2), use('o', 'use o'))], 'worker')],
  })), 'timed', 0]);
  // With latency windows, an unlock (or a set) wakes the tasks already waiting with a window, not those arriving
  // after it: arriving at a mutex or at a wait for a flag reads it (Never was answered for a Sometimes in both).
  cases.push(['arriving at a mutex with latency windows (timed, lat 3)', prog(mini({
    resources: [heap('o')], locks: [{ id: 'M', label: 'M' }],
    tasks: [task('R', 1, [fn('reader', F, lock('M', 'lock M'), unlock('M', 'unlock M'), cpu(1, 'cpu'), free('o', 'kfree(o)'))]),
      task('U', 'at', [fn('unbind', F, lock('M', 'lock M'), use('o', 'use o'), unlock('M', 'unlock M'))], 'unbind')],
  }), { lat: 3 }), 'timed', 2]);
  cases.push(['arriving at a wait for a flag with latency windows (timed, lat 1)', prog(mini({
    resources: [heap('o')], flags: [{ id: 'g', label: 'g', initial: false }],
    tasks: [task('R', 2, [fn('reader', F, set('g', true, 'g = true'), free('o', 'kfree(o)'))]),
      task('U', 'at', [fn('unbind', F, wait('g', 'wait for g'), use('o', 'use o'))], 'unbind')],
  }), { lat: 1 }), 'timed', 2]);
  // A revive (a state change back to alive) during someone's I/O faults nobody (engine.ts faultsIfMoved): it was taken
  // for a possible end of the execution, so it had no sleep set and traces were counted twice (4 of 3).
  cases.push(['a revive during an I/O (any)', prog(mini({
    resources: [{ id: 'clk', label: 'clk', kind: 'clock', owner: 'test', file: F }],
    tasks: [task('R', 0, [fn('reader', F, state('clk', 'alive', 'clk_enable'))]),
      task('I', 0, [fn('irq_handler', F, io(['clk'], 3, 'io clk'))], 'irq'),
      task('U', 'at', [fn('unbind', F, cpu(1, 'cpu'))], 'unbind')],
  })), 'any', null]);
  // An SRCU reader's unlock and synchronize_srcu()'s snapshot commute in mode any (footprint.ts): the reader is out of
  // the domain and of the snapshot either way. Locking before or after the snapshot, and the wait ending before or after
  // the unlock when the snapshot is empty, stay apart: three traces (four while the unlock and the snapshot conflicted).
  const srcuReader = () => [fn('reader', F, { op: 'srcu_read_lock', srcu: 'S', what: 'srcu_read_lock' }, { op: 'srcu_read_unlock', srcu: 'S', what: 'srcu_read_unlock' })];
  const unlockVsSnapshot = prog(mini({
    resources: [heap('a')], srcu: [{ id: 'S', label: 'S' }],
    tasks: [task('R', 0, srcuReader()), task('U', 'at', [fn('unbind', F, { op: 'synchronize_srcu', srcu: 'S', what: 'synchronize_srcu' })], 'unbind')],
  }));
  cases.push(['an SRCU unlock and a grace-period snapshot (any)', unlockVsSnapshot, 'any', null],
    ['an SRCU unlock and a grace-period snapshot (timed, every start)', unlockVsSnapshot, 'timed', null]);
  it('an SRCU unlock and a grace-period snapshot, in mode any: three traces', () => {
    expect(exploreTraces({ program: unlockVsSnapshot, mode: 'any', at: null }).executions).toBe(3);
  });
  it.each(cases)('%s', (_name, program, mode, at) => {
    const [reduced, unreduced] = both(program, mode, at);
    const brute = bruteTraces(program, mode, at);
    expect(summary(reduced)).toEqual(summary(unreduced));
    expect(reduced.executions).toBe(brute.executions);
    expect(reduced.faulting).toBe(brute.faulting);
    expect(reduced.counterexample?.moves ?? -1).toBe(brute.shortest);
    expectReplays(program, mode, reduced);
  });
});

// ---------------------------------------------------------------------------
// The built-in scenarios at small random parameters.
// ---------------------------------------------------------------------------

describe('built-in questions (fast-check over parameters): reduced = unreduced, verdict = interleavings', () => {
  it('every scenario, kernel and fix set, one or two readers, erase, read, sleep, at, lat', () => {
    const FIXES: FixId[][] = [[], ['notifier-sleep'], ['srcu-drain'], ['devres-group'], ['notifier-sleep', 'srcu-drain', 'devres-group']];
    const runs = Number(process.env.RUNS_BUILTIN ?? 40);
    let capped = 0;
    let compared = 0;
    fc.assert(fc.property(
      fc.constantFrom<ScenarioId>('qspi-unbind', 'flash-unbind', 'devres-order'), fc.constantFrom('6.14-rc7', '6.12.117', 'mainline'),
      fc.constantFrom(...FIXES), fc.constantFrom<Mode>('any', 'timed'),
      fc.record({
        readers: fc.integer({ min: 1, max: 2 }), read: fc.integer({ min: 1, max: 400_000 }), sleep: fc.integer({ min: 0, max: 400_000 }),
        erase: fc.option(fc.integer({ min: 1, max: 3_000_000 }), { nil: null }), at: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
        lat: fc.constantFrom(0, 0, 50, 5_000), parts: fc.integer({ min: 0, max: 2 }),
      }),
      (scenario, kernel, fixes, mode, p) => {
        // Keep the unreduced side affordable: one task beside the readers at most in mode any.
        const params: ParamOverrides = mode === 'any' ? { ...p, readers: 1, erase: p.readers > 1 ? null : p.erase } : p;
        const program = buildProgram(scenario, kernel, fixes.filter((f) => kernel !== 'mainline' || f !== 'devres-group'), params);
        const at = mode === 'timed' ? params.at ?? null : null;
        const [reduced, unreduced] = both(program, mode, at, 400_000);
        const where = JSON.stringify({ scenario, kernel, fixes, mode, params });
        const exact = exploreInterleavings({ program, mode, at, maxStates: 400_000 });
        if (reduced.incomplete) {
          // Durations of a few µs inside latency windows leave timed mode nearly as free as mode any:
          // such a question may stop at the cap. What it proved must still hold.
          capped++;
          if (reduced.verdict !== 'Unknown' && !exact.incomplete) expect(reduced.verdict, where).toBe(exact.verdict);
          if (reduced.faulting > 0) expectReplays(program, mode, reduced);
          return;
        }
        // The unreduced search stores more states: where it stops at the cap its counts are lower bounds.
        if (!unreduced.incomplete) {
          compared++;
          expect(summary(reduced), where).toEqual(summary(unreduced));
        }
        if (!exact.incomplete) {
          expect(reduced.verdict, where).toBe(exact.verdict);
          expect(reduced.counterexample?.moves ?? -1, where).toBe(exact.counterexample?.moves ?? -1);
        }
        expectReplays(program, mode, reduced);
      }), { numRuns: runs, seed: Number(process.env.SEED ?? 9) });
    // Almost every question of this range completes, and most are compared with the unreduced search.
    expect(capped).toBeLessThanOrEqual(runs / 10);
    expect(compared).toBeGreaterThanOrEqual(runs / 2);
  });

  it('mode any, two readers: interleavings with symmetry = without (counts, shortest fault), in about half the states', () => {
    const FIXES: FixId[][] = [[], ['srcu-drain'], ['notifier-sleep', 'srcu-drain']];
    fc.assert(fc.property(
      // devres-order has one reader.
      fc.constantFrom<ScenarioId>('qspi-unbind', 'flash-unbind'), fc.constantFrom('6.14-rc7', '6.12.117', 'mainline'),
      fc.constantFrom(...FIXES), fc.integer({ min: 0, max: 2 }),
      (scenario, kernel, fixes, parts) => {
        const program = buildProgram(scenario, kernel, fixes, { readers: 2, parts });
        const sym = exploreInterleavings({ program, mode: 'any', at: null });
        const plain = exploreInterleavings({ program, mode: 'any', at: null, symmetry: false });
        const where = JSON.stringify({ scenario, kernel, fixes, parts });
        expect(sym.incomplete, where).toBe(false);
        expect(plain.incomplete, where).toBe(false);
        expect(summary(sym), where).toEqual(summary(plain));
        expect(sym.states, where).toBeLessThan(plain.states * 0.6);
        expectReplays(program, 'any', sym);
      }), { numRuns: Number(process.env.RUNS_SYM ?? 4), seed: Number(process.env.SEED ?? 12) });
  });

  it('explore() counts traces in both modes and says so; exploreInterleavings counts interleavings', () => {
    const small = buildProgram('devres-order', DEFAULT_KERNEL, [], {});
    expect(explore({ program: small, mode: 'any', at: null }).counting).toBe('traces');
    expect(exploreInterleavings({ program: small, mode: 'any', at: null }).counting).toBe('interleavings');
    expect(explore({ program: small, mode: 'timed', at: null }).counting).toBe('traces');
    const large = buildProgram('flash-unbind', DEFAULT_KERNEL, ['notifier-sleep'], { readers: 4, read: 120_000 });
    const v = explore({ program: large, mode: 'timed', at: null });
    expect(v.counting).toBe('traces');
    expect(v.incomplete).toBe(false);
    // The same question counted as interleavings: the same verdict and shortest fault, from four times the states or more.
    const inter = exploreInterleavings({ program: large, mode: 'timed', at: null });
    expect(inter.incomplete).toBe(false);
    expect(inter.verdict).toBe(v.verdict);
    expect(inter.counterexample?.moves).toBe(v.counterexample?.moves);
    expect(inter.states).toBeGreaterThan(4 * v.states);
    // Mode any, two readers: the same verdict and shortest fault as the interleavings, from fewer states.
    const two = buildProgram('flash-unbind', DEFAULT_KERNEL, ['srcu-drain'], { readers: 2 });
    const tr = explore({ program: two, mode: 'any', at: null });
    const il = exploreInterleavings({ program: two, mode: 'any', at: null });
    expect([tr.incomplete, il.incomplete]).toEqual([false, false]);
    expect(tr.verdict).toBe(il.verdict);
    expect(tr.counterexample?.moves).toBe(il.counterexample?.moves);
    expect(tr.states).toBeLessThan(il.states / 3);
  });
});

// ---------------------------------------------------------------------------
// Eight readers.
// ---------------------------------------------------------------------------

describe('three and four readers: the counterexample survives symmetry', () => {
  it('timed, every scenario, kernel and fix set: a complete Sometimes has a counterexample as short as the interleaving search\'s, and it replays', () => {
    const FIXES: FixId[][] = [[], ['notifier-sleep'], ['srcu-drain'], ['devres-group'], ['notifier-sleep', 'srcu-drain', 'devres-group']];
    const sometimes = [0, 0, 0, 0, 0];
    fc.assert(fc.property(
      fc.constantFrom<ScenarioId>('qspi-unbind', 'flash-unbind'), fc.constantFrom('6.14-rc7', '6.12.117', 'mainline'),
      fc.constantFrom(...FIXES), fc.integer({ min: 3, max: 4 }), fc.boolean(), fc.integer({ min: 0, max: 2 }),
      (scenario, kernel, asked, readers, eraser, parts) => {
        const fixes = asked.filter((f) => kernel !== 'mainline' || f !== 'devres-group');
        const program = buildProgram(scenario, kernel, fixes, { readers, parts, erase: eraser ? 1_000_000 : null });
        const v = exploreTraces({ program, mode: 'timed', at: null });
        const where = JSON.stringify({ scenario, kernel, fixes, readers, eraser, parts });
        expect(v.incomplete, where).toBe(false);
        if (v.verdict !== 'Sometimes') return;
        sometimes[readers]!++;
        const exact = exploreInterleavings({ program, mode: 'timed', at: null });
        if (!exact.incomplete) expect(v.counterexample?.moves, where).toBe(exact.counterexample?.moves);
        expectReplays(program, 'timed', v);
      }), { numRuns: Number(process.env.RUNS_MANY ?? 8), seed: Number(process.env.SEED ?? 1) });
    // Both sizes met a Sometimes: a counterexample of three and of four readers was checked.
    expect(sometimes[3]).toBeGreaterThan(0);
    expect(sometimes[4]).toBeGreaterThan(0);
  });
});

describe('eight readers complete under the default state cap', () => {
  it.each([
    ['flash-unbind', ['notifier-sleep'], { readers: 8, read: 120_000 }, 'Sometimes'],
    ['qspi-unbind', ['srcu-drain'], { readers: 8 }, 'Never'],
    ['flash-unbind', [], { readers: 4, erase: 1_000_000 }, 'Sometimes'],
  ] as [ScenarioId, FixId[], ParamOverrides, string][])('timed: %s %j %j', (scenario, fixes, params, want) => {
    const program = buildProgram(scenario, DEFAULT_KERNEL, fixes, params);
    const v = explore({ program, mode: 'timed', at: null });
    expect(v.incomplete).toBe(false);
    expect(v.verdict).toBe(want);
    expectReplays(program, 'timed', v);
  });
});

describe('progress says Sometimes once it is proved, and only then', () => {
  /** The search's answer, and the progress report that first said Sometimes (null: none did). */
  const watch = (program: Program, mode: Mode, at: number | null, maxStates?: number) => {
    let first = null as { states: number; generated: number } | null;
    let said = 0;
    const v = exploreTraces({
      program, mode, at, ...(maxStates === undefined ? {} : { maxStates }),
      onProgress: (p) => { if (p.sometimes) { said++; first ??= { states: p.states, generated: p.generated }; } },
    });
    return { v, first, said };
  };

  it('a complete search said Sometimes exactly when its verdict is Sometimes, once, and before it ended (random small programs)', () => {
    const seen = { sometimes: 0, other: 0 };
    fc.assert(fc.property(miniArb(3), ({ program, mode, at }) => {
      const { v, first, said } = watch(program, mode, at);
      expect(v.incomplete).toBe(false);
      expect(first !== null).toBe(v.verdict === 'Sometimes');
      if (first) {
        // These searches are far shorter than PROGRESS_EVERY: the one report is the moment it was proved.
        expect(said).toBe(1);
        expect(first.generated).toBeLessThanOrEqual(v.generated);
        expect(first.states).toBeLessThanOrEqual(v.states);
        seen.sometimes++;
      } else seen.other++;
    }), { numRuns: Number(process.env.RUNS ?? 150), seed: Number(process.env.SEED ?? 20261206) });
    expect(seen.sometimes).toBeGreaterThan(0);
    expect(seen.other).toBeGreaterThan(0);
  });

  it('a search cut short at the cap that said Sometimes answers Sometimes (random small programs, caps of 1 to 4 states)', () => {
    let cut = 0;
    fc.assert(fc.property(miniArb(3), fc.integer({ min: 1, max: 4 }), ({ program, mode, at }, cap) => {
      const { v, first } = watch(program, mode, at, cap);
      if (first) expect(v.verdict).toBe('Sometimes');
      if (v.incomplete && first) cut++;
    }), { numRuns: Number(process.env.RUNS ?? 150), seed: Number(process.env.SEED ?? 20261207) });
    expect(cut).toBeGreaterThan(0);
  });

  it('three readers in mode any, at a cap far below the answer: Sometimes is said within the first states', () => {
    const program = buildProgram('qspi-unbind', DEFAULT_KERNEL, [], { readers: 3 });
    const { v, first } = watch(program, 'any', null, 20_000);
    expect(v.incomplete).toBe(true);
    expect(v.verdict).toBe('Sometimes');
    expect(first).not.toBeNull();
    expect(first!.states).toBeLessThan(1000);
  });
});

describe('speedcheck: the search stops once Sometimes is proved (herd7 -speedcheck), and changes nothing else', () => {
  it('a Sometimes stays Sometimes with lower counts and a counterexample that replays; a Never or an Always is the same search (random small programs)', () => {
    const seen = { sometimes: 0, stoppedEarly: 0, other: 0 };
    fc.assert(fc.property(miniArb(3), ({ program, mode, at }) => {
      const full = exploreTraces({ program, mode, at });
      const fast = exploreTraces({ program, mode, at, speedcheck: true });
      if (full.verdict !== 'Sometimes') {
        expect(fast).toEqual(full);
        seen.other++;
        return;
      }
      seen.sometimes++;
      expect(fast.verdict).toBe('Sometimes');
      expect(fast.speedcheck).toBe(true);
      expect(fast.incomplete).toBe(true);
      expect(fast.shortest).toBe(false);
      expect(fast.faulting).toBeGreaterThan(0);
      expect(fast.faulting).toBeLessThanOrEqual(full.faulting);
      expect(fast.executions - fast.faulting).toBeGreaterThan(0);
      expect(fast.executions - fast.faulting).toBeLessThanOrEqual(full.executions - full.faulting);
      expect(fast.states).toBeLessThanOrEqual(full.states);
      expect(fast.counterexample).not.toBeNull();
      expectReplays(program, mode, fast);
      if (fast.generated < full.generated) seen.stoppedEarly++;
    }), { numRuns: Number(process.env.RUNS ?? 150), seed: Number(process.env.SEED ?? 20261208) });
    expect(seen.sometimes).toBeGreaterThan(0);
    expect(seen.stoppedEarly).toBeGreaterThan(0);
    expect(seen.other).toBeGreaterThan(0);
  });

  it('three readers in mode any: Sometimes within the first states, its counterexample replays', () => {
    const program = buildProgram('qspi-unbind', DEFAULT_KERNEL, [], { readers: 3 });
    const v = exploreTraces({ program, mode: 'any', at: null, speedcheck: true });
    expect(v).toMatchObject({ verdict: 'Sometimes', speedcheck: true, incomplete: true });
    expect(v.states).toBeLessThan(1000);
    expectReplays(program, 'any', v);
  });
});
