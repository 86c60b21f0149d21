/**
 * The explorer: every execution the model allows, for one scenario, fix set
 * and parameters, counted over the state graph (memoised on states, never by
 * enumerating paths). Verdicts use herd7/LKMM wording: Never / Sometimes /
 * Always a fault.
 *
 * - mode `any`: at every scheduling point any enabled task may move next.
 * - mode `timed`: durations as given; ties (incl. every mutex hand-off order)
 *   branch; with `at` unset the unbind starts at 0 or right after a visible
 *   step of another task (engine.ts WILD). Only those starts: one between two
 *   of their steps shifts the unbind's later steps against their later ones
 *   and can give an interleaving none of these gives (starts.test.ts). A
 *   latency window likewise lets a woken task run at once or right after a
 *   step of another task inside it, not at the instants between.
 * Executions are counted up to the reordering of invisible steps. explore()
 * sends both modes to the reduced explorer (traces.ts), which counts traces;
 * this file's exploreInterleavings counts interleavings, memoised on states
 * up to renaming identical readers: the cross-check (tests, the bench).
 */
import { Machine, cloneWorld, copyWorld, pooledWorld, type World } from './engine.ts';
import { INF, StateCounts, StateTable } from './stateTable.ts';
import { Canon } from './symmetry.ts';
import { ChainCache } from './chainCache.ts';
import { counterexampleOf } from './run.ts';
import { exploreTraces } from './traces.ts';
import type { Mode } from '../catalogue/source.ts';
import type { Program } from './program.ts';
import {
  DEFAULT_MAX_STATES, PROGRESS_EVERY, COUNTING, verdictWord, type Counterexample, type Counting, type ExploreOptions, type Verdict,
} from './verdict.ts';

export {
  DEFAULT_MAX_STATES, PROGRESS_EVERY, COUNTING, verdictWord,
  type Counterexample, type Counting, type ExploreOptions, type ExploreProgress, type Verdict, type VerdictWord,
} from './verdict.ts';
export { exploreTraces, type TraceOptions } from './traces.ts';

interface Frame {
  id: number;
  w: World;
  /** Canonical numbering of this state's key (actual -> canonical). */
  perm: Int32Array;
  moves: number[];
  i: number;
  viaMove: number;
  total: number;
  faulting: number;
  hung: number;
  depth: number;
  best: number;
}

/**
 * Every interleaving, memoised on states up to renaming identical readers
 * (symmetry.ts): permuting them maps interleavings to interleavings one to
 * one, so symmetric states have the same counts and the same distance to a
 * fault, and the counts stay those of the plain search.
 */
export function exploreInterleavings(opts: ExploreOptions): Verdict {
  const { program, mode } = opts;
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES;
  const onProgress = opts.onProgress;
  const m = new Machine(program, mode);
  const w0 = m.initial(opts.at);

  // Any mode forgets time: the key holds no clocks there.
  const canon = new Canon(m, program, mode === 'timed', opts.symmetry !== false);
  const ids = new StateTable(canon.keyLen);
  const tab = new StateCounts();
  const scratch: World = { a: new Int32Array(m.size), now: 0, fault: null };
  const pool: World[] = [];
  const permPool: Int32Array[] = [];
  let incomplete = false;
  let generated = 0;

  /** A frame for a state just added as `id`; canon.perm is still its numbering. */
  const frame = (w: World, id: number, viaMove: number, depthNow: number): Frame => {
    const perm = canon.keepPerm(permPool, depthNow);
    return { id, w, perm, moves: m.moves(w), i: 0, viaMove, total: 0, faulting: 0, hung: 0, depth: INF, best: -1 };
  };
  const record = (f: Frame) => {
    tab.ensure(f.id);
    tab.total[f.id] = f.total; tab.faulting[f.id] = f.faulting; tab.hung[f.id] = f.hung; tab.depth[f.id] = f.depth; tab.best[f.id] = f.best;
  };
  const fold = (p: Frame, t: number, fl: number, h: number, d: number, move: number) => {
    p.total += t; p.faulting += fl; p.hung += h;
    if (d < INF && d + 1 < p.depth) { p.depth = d + 1; p.best = p.perm[move]!; }
  };

  const root = frame(w0, ids.add(canon.canon(w0, 0)), -1, 0);
  const stack: Frame[] = [root];
  if (root.moves.length === 0) { root.total = 1; root.hung = m.unfinished(w0) ? 1 : 0; }

  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.i < top.moves.length && !incomplete) {
      const move = top.moves[top.i++]!;
      m.move(copyWorld(scratch, top.w), move);
      generated++;
      if (onProgress && (generated & (PROGRESS_EVERY - 1)) === 0) onProgress({ states: ids.size, generated });
      if (scratch.fault) { fold(top, 1, 1, 0, 0, move); continue; }
      const key = canon.canon(scratch, 0);
      const seen = ids.get(key);
      if (seen >= 0) {
        fold(top, tab.total[seen]!, tab.faulting[seen]!, tab.hung[seen]!, tab.depth[seen]!, move);
        continue;
      }
      // The cap: never store more than maxStates states; what is left unexplored makes the answer incomplete.
      if (ids.size >= maxStates) { incomplete = true; continue; }
      const w = pooledWorld(pool, stack.length, scratch);
      const f = frame(w, ids.add(key), move, stack.length);
      if (f.moves.length === 0) {
        f.total = 1; f.hung = m.unfinished(w) ? 1 : 0;
        record(f);
        fold(top, 1, 0, f.hung, INF, move);
        continue;
      }
      stack.push(f);
      continue;
    }
    stack.pop();
    record(top);
    const parent = stack[stack.length - 1];
    if (parent) fold(parent, top.total, top.faulting, top.hung, top.depth, top.viaMove);
  }

  const fl = tab.faulting[0]!;
  const tot = tab.total[0]!;
  return {
    verdict: verdictWord(fl, tot, incomplete), faulting: fl, executions: tot, counting: 'interleavings', approximate: tot > Number.MAX_SAFE_INTEGER,
    hung: tab.hung[0]!, states: ids.size, generated, incomplete, maxStates, memoryBytes: ids.bytes + tab.bytes, shortest: !incomplete,
    counterexample: fl > 0 ? counterexample(m, w0, canon, ids, tab, program, mode, opts.at) : null,
  };
}

/** Follows the best (shortest-to-fault) moves from the root and turns them into a replayable run. */
function counterexample(
  m: Machine, w0: World, canon: Canon, ids: StateTable, tab: StateCounts, program: Program, mode: Mode, fixedAt: number | null,
): Counterexample | null {
  const u = program.unbindTask;
  const w = cloneWorld(w0);
  const path: number[] = [];
  // -1: the start is chosen on the path (each start the search tries).
  let at = u >= 0 && m.isWild(w0, u) ? -1 : fixedAt ?? 0;
  for (let guard = 0; guard < 1_000_000; guard++) {
    const id = ids.get(canon.canon(w, 0));
    if (id < 0) return null;
    const b = tab.best[id]!;
    if (b < 0) return null;
    const mv = canon.inv[b]!;
    if (mv === u && m.isWild(w, u)) at = w.now;
    path.push(mv);
    m.move(w, mv);
    if (w.fault) break;
  }
  return counterexampleOf(program, mode, at < 0 ? w.now : at, path);
}

/**
 * The most memory a search of this question keeps at the state cap: the state
 * table and the counts at `maxStates` states, with the old copy of whichever
 * is growing, and the reduced explorer's chain memo (chainCache.ts). Each
 * state's key is canon.keyLen words, known before searching.
 * The page and the CLI say it next to the cap: a cap is a memory bound too.
 */
export function memoryBound(program: Program, mode: Mode, maxStates: number = DEFAULT_MAX_STATES): number {
  const keyLen = new Canon(new Machine(program, mode), program, mode === 'timed', true).keyLen;
  return StateTable.peakBytes(maxStates, keyLen) + StateCounts.peakBytes(maxStates) + ChainCache.peakBytes(maxStates, keyLen);
}

/**
 * Every execution of the question, counted as traces in both modes (the
 * reduced explorer, traces.ts). Mode any counted interleavings until the
 * chain memo (chainCache.ts) made the reduced explorer fast enough there: it
 * keeps three to six times fewer states (qspi-unbind 6.14-rc7 srcu-drain
 * readers=3: 492,157 against 2,311,321 for interleavings with symmetry, 13.9 s
 * against 7.2 s), so with three readers, or two and an eraser, the questions
 * whose answer is Never complete under the default cap where the
 * interleavings stop; where both complete it can be about twice as slow
 * (three questions of one or two readers measured: 0.4-2.4 s against
 * 0.2-1.1 s). `counting` forces one of them (tests, the bench).
 */
export function explore(opts: ExploreOptions & { readonly counting?: Counting }): Verdict {
  const counting = opts.counting ?? COUNTING;
  return counting === 'traces' ? exploreTraces(opts) : exploreInterleavings(opts);
}
