/**
 * Every unbind start, exactly (mode timed, `at` unset): can
 * some start fault, and can some start end without a fault? The explorer
 * (explore.ts) starts the unbind only at 0 or right after a step of another
 * task; a start between two of their steps can give an order none of those
 * gives (starts.test.ts). Here the start y stays symbolic instead.
 *
 * A state holds an interval [lo, hi] of starts that all took the same moves,
 * and the worlds at both ends. Along one order of moves every clock is
 * max(B, y + A) in y (a sum of costs, or a wake at another task's time: only
 * `+ a constant` and `max` ever build a time), so the two ends determine it:
 * v(y) = max(v(lo), y - hi + v(hi)). The difference of two such clocks is
 * monotone in y, so the starts at which a task is the next to move form an
 * interval, found by bisection; with integer costs its ends are integers.
 * Restricted to it, the worlds at its ends are interpolated and moved by the
 * engine itself (Machine.move), so the step semantics are the engine's.
 *
 * Reachability only: it looks for one kind of end (a fault, or an end
 * without one) at any start, and stops at the first, so nothing is counted.
 * A state whose two ends are the same world up to a shift in time is the
 * same at every start between them: it keeps one end. A state where one
 * task moves next at every start of its interval is followed without being
 * stored (the cap counts the states with a choice); every eighth state of
 * such a chain is remembered apart, up to half the cap (then that memo
 * starts over), so that a walk reaching it again stops there. States are keyed by
 * the canonical key of the low end (identical readers sorted, symmetry.ts)
 * with the high end's clocks in the same order, so equal keys are renamings.
 *
 * Reductions. A state with one start is a concrete timed world: there
 * the search tries only the reduced explorer's persistent set (traces.ts,
 * reduce below), and an interval of at most START_SPLIT starts is followed
 * one start at a time so that its states are such worlds. The longer
 * intervals (the starts still ahead of the others' steps) keep every move.
 *
 * With a latency window the candidates are those whose next step comes no
 * later than every enabled task's window closes: a window's end is a clock
 * too (a wake adds `lat`, moving on takes the max with `now`), so the same
 * bisection finds them. A mutex hand-off wakes a waiter only if it has
 * arrived by the unlock (engine.ts `unlock`), a difference of two clocks
 * again: a move's interval is cut where the set of waiters it wakes changes,
 * and each piece is followed alone (handoffCuts).
 */
import { Machine, copyWorld, type World } from './engine.ts';
import type { Program } from './program.ts';
import { StateTable } from './stateTable.ts';
import { Canon } from './symmetry.ts';
import { PROGRESS_EVERY, type ExploreProgress } from './verdict.ts';
import { memoStates, startsKeyLen } from './everyStartLayout.ts';
import { Reducer } from './traces.ts';

/** A start and the order of moves from it (as the explorers' faulting paths: run.ts counterexampleOf). */
export interface StartWitness {
  readonly at: number;
  readonly path: readonly number[];
}

/** What to look for: an execution that faults, or one that ends without a fault (finished or hung). */
export type StartEnd = 'fault' | 'clean';

export interface EveryStart {
  /** A start and an order that ends as asked, or null: none (complete) or none found (stopped at the cap). */
  readonly found: StartWitness | null;
  /** Every start was searched (a witness ends the search early: complete). */
  readonly complete: boolean;
  readonly states: number;
  readonly generated: number;
  readonly memoryBytes: number;
  /** Starts past this one behave as it does (every other task is done or stuck by then). */
  readonly horizon: number;
}

export interface EveryStartOptions {
  readonly want: StartEnd;
  readonly maxStates: number;
  /** Called every PROGRESS_EVERY moves. */
  readonly onProgress?: (p: ExploreProgress) => void;
  /** Remember a state of a forced chain every this many moves (default START_CHECKPOINT; 0: none). */
  readonly checkpoint?: number;
  /** Called with each state stored: its starts [lo, hi], its ends and the moves to it (the tests check worldAt against runs). */
  readonly onState?: (lo: number, hi: number, wl: World, wh: World, path: readonly number[]) => void;
  /** Persistent sets at states with one start (default true). */
  readonly por?: boolean;
  /** Intervals of at most this many starts are followed one start at a time (default START_SPLIT; 1: none split). */
  readonly split?: number;
}

/**
 * A start past which nothing changes: the other tasks' clocks only grow by
 * their own costs, by waits for each other and (with a latency window) by at
 * most `lat` per step (a step starts by the end of its window), and programs
 * have no loops (compile.ts: every jump goes forward, `repeat` is unrolled),
 * so without the unbind every one of their steps happens before the latest
 * fixed start plus all their costs and windows. Started later, the unbind
 * meets the same world, only later.
 */
export function startHorizon(p: Program): number {
  let start = 0;
  let costs = 0;
  p.tasks.forEach((t, i) => {
    if (i === p.unbindTask) return;
    start = Math.max(start, t.start);
    for (const s of t.steps) costs += s.cost + p.params.lat;
  });
  return start + costs + 1;
}

/** Intervals of at most this many starts are followed one start at a time (EveryStartOptions.split): persistent sets apply there. */
export const START_SPLIT = 16;

/** How many forced moves apart the states of a chain the search remembers are (EveryStartOptions.checkpoint). */
export const START_CHECKPOINT = 8;

/** v at y, from its values at the ends of [lo, hi] (see the file comment). */
const lerp = (vl: number, vh: number, hi: number, y: number): number => Math.max(vl, y - hi + vh);

const NO_CUTS: number[] = [];

/** reduce(): no task can move (an end without a fault: finished or hung). */
const NO_MOVE = -2;

/** When task i's next step starts (late = false), or its window ends, at start y of the state with ends wl, wh (hi: the high end). */
function clockAt(m: Machine, wl: World, wh: World, hi: number, i: number, late: boolean, y: number): number {
  const al = wl.a, ah = wh.a;
  let tl = wl.now + al[m.oReady + i]!, th = wh.now + ah[m.oReady + i]!;
  if (late) { tl += al[m.oSlack + i]!; th += ah[m.oSlack + i]!; }
  return lerp(tl, th, hi, y);
}

/** The world at start y (lo <= y <= hi) of a state with ends wl, wh, into out: what a run from start y along the state's moves reaches. */
export function worldAt(m: Machine, wl: World, wh: World, hi: number, y: number, out: World): World {
  copyWorld(out, wl);
  if (wl === wh) return out;
  const now = lerp(wl.now, wh.now, hi, y);
  out.now = now;
  const a = out.a;
  for (let i = 0; i < m.nTasks; i++) {
    const t = clockAt(m, wl, wh, hi, i, false, y);
    a[m.oReady + i] = t - now;
    a[m.oSlack + i] = clockAt(m, wl, wh, hi, i, true, y) - t;
  }
  return out;
}

export function everyStart(program: Program, opts: EveryStartOptions): EveryStart {
  const { want, maxStates, onProgress } = opts;
  const every = opts.checkpoint ?? START_CHECKPOINT;
  const split = opts.split ?? START_SPLIT;
  const m = new Machine(program, 'timed');
  const n = m.nTasks;
  const { oReady, oSlack } = m;
  const horizon = program.unbindTask >= 0 ? startHorizon(program) : 0;
  let generated = 0;
  const canon = new Canon(m, program, true, true);
  const keyLen = startsKeyLen(program);
  const ids = new StateTable(keyLen);
  let passed = new StateTable(keyLen);
  /** The most memory the chain memo held (it starts over when full). */
  let passedPeak = 0;
  const memoCap = memoStates(maxStates);
  const key = new Int32Array(keyLen);
  const R = opts.por === false ? null : new Reducer(program, 'timed', true);

  /**
   * A state on the DFS path: its starts [lo, hi], the worlds at both ends (one world when lo = hi), the moves to try,
   * and the pieces of the current move still to follow (task, lo, hi; a hand-off cut, handoffCuts).
   */
  interface Frame { lo: number; hi: number; wl: World; wh: World; moves: readonly number[]; tries: readonly number[]; i: number; pend: number[]; via: readonly number[] }
  /** Two worlds per DFS depth, reused: a frame's worlds live as long as the frame (a successor not kept is overwritten). */
  const pool: World[] = [];
  const slot = (k: number): World => (pool[k] ??= { a: new Int32Array(m.size), now: 0, fault: null });

  /** When a's next step starts (or its window ends, aLate) less when b's does (bLate), at start y of f: monotone in y (the file comment). */
  const gap = (f: Frame, a: number, aLate: boolean, b: number, bLate: boolean, y: number): number =>
    clockAt(m, f.wl, f.wh, f.hi, a, aLate, y) - clockAt(m, f.wl, f.wh, f.hi, b, bLate, y);
  /** The first y in (lo, hi] where that gap changes sign (at most once: it is monotone), by bisection. */
  const cut = (f: Frame, a: number, aLate: boolean, b: number, bLate: boolean, lo: number, hi: number): number => {
    const low = gap(f, a, aLate, b, bLate, lo) <= 0;
    let x = lo, z = hi;
    while (z - x > 1) { const c = x + Math.floor((z - x) / 2); if (gap(f, a, aLate, b, bLate, c) <= 0 === low) x = c; else z = c; }
    return z;
  };

  /**
   * The starts in [lo, hi] at which t may move next (into spanLo, spanHi):
   * those where its next step comes no later than every enabled task's
   * window closes (engine.ts candidates). Each condition is monotone in y: an
   * interval, bisected. False when there are none.
   */
  let spanLo = 0, spanHi = 0;
  const window = (f: Frame, t: number): boolean => {
    let lo = f.lo, hi = f.hi;
    for (const j of f.moves) {
      const gl = gap(f, t, false, j, true, lo), gh = lo === hi ? gl : gap(f, t, false, j, true, hi);
      if (gl <= 0 && gh <= 0) continue;
      if (gl > 0 && gh > 0) return false;
      if (gl <= 0) hi = cut(f, t, false, j, true, lo, hi) - 1;
      else lo = cut(f, t, false, j, true, lo, hi);
    }
    spanLo = lo; spanHi = hi;
    return true;
  };

  /**
   * With a latency window, where in [lo, hi] the waiters that t's unlock wakes change (engine.ts `unlock`: a
   * waiter at a lock of that mutex that has arrived by the unlock), ascending: each cut starts a piece. Empty
   * when the move wakes the same waiters at every start of [lo, hi] (or is no unlock).
   */
  const handoffCuts = (f: Frame, t: number, lo: number, hi: number): number[] => {
    if (m.lat === 0 || lo === hi) return NO_CUTS;
    const s = m.step(f.wl, t);
    if (s?.kind !== 'unlock') return NO_CUTS;
    let cuts = NO_CUTS;
    for (let j = 0; j < n; j++) {
      const js = m.step(f.wl, j);
      if (j === t || js?.kind !== 'lock' || js.lock !== s.lock) continue;
      if (gap(f, j, false, t, false, lo) <= 0 === gap(f, j, false, t, false, hi) <= 0) continue;
      const c = cut(f, j, false, t, false, lo, hi);
      if (cuts === NO_CUTS) cuts = [];
      if (!cuts.includes(c)) cuts.push(c);
    }
    return cuts.sort((x, y) => x - y);
  };

  /** The one task that moves next at every start of f, or -1 when some start has another (or a tie). */
  const forcedMove = (f: Frame): number => {
    let one = -1;
    for (const t of f.moves) {
      if (!window(f, t)) continue;
      if (one >= 0 || spanLo !== f.lo || spanHi !== f.hi) return -1;
      one = t;
    }
    // A hand-off that wakes different waiters at different starts is a choice of the start: a state with a choice.
    return one >= 0 && handoffCuts(f, one, f.lo, f.hi).length > 0 ? -1 : one;
  };
  /** The enabled tasks: a list shared by every state with the same ones (Machine.listOf). */
  const enabledOf = (w: World): readonly number[] => m.listOf(m.enabledMask(w), -1);

  /** The state's key: the low end's canonical key, the high end's clocks renamed alike, the shift between the ends. */
  const keyOf = (lo: number, hi: number, wl: World, wh: World): Int32Array => {
    const k = canon.canon(wl, 0);
    key.set(k);
    let o = canon.keyLen;
    for (let c = 0; c < n; c++) {
      const i = canon.inv[c]!;
      key[o++] = wh.a[oReady + i]!;
      if (canon.slackKeyed) key[o++] = wh.a[oSlack + i]!;
    }
    key[o++] = wh.now - wl.now;
    key[o] = hi - lo;
    return key;
  };

  /** Same world at both ends, up to a shift in time: every start between them is that world, so f keeps the low end alone. */
  const collapse = (f: Frame): void => {
    if (f.wl === f.wh) return;
    const al = f.wl.a, ah = f.wh.a;
    for (let k = 0; k < al.length; k++) if (al[k] !== ah[k]) return;
    f.hi = f.lo;
    f.wh = f.wl;
  };
  /**
   * The moves at f (f.moves) and those to try (f.tries); then the one move forced at every start of f, or -1, or
   * NO_MOVE when no task can move (an end). At a state with one start (f.wl = f.wh) the world is a concrete timed
   * one: its moves are the candidates (the same windows decide who moves next: the earliest window's end is a
   * candidate's), and those tried are the reduced explorer's persistent set there (traces.ts Reducer;
   * EveryStartOptions.por). Programs have no loops, so the states form a DAG, and a search that follows a
   * persistent set at each state reaches every kind of end the full search reaches (a fault, a finish, a hang:
   * persistent sets keep every deadlock, and an end is one), stored states or not. An interval keeps every
   * enabled task, each tried at the starts where it may move next.
   */
  const reduce = (f: Frame): number => {
    const one = R !== null && f.wl === f.wh;
    f.moves = f.tries = one ? m.moves(f.wl) : enabledOf(f.wl);
    if (f.moves.length === 0) return NO_MOVE;
    if (!one) return forcedMove(f);
    if (f.moves.length === 1) return f.moves[0]!;
    const next = R.forced(f.wl, f.moves, 0);
    if (next < 0) f.tries = R.lastSet;
    return next;
  };
  /** Task t moves at every start of f: both ends move, and f collapses if they meet. */
  const moveBoth = (f: Frame, t: number): void => {
    m.move(f.wl, t);
    if (f.wh !== f.wl) { m.move(f.wh, t); collapse(f); }
    generated++;
    if (onProgress && (generated & (PROGRESS_EVERY - 1)) === 0) onProgress({ states: ids.size, generated });
  };

  const root: Frame = { lo: 0, hi: horizon, wl: m.initial(0), wh: m.initial(horizon), moves: [], tries: [], i: 0, pend: [], via: [] };
  collapse(root);
  root.moves = root.tries = enabledOf(root.wl);
  ids.add(keyOf(root.lo, root.hi, root.wl, root.wh));
  const stack: Frame[] = [root];
  let found: StartWitness | null = null;
  let complete = true;
  const path = (chain: readonly number[]): number[] => [...stack.flatMap((f) => f.via), ...chain];

  if (root.moves.length === 0 && want === 'clean') found = { at: 0, path: [] };
  while (stack.length && !found) {
    const top = stack[stack.length - 1]!;
    let t: number, lo: number, hi: number;
    if (top.pend.length > 0) {
      [t, lo, hi] = top.pend.splice(0, 3) as [number, number, number];
    } else {
      if (top.i >= top.tries.length) { stack.pop(); continue; }
      t = top.tries[top.i++]!;
      if (!window(top, t)) continue;
      lo = spanLo; hi = spanHi;
      const cuts = handoffCuts(top, t, lo, hi);
      if (cuts.length > 0) {
        // Follow [lo, first cut) now, the other pieces next.
        for (let k = 0; k < cuts.length; k++) top.pend.push(t, cuts[k]!, k + 1 < cuts.length ? cuts[k + 1]! - 1 : hi);
        hi = cuts[0]! - 1;
      }
    }
    // A short interval is followed one start at a time (the others next): each is a concrete world, where
    // persistent sets apply (reduce).
    if (hi > lo && hi - lo < split) {
      for (let y = hi; y > lo; y--) top.pend.unshift(t, y, y);
      hi = lo;
    }
    const d = 2 * stack.length;
    const wl = worldAt(m, top.wl, top.wh, top.hi, lo, slot(d));
    const chain = [t];
    const cur: Frame = { lo, hi, wl, wh: hi > lo ? worldAt(m, top.wl, top.wh, top.hi, hi, slot(d + 1)) : wl, moves: [], tries: [], i: 0, pend: [], via: chain };
    moveBoth(cur, t);
    // Forced moves (one task moves next at every start of the state) are followed without storing the states between.
    let end = false;
    for (;;) {
      // A move that faults leaves the world as it was before it: check the fault before the memo, whose key would be
      // that earlier state's.
      if (wl.fault) { if (want === 'fault') found = { at: lo, path: path(chain) }; end = true; break; }
      const next = reduce(cur);
      if (next === NO_MOVE) { if (want === 'clean') found = { at: lo, path: path(chain) }; end = true; break; }
      if (next < 0) break;
      // Every `every` forced moves a state of the chain is remembered (up to half the cap, apart from the states
      // with a choice): a later walk that reaches it stops there, its future being searched already (or
      // searched: a state on a chain leads to a stored state or an end).
      if (every > 0 && chain.length % every === 0) {
        const k = keyOf(cur.lo, cur.hi, wl, cur.wh);
        if (passed.get(k) >= 0) { end = true; break; }
        // Full: it starts over, so that it holds the chains of the part of the space being searched now.
        if (passed.size >= memoCap) { passedPeak = Math.max(passedPeak, passed.bytes); passed = new StateTable(keyLen); }
        passed.add(k);
      }
      moveBoth(cur, next);
      chain.push(next);
    }
    if (end) continue;
    const k = keyOf(cur.lo, cur.hi, wl, cur.wh);
    if (ids.get(k) >= 0) continue;
    if (ids.size >= maxStates) { complete = false; continue; }
    ids.add(k);
    stack.push(cur);
    opts.onState?.(cur.lo, cur.hi, cur.wl, cur.wh, path([]));
  }
  return { found, complete: complete || found !== null, states: ids.size, generated, memoryBytes: ids.bytes + Math.max(passedPeak, passed.bytes), horizon };
}
