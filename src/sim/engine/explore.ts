/**
 * The explorer: every execution the model allows, for one scenario, fix set
 * and parameters, counted over the state graph (memoised on states, never by
 * enumerating paths). Verdicts use herd7/LKMM wording: Never / Sometimes /
 * Always a fault.
 *
 * - mode `any`: at every scheduling point any enabled task may move next.
 * - mode `timed`: durations as given; ties (incl. every mutex hand-off order)
 *   branch; with `at` unset the unbind may start in every gap between two
 *   visible events of the other tasks (start times that give the same
 *   interleaving are one case).
 * Executions are counted up to the reordering of invisible steps. This file's
 * exploreInterleavings counts interleavings (mode any); explore() sends mode
 * timed to the reduced explorer (traces.ts), which counts traces.
 */
import { Machine, cloneWorld, copyWorld, pooledWorld, type World } from './engine.ts';
import { StateTable } from './stateTable.ts';
import { run } from './run.ts';
import { exploreTraces } from './traces.ts';
import type { Mode } from '../catalogue/source.ts';
import type { Program } from './program.ts';
import type { Trace } from './trace.ts';
import {
  DEFAULT_MAX_STATES, PROGRESS_EVERY, countingOf, verdictWord, type Counterexample, type Counting, type ExploreOptions, type Verdict,
} from './verdict.ts';

export {
  DEFAULT_MAX_STATES, PROGRESS_EVERY, countingOf, verdictWord,
  type Counterexample, type Counting, type ExploreOptions, type ExploreProgress, type Verdict, type VerdictWord,
} from './verdict.ts';
export { exploreTraces, type TraceOptions } from './traces.ts';

interface Frame {
  id: number;
  w: World;
  moves: number[];
  i: number;
  viaMove: number;
  total: number;
  faulting: number;
  hung: number;
  depth: number;
  best: number;
}

export function exploreInterleavings(opts: ExploreOptions): Verdict {
  const { program, mode } = opts;
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES;
  const onProgress = opts.onProgress;
  const m = new Machine(program, mode);
  const wildcard = mode === 'timed' && opts.at === null;
  const u = program.unbindTask;
  const w0 = m.init(opts.at ?? 0, wildcard);
  m.normalizeAll(w0);

  // Any mode forgets time: states are equal whatever the clocks say.
  const ids = new StateTable(mode === 'timed' ? m.size : m.oReady);
  const scratch: World = { a: new Int32Array(m.size), now: 0, fault: null };
  const pool: World[] = [];
  const total: number[] = [];
  const faulting: number[] = [];
  const hung: number[] = [];
  const depth: number[] = [];
  const best: number[] = [];
  let incomplete = false;
  let generated = 0;

  const movesOf = (w: World): number[] => {
    const c = m.candidates(w);
    if (wildcard && u >= 0 && m.isWild(w, u)) c.push(u);
    return c;
  };
  const frame = (w: World, id: number, viaMove: number): Frame =>
    ({ id, w, moves: movesOf(w), i: 0, viaMove, total: 0, faulting: 0, hung: 0, depth: Infinity, best: -1 });
  const record = (f: Frame) => {
    total[f.id] = f.total; faulting[f.id] = f.faulting; hung[f.id] = f.hung; depth[f.id] = f.depth; best[f.id] = f.best;
  };
  const fold = (p: Frame, t: number, fl: number, h: number, d: number, move: number) => {
    p.total += t; p.faulting += fl; p.hung += h;
    if (d + 1 < p.depth) { p.depth = d + 1; p.best = move; }
  };

  ids.add(w0.a);
  const root = frame(w0, 0, -1);
  const stack: Frame[] = [root];
  if (root.moves.length === 0) { root.total = 1; root.hung = isHung(m, w0) ? 1 : 0; }

  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.i < top.moves.length && !incomplete) {
      const move = top.moves[top.i++]!;
      m.move(copyWorld(scratch, top.w), move);
      generated++;
      if (onProgress && (generated & (PROGRESS_EVERY - 1)) === 0) onProgress({ states: ids.size, generated });
      if (scratch.fault) { fold(top, 1, 1, 0, 0, move); continue; }
      const seen = ids.get(scratch.a);
      if (seen >= 0) {
        fold(top, total[seen]!, faulting[seen]!, hung[seen]!, depth[seen]!, move);
        continue;
      }
      // The cap: never store more than maxStates states; what is left unexplored makes the answer incomplete.
      if (ids.size >= maxStates) { incomplete = true; continue; }
      const id = ids.add(scratch.a);
      const w = pooledWorld(pool, stack.length, scratch);
      const f = frame(w, id, move);
      if (f.moves.length === 0) {
        f.total = 1; f.hung = isHung(m, w) ? 1 : 0;
        record(f);
        fold(top, 1, 0, f.hung, Infinity, move);
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

  const fl = faulting[0] ?? root.faulting;
  const tot = total[0] ?? root.total;
  return {
    verdict: verdictWord(fl, tot, incomplete), faulting: fl, executions: tot, counting: 'interleavings', approximate: tot > Number.MAX_SAFE_INTEGER,
    hung: hung[0] ?? root.hung, states: ids.size, generated, incomplete, maxStates, memoryBytes: ids.bytes + ids.size * 5 * 8, shortest: !incomplete,
    counterexample: fl > 0 ? counterexample(m, w0, ids, best, wildcard, program, mode, opts.at ?? 0) : null,
  };
}

function isHung(m: Machine, w: World): boolean {
  for (let i = 0; i < m.nTasks; i++) if (!m.done(w, i)) return true;
  return false;
}

/** Follows the best (shortest-to-fault) moves from the root and turns them into a replayable run. */
function counterexample(
  m: Machine, w0: World, ids: StateTable, best: number[], wildcard: boolean, program: Program, mode: Mode, fixedAt: number,
): Counterexample | null {
  const u = program.unbindTask;
  let w = cloneWorld(w0);
  let id = 0;
  const path: number[] = [];
  let at = wildcard ? -1 : fixedAt;
  for (let guard = 0; guard < 1_000_000; guard++) {
    const mv = best[id];
    if (mv === undefined || mv < 0) return null;
    if (wildcard && mv === u && m.isWild(w, u)) at = w.now;
    path.push(mv);
    m.move(w, mv);
    if (w.fault) break;
    const next = ids.get(w.a);
    if (next < 0) return null;
    id = next;
    w = cloneWorld(w);
  }
  if (at < 0) at = w.now;
  const trace: Trace = run({ program, mode, at, guide: path });
  return { at, schedule: trace.decisions.map((d) => d.chosen), moves: path.length };
}

/**
 * Every execution of the question. Mode any counts interleavings
 * (exploreInterleavings); mode timed counts traces with the reduced explorer
 * (traces.ts), which completes timed questions many times larger. In mode
 * any the persistent sets find little to prune in these programs (every
 * reader access conflicts with a free still ahead in the unbind) and cost
 * about six times as much per state, so it keeps the plain search there.
 * `counting` forces one of them (tests, the bench).
 */
export function explore(opts: ExploreOptions & { readonly counting?: Counting }): Verdict {
  const counting = opts.counting ?? countingOf(opts.mode);
  return counting === 'traces' ? exploreTraces(opts) : exploreInterleavings(opts);
}
