/**
 * Every unbind start, exactly (mode timed, `at` unset, no latency window): can
 * some start fault, and can some start end without a fault? The explorer
 * (explore.ts) starts the unbind only at 0 or right after a step of another
 * task; a start between two of their steps can give an order none of those
 * gives (starts.test.ts). Here the start y stays symbolic instead.
 *
 * A state holds an interval [lo, hi] of starts that all took the same moves,
 * and the worlds at both ends. Along one order of moves every clock is
 * max(B, y + A) in y (a sum of costs, or a wake at another task's time: only
 * `+ cost` and `max` ever build a time), so the two ends determine it:
 * v(y) = max(v(lo), y - hi + v(hi)). The difference of two such clocks is
 * monotone in y, so the starts at which a task is the next to move form an
 * interval, found by bisection; with integer costs its ends are integers.
 * Restricted to it, the worlds at its ends are interpolated and moved by the
 * engine itself (Machine.move), so the step semantics are the engine's.
 *
 * Reachability only: it looks for one kind of end (a fault, or an end
 * without one) at any start, and stops at the first, so nothing is counted.
 * A state whose two ends are the same world up to a shift in time is the
 * same at every start between them: it keeps one end. States are keyed by
 * the canonical key of the low end (identical readers sorted, symmetry.ts)
 * with the high end's clocks in the same order, so equal keys are renamings.
 *
 * With a latency window a mutex hand-off wakes a waiter only if it has
 * arrived (engine.ts `unlock`), a choice that depends on time: not modelled
 * here (`everyStart` refuses it).
 */
import { Machine, copyWorld, type World } from './engine.ts';
import type { Program } from './program.ts';
import { StateTable } from './stateTable.ts';
import { Canon } from './symmetry.ts';
import { PROGRESS_EVERY, type ExploreProgress } from './verdict.ts';

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
}

/**
 * A start past which nothing changes: the other tasks' clocks only grow by
 * their own costs and by waits for each other, so without the unbind every
 * one of their steps happens before the latest fixed start plus all their
 * costs. Started later, the unbind meets the same world, only later.
 */
export function startHorizon(p: Program): number {
  let start = 0;
  let costs = 0;
  p.tasks.forEach((t, i) => {
    if (i === p.unbindTask) return;
    start = Math.max(start, t.start);
    for (const s of t.steps) costs += s.cost;
  });
  return start + costs + 1;
}

/** The words of a state's key (see keyOf): the canonical key of the low end, the high end's clocks, two shifts. */
export function startsKeyLen(program: Program): number {
  const m = new Machine(program, 'timed');
  return new Canon(m, program, true, true).keyLen + 2 * m.nTasks + 2;
}

/** v at y, from its values at the ends of [lo, hi] (see the file comment). */
const lerp = (vl: number, vh: number, hi: number, y: number): number => Math.max(vl, y - hi + vh);

export function everyStart(program: Program, opts: EveryStartOptions): EveryStart {
  const { want, maxStates, onProgress } = opts;
  const m = new Machine(program, 'timed');
  if (m.lat > 0) throw new Error('everyStart: a latency window is not modelled');
  const n = m.nTasks;
  const { oReady, oSlack } = m;
  const horizon = program.unbindTask >= 0 ? startHorizon(program) : 0;
  const canon = new Canon(m, program, true, true);
  const keyLen = startsKeyLen(program);
  const ids = new StateTable(keyLen);
  const key = new Int32Array(keyLen);

  interface Frame { lo: number; hi: number; wl: World; wh: World; moves: number[]; i: number; via: number }
  const blank = (): World => ({ a: new Int32Array(m.size), now: 0, fault: null });

  /** The world at start y (lo <= y <= hi) of a state, into out. */
  const at = (f: Frame, y: number, out: World): World => {
    const { wl, wh, hi } = f;
    copyWorld(out, wl);
    const now = lerp(wl.now, wh.now, hi, y);
    out.now = now;
    const al = wl.a, ah = wh.a, a = out.a;
    for (let i = 0; i < n; i++) {
      const tl = wl.now + al[oReady + i]!, th = wh.now + ah[oReady + i]!;
      const t = lerp(tl, th, hi, y);
      const late = lerp(tl + al[oSlack + i]!, th + ah[oSlack + i]!, hi, y);
      a[oReady + i] = t - now;
      a[oSlack + i] = late - t;
    }
    return out;
  };
  /** A clock of task i at start y: its next step (late = false) or the end of its window. */
  const clock = (f: Frame, i: number, late: boolean, y: number): number => {
    const al = f.wl.a, ah = f.wh.a;
    let tl = f.wl.now + al[oReady + i]!, th = f.wh.now + ah[oReady + i]!;
    if (late) { tl += al[oSlack + i]!; th += ah[oSlack + i]!; }
    return lerp(tl, th, f.hi, y);
  };

  /**
   * The starts in [lo, hi] at which t may move next: those where its next
   * step comes no later than every enabled task's window closes (engine.ts
   * candidates). Each condition is monotone in y: an interval, bisected.
   */
  const window = (f: Frame, t: number, on: readonly number[]): [number, number] | null => {
    let lo = f.lo, hi = f.hi;
    for (const j of on) {
      const g = (y: number) => clock(f, t, false, y) - clock(f, j, true, y);
      const gl = g(lo), gh = g(hi);
      if (gl <= 0 && gh <= 0) continue;
      if (gl > 0 && gh > 0) return null;
      if (gl <= 0) {
        // Rising: the last y with g <= 0.
        let a = lo, b = hi;
        while (b - a > 1) { const c = a + Math.floor((b - a) / 2); if (g(c) <= 0) a = c; else b = c; }
        hi = a;
      } else {
        let a = lo, b = hi;
        while (b - a > 1) { const c = a + Math.floor((b - a) / 2); if (g(c) <= 0) b = c; else a = c; }
        lo = b;
      }
    }
    return [lo, hi];
  };

  const enabledOf = (w: World): number[] => {
    const on: number[] = [];
    for (let i = 0; i < n; i++) if (m.enabled(w, i)) on.push(i);
    return on;
  };

  /** The state's key: the low end's canonical key, the high end's clocks renamed alike, the shift between the ends. */
  const keyOf = (f: Frame): Int32Array => {
    const k = canon.canon(f.wl, 0);
    key.set(k);
    let o = canon.keyLen;
    for (let c = 0; c < n; c++) {
      const i = canon.inv[c]!;
      key[o++] = f.wh.a[oReady + i]!;
      key[o++] = f.wh.a[oSlack + i]!;
    }
    key[o++] = f.wh.now - f.wl.now;
    key[o] = f.hi - f.lo;
    return key;
  };

  /** Same world at both ends, up to a shift in time: every start between them is that world. */
  const collapse = (f: Frame): void => {
    if (f.lo === f.hi) { copyWorld(f.wh, f.wl); f.wh.now = f.wl.now; return; }
    const al = f.wl.a, ah = f.wh.a;
    for (let k = 0; k < al.length; k++) if (al[k] !== ah[k]) return;
    f.hi = f.lo;
    f.wh.now = f.wl.now;
  };

  const frame = (lo: number, hi: number, wl: World, wh: World, via: number): Frame => {
    const f: Frame = { lo, hi, wl, wh, moves: [], i: 0, via };
    collapse(f);
    const on = enabledOf(f.wl);
    // Every enabled task, as the moves to try (window() drops those that never come first).
    f.moves = on;
    return f;
  };

  const wl0 = m.initial(0);
  const wh0 = m.initial(horizon);
  const root = frame(0, horizon, wl0, wh0, -1);
  ids.add(keyOf(root));
  const stack: Frame[] = [root];
  let found: StartWitness | null = null;
  let complete = true;
  let generated = 0;
  const path = (last: number): number[] => [...stack.slice(1).map((f) => f.via), last];

  if (root.moves.length === 0 && want === 'clean') found = { at: 0, path: [] };
  while (stack.length && !found) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.moves.length) { stack.pop(); continue; }
    const t = top.moves[top.i++]!;
    const span = window(top, t, top.moves);
    if (!span) continue;
    const wl = at(top, span[0], blank());
    const wh = at(top, span[1], blank());
    m.move(wl, t);
    m.move(wh, t);
    generated++;
    if (onProgress && (generated & (PROGRESS_EVERY - 1)) === 0) onProgress({ states: ids.size, generated });
    if (wl.fault) { if (want === 'fault') found = { at: span[0], path: path(t) }; continue; }
    const f = frame(span[0], span[1], wl, wh, t);
    if (f.moves.length === 0) { if (want === 'clean') found = { at: span[0], path: path(t) }; continue; }
    const k = keyOf(f);
    if (ids.get(k) >= 0) continue;
    if (ids.size >= maxStates) { complete = false; continue; }
    ids.add(k);
    stack.push(f);
  }
  return { found, complete: complete || found !== null, states: ids.size, generated, memoryBytes: ids.bytes, horizon };
}
