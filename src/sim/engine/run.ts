/**
 * run(): one execution as a trace. The schedule picks a task at each decision
 * point (a point where more than one task can make its next visible move);
 * -1 or a missing entry means the default policy (earliest time first).
 */
import type { Micros, Mode } from '../catalogue/source.ts';
import { reportFor } from '../report/report.ts';
import { Machine, type Sink } from './engine.ts';
import type { Program } from './program.ts';
import type { Decision, SimEvent, Trace } from './trace.ts';
import type { Counterexample } from './verdict.ts';

export interface RunOptions {
  readonly program: Program;
  readonly mode: Mode;
  /** When the unbind starts (µs). */
  readonly at: Micros;
  /** Task index per decision point; -1 = default. */
  readonly schedule?: readonly number[];
  /** Internal: the exact task of every move (used to replay explorer paths). */
  readonly guide?: readonly number[];
}

/** Hard stop for pathological inputs; built-in runs have a few hundred events. */
const MAX_MOVES = 200_000;

export function run(opts: RunOptions): Trace {
  const { program, mode, at } = opts;
  const m = new Machine(program, mode);
  const w = m.init(at, false);
  const sink: Sink = { events: [], killedBy: new Int32Array(program.resources.length).fill(-1), arrive: new Float64Array(program.tasks.length) };
  m.normalizeAll(w, sink);
  const decisions: { seq: number; candidates: number[]; chosen: number }[] = [];
  const path: number[] = [];
  let diverged: Trace['diverged'] = null;
  let moves = 0;
  while (!w.fault && moves < MAX_MOVES) {
    const cands = m.candidates(w);
    if (cands.length === 0) break;
    let pick = cands[0]!;
    const guided = opts.guide?.[moves];
    if (guided !== undefined) {
      pick = cands.includes(guided) ? guided : m.preferred(w, cands);
    } else if (cands.length > 1) {
      const want = opts.schedule?.[decisions.length];
      if (want !== undefined && want >= 0 && !cands.includes(want) && !diverged) {
        diverged = { decision: decisions.length, wanted: want, candidates: cands };
      }
      pick = want !== undefined && want >= 0 && cands.includes(want) ? want : m.preferred(w, cands);
    }
    if (cands.length > 1) decisions.push({ seq: sink.events.length, candidates: cands, chosen: pick });
    m.move(w, pick, sink);
    path.push(pick);
    moves++;
  }
  const hung = w.fault ? [] : program.tasks.flatMap((_, i) => (m.done(w, i) ? [] : [i]));
  return finish(program, sink, decisions, w.fault, hung, diverged, path);
}

/**
 * Is this run's order of moves one a timed question with `at` unset explores
 * (explore.ts: the unbind starts at 0 or right after a step of another task)?
 * Its moves replayed with the unbind's start left open: each must be one the
 * explorer may take there, and the replay must end as the run did (a fault,
 * or nothing left to move). A run whose unbind starts between two steps of
 * the others can order its later steps as no explored start does.
 */
export function exploredOrder(trace: Trace): boolean {
  const m = new Machine(trace.program, 'timed');
  const w = m.initial(null);
  for (const t of trace.moves) {
    if (w.fault || !m.moves(w).includes(t)) return false;
    m.move(w, t);
  }
  return trace.fault ? w.fault !== null : w.fault === null && m.moves(w).length === 0;
}

/**
 * Tasks run their invisible steps eagerly, so events are emitted slightly out
 * of time order; put them in time order (stable), and drop what other tasks
 * would only have done after the fault (the trace ends at the Oops).
 */
function finish(
  program: Program, sink: Sink, decisions: { seq: number; candidates: number[]; chosen: number }[],
  fault: Trace['fault'], hung: number[], diverged: Trace['diverged'], moves: readonly number[],
): Trace {
  let evs = sink.events.slice();
  if (fault) evs = evs.filter((e) => e.t <= fault.t || e.type === 'fault');
  evs.sort((a, b) => a.t - b.t || (a.type === 'fault' ? 1 : 0) - (b.type === 'fault' ? 1 : 0) || a.seq - b.seq);
  const map = new Map<number, number>();
  evs.forEach((e, i) => map.set(e.seq, i));
  const remap = (seq: number) => map.get(seq) ?? -1;
  const events: SimEvent[] = evs.map((e, i) => {
    const f = e.fault ? { ...e.fault, causeEvent: e.fault.causeEvent >= 0 ? remap(e.fault.causeEvent) : -1 } : undefined;
    return f ? { ...e, seq: i, fault: f } : { ...e, seq: i };
  });
  const outFault = events.find((e) => e.type === 'fault')?.fault ?? null;
  const ds: Decision[] = decisions.map((d) => ({ event: remap(d.seq), candidates: d.candidates, chosen: d.chosen }));
  const end = events.reduce((mx, e) => Math.max(mx, e.end), 0);
  return {
    program, events, decisions: ds, fault: outFault,
    report: outFault ? reportFor(program, outFault, events) : null,
    hung, diverged, end, moves,
  };
}

/** A faulting path an explorer found (the unbind starting at `at`), replayed to the schedule run() takes. */
export function counterexampleOf(program: Program, mode: Mode, at: Micros, path: readonly number[]): Counterexample {
  const trace = run({ program, mode, at, guide: path });
  return { at, schedule: trace.decisions.map((d) => d.chosen), moves: path.length };
}
