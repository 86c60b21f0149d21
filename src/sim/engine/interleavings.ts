/**
 * The interleaving explorer: the cross-check of the reduced one (traces.ts) in
 * the tests, never used by the page or the CLI (so it is in
 * none of their bundles). It counts every interleaving of the visible steps,
 * memoised on states up to renaming identical readers.
 */
import { Machine, cloneWorld, copyWorld, pooledWorld, type World } from './engine.ts';
import { INF, StateCounts, StateTable } from './stateTable.ts';
import { Canon } from './symmetry.ts';
import { counterexampleOf } from './run.ts';
import type { Mode } from '../catalogue/source.ts';
import type { Program } from './program.ts';
import { DEFAULT_MAX_STATES, PROGRESS_EVERY, verdictWord, type Counterexample, type ExploreOptions, type Verdict } from './verdict.ts';

interface Frame {
  id: number;
  w: World;
  /** Canonical numbering of this state's key (actual -> canonical). */
  perm: Int32Array;
  moves: readonly number[];
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
