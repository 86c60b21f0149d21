/**
 * The trace read once: who held each lock and who waited for it, each
 * resource's states over time, SRCU read sections and grace periods, each
 * flag's true intervals. The swim lanes, the text block and the trace export
 * all draw from these, so they cannot disagree about when a lock was held or
 * a resource died. Times are µs, `seq` are event indices; an interval still
 * open when the trace ends has `seq1`/`t1` at the end (`open: true`).
 */
import type { ResState } from '../catalogue/source.ts';
import { ERR_FLAG } from '../engine/compile.ts';
import type { Trace } from '../engine/trace.ts';

export interface Interval {
  readonly task: number;
  /** The event that opened it. */
  readonly seq0: number;
  readonly t0: number;
  /** The event that closed it (the trace's end when `open`). */
  readonly seq1: number;
  readonly t1: number;
  readonly open: boolean;
}

export interface LockHold extends Interval {
  /** When the task asked for the lock (before `t0` if it waited). */
  readonly waitFrom: number;
  /** The event after the task's previous one: where its wait began in step order. */
  readonly waitSeq: number;
}

export interface ResSegment {
  readonly state: ResState;
  /** The event that brought the resource into this state (-1: its initial state). */
  readonly by: number;
  readonly seq0: number;
  readonly t0: number;
  readonly seq1: number;
  readonly t1: number;
  readonly open: boolean;
}

export interface SrcuIntervals {
  readonly readers: readonly Interval[];
  readonly grace: readonly Interval[];
}

/** Where the trace ends: after its last event, at the fault or the last time anything happened. */
export function traceEnd(trace: Trace): { seq: number; t: number } {
  const n = trace.events.length;
  return { seq: n, t: trace.fault ? trace.fault.t : Math.max(trace.end, n ? trace.events[n - 1]!.t : 0) };
}

/** Per lock: every hold, in the order taken (a wait is the part of a hold before `t0`). */
export function lockHolds(trace: Trace): LockHold[][] {
  const end = traceEnd(trace);
  type Taken = { task: number; seq0: number; t0: number; waitFrom: number; waitSeq: number; seq1: number; t1: number; open: boolean };
  const out = trace.program.locks.map((): Taken[] => []);
  const held = trace.program.locks.map(() => new Map<number, Taken>());
  const prevOf = new Map<number, number>();
  for (const e of trace.events) {
    const h = held[e.lock];
    if (h && e.type === 'lock.acquire') {
      const waitSeq = (prevOf.get(e.task) ?? e.seq - 1) + 1;
      const taken: Taken = { task: e.task, seq0: e.seq, t0: e.t, waitFrom: Math.min(e.waitFrom, e.t), waitSeq, seq1: end.seq, t1: end.t, open: true };
      h.set(e.task, taken);
      out[e.lock]!.push(taken);
    } else if (h && e.type === 'lock.release') {
      const taken = h.get(e.task);
      if (taken) Object.assign(taken, { seq1: e.seq, t1: e.end, open: false });
      h.delete(e.task);
    }
    prevOf.set(e.task, e.seq);
  }
  return out;
}

/** Per resource: its states from the start to the end of the trace (a change takes effect at its event). */
export function resourceSegments(trace: Trace): ResSegment[][] {
  const end = traceEnd(trace);
  return trace.program.resources.map((_, res) => {
    const out: ResSegment[] = [];
    let state: ResState | null = null;
    let since = { by: -1, seq: 0, t: 0 };
    for (const e of trace.events) {
      if ((e.type !== 'res.free' && e.type !== 'res.state') || !e.res.includes(res)) continue;
      state ??= e.from ?? 'alive';
      const to: ResState = e.type === 'res.free' ? 'freed' : e.to ?? state;
      if (to === state) continue;
      out.push({ state, by: since.by, seq0: since.seq, t0: since.t, seq1: e.seq, t1: e.t, open: false });
      state = to;
      since = { by: e.seq, seq: e.seq, t: e.t };
    }
    out.push({ state: state ?? 'alive', by: since.by, seq0: since.seq, t0: since.t, seq1: end.seq, t1: Math.max(end.t, since.t), open: true });
    return out;
  });
}

/** Per SRCU domain: read-side sections per task, and grace periods (`task` = the one in synchronize_srcu). */
export function srcuIntervals(trace: Trace): SrcuIntervals[] {
  const end = traceEnd(trace);
  return trace.program.srcu.map((_, srcu) => {
    const readers: Interval[] = [];
    const grace: Interval[] = [];
    const inside = new Map<number, { seq: number; t: number }>();
    const sync = new Map<number, { seq: number; t: number }>();
    for (const e of trace.events) {
      if (e.srcu !== srcu) continue;
      if (e.type === 'srcu.lock') inside.set(e.task, { seq: e.seq, t: e.t });
      else if (e.type === 'srcu.sync.begin') sync.set(e.task, { seq: e.seq, t: e.t });
      else if (e.type === 'srcu.unlock' || e.type === 'srcu.sync.end') {
        const m = e.type === 'srcu.unlock' ? inside : sync;
        const h = m.get(e.task);
        if (h) (e.type === 'srcu.unlock' ? readers : grace).push({ task: e.task, seq0: h.seq, t0: h.t, seq1: e.seq, t1: e.end, open: false });
        m.delete(e.task);
      }
    }
    for (const [task, h] of inside) readers.push({ task, seq0: h.seq, t0: h.t, seq1: end.seq, t1: end.t, open: true });
    for (const [task, h] of sync) grace.push({ task, seq0: h.seq, t0: h.t, seq1: end.seq, t1: end.t, open: true });
    return { readers, grace };
  });
}

/** Per flag: the intervals where it is true (`task` = who set it; -1 when it starts true). */
export function flagIntervals(trace: Trace): Interval[][] {
  const end = traceEnd(trace);
  return trace.program.flags.map((f, flag) => {
    const out: Interval[] = [];
    let since: { task: number; seq: number; t: number } | null = f.initial ? { task: -1, seq: 0, t: 0 } : null;
    for (const e of trace.events) {
      if (e.type !== 'flag.set' || e.flag !== flag || e.flag === ERR_FLAG) continue;
      if (e.value && !since) since = { task: e.task, seq: e.seq, t: e.t };
      else if (!e.value && since) {
        out.push({ task: since.task, seq0: since.seq, t0: since.t, seq1: e.seq, t1: e.t, open: false });
        since = null;
      }
    }
    if (since) out.push({ task: since.task, seq0: since.seq, t0: since.t, seq1: end.seq, t1: end.t, open: true });
    return out;
  });
}
