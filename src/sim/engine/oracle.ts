/**
 * Brute-force oracles for tests (test-only helper, pure): every execution
 * enumerated path by path, no memo, no reduction. Feasible only for tiny
 * state spaces.
 *
 * - bruteInterleavings: what exploreInterleavings counts.
 * - bruteTraces: what exploreTraces counts: each maximal execution (ending at
 *   a fault, at the first state where a fault is certain and immediate, or
 *   when nothing can move) reduced to its Mazurkiewicz trace by a canonical
 *   form (the lexicographic normal form over (task, step, instant) events),
 *   and the distinct forms counted. Along the way it checks the independence
 *   relation itself: any two moves it calls independent must commute (the
 *   diamond: both orders possible, same state).
 */
import { Machine, WILD, cloneWorld, type World } from './engine.ts';
import { footprints, intersects } from './footprint.ts';
import { armedTask } from './traces.ts';
import type { Mode } from '../catalogue/source.ts';
import type { Program } from './program.ts';

export interface BruteCounts {
  readonly executions: number;
  readonly faulting: number;
  readonly hung: number;
  /** Shortest faulting execution, in moves (-1 if none). */
  readonly shortest: number;
}

function setup(program: Program, mode: Mode, at: number | null) {
  const m = new Machine(program, mode);
  return { m, w0: m.initial(at), moves: (w: World) => m.moves(w) };
}

/** Interleavings, as exploreInterleavings counts them (an execution ends at its first fault). */
export function bruteInterleavings(program: Program, mode: Mode, at: number | null): BruteCounts {
  const { m, w0, moves } = setup(program, mode, at);
  let executions = 0, faulting = 0, hung = 0, shortest = -1;
  const walk = (w: World, depth: number): void => {
    const mv = moves(w);
    if (mv.length === 0) {
      executions++;
      if (m.unfinished(w)) hung++;
      return;
    }
    for (const t of mv) {
      const c = cloneWorld(w);
      m.move(c, t);
      if (c.fault) {
        executions++; faulting++;
        if (shortest < 0 || depth + 1 < shortest) shortest = depth + 1;
      } else walk(c, depth + 1);
    }
  };
  walk(w0, 0);
  return { executions, faulting, hung, shortest };
}

interface Ev { readonly task: number; readonly pc: number; readonly t: number }

/** Traces, as exploreTraces counts them. Throws if two moves called independent do not commute. */
export function bruteTraces(program: Program, mode: Mode, at: number | null): BruteCounts {
  const { m, w0, moves } = setup(program, mode, at);
  const fp = footprints(program, m);
  const W = fp.W;
  const timed = mode === 'timed';
  const dependent = (x: Ev, y: Ev): boolean => {
    if (x.task === y.task || (timed && x.t !== y.t)) return true;
    const X = fp.tasks[x.task]!, Y = fp.tasks[y.task]!;
    return intersects(X.fp, x.pc * W, Y.cm, y.pc * W, W);
  };
  const form = (evs: readonly Ev[]): string => {
    const rest = evs.slice();
    const out: string[] = [];
    while (rest.length) {
      let pick = -1;
      for (let i = 0; i < rest.length; i++) {
        let free = true;
        for (let j = 0; j < i && free; j++) if (dependent(rest[j]!, rest[i]!)) free = false;
        if (free && (pick < 0 || rest[i]!.task < rest[pick]!.task)) pick = i;
      }
      const e = rest.splice(pick, 1)[0]!;
      out.push(`${e.task}.${e.pc}@${e.t}`);
    }
    return out.join(' ');
  };
  const rel = (w: World, t: number) => (w.a[m.oReady + t] === WILD ? 0 : w.a[m.oReady + t]!);
  // Mode any forgets time: its states are equal whatever the clocks say.
  const keyLen = timed ? m.size : m.oReady;
  const same = (a: World, b: World) => (!timed || a.now === b.now) && !a.fault === !b.fault && a.a.every((x, i) => i >= keyLen || x === b.a[i]);
  const checkDiamond = (w: World, mv: readonly number[]): void => {
    for (const x of mv) for (const y of mv) {
      if (x >= y) continue;
      if (timed && rel(w, x) !== rel(w, y)) continue;
      const ex: Ev = { task: x, pc: w.a[x]!, t: 0 }, ey: Ev = { task: y, pc: w.a[y]!, t: 0 };
      if (dependent(ex, ey)) continue;
      const xy = cloneWorld(w); m.move(xy, x);
      const yx = cloneWorld(w); m.move(yx, y);
      if (xy.fault || yx.fault) continue; // a faulting move ends the execution: nothing follows it
      if (!moves(xy).includes(y) || !moves(yx).includes(x)) throw new Error(`independent moves ${x}, ${y} disable each other at pcs ${w.a[x]}, ${w.a[y]}`);
      m.move(xy, y); m.move(yx, x);
      if (!same(xy, yx)) throw new Error(`independent moves ${x}, ${y} do not commute at pcs ${w.a[x]}, ${w.a[y]}`);
    }
  };
  const all = new Set<string>();
  const faults = new Set<string>();
  const hangs = new Set<string>();
  let shortest = -1;
  const armed = (w: World, mv: readonly number[]) => armedTask(m, w, mv) >= 0;
  const walk = (w: World, evs: Ev[]): void => {
    const mv = moves(w);
    if (mv.length === 0) {
      const f = `${form(evs)}|end`;
      all.add(f);
      if (m.unfinished(w)) hangs.add(f);
      return;
    }
    if (armed(w, mv)) {
      const f = `${form(evs)}|certain`;
      all.add(f); faults.add(f);
      if (shortest < 0 || evs.length + 1 < shortest) shortest = evs.length + 1;
      return;
    }
    checkDiamond(w, mv);
    for (const t of mv) {
      const c = cloneWorld(w);
      const pc = c.a[t]!;
      m.move(c, t);
      const ev: Ev = { task: t, pc, t: timed ? c.now : 0 };
      if (c.fault) {
        const f = `${form(evs)}|fault ${t}.${pc}@${ev.t}`;
        all.add(f); faults.add(f);
        if (shortest < 0 || evs.length + 1 < shortest) shortest = evs.length + 1;
      } else walk(c, [...evs, ev]);
    }
  };
  walk(cloneWorld(w0), []);
  return { executions: all.size, faulting: faults.size, hung: hangs.size, shortest };
}
