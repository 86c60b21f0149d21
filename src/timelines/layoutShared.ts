/**
 * Lanes shared by tasks: locks (owner and waiters), flags, SRCU domains, and
 * the fault with its cause. Pure, in the same data coordinates as layout.ts.
 */
import { ERR_FLAG, flagIntervals, lockHolds, srcuIntervals, type Interval, type Trace } from '../sim/index.ts';
import type { Point, Span } from './layout.ts';

export interface Hold extends Span {
  readonly id: string;
  readonly task: number;
  readonly seq: number;
  readonly waiting: boolean;
}

export interface LockLane {
  readonly lock: number;
  readonly label: string;
  /** Held intervals (owner) and, with `waiting`, intervals a task waited for it. */
  readonly holds: readonly Hold[];
}

export interface FlagLane {
  readonly flag: number;
  readonly label: string;
  /** Intervals where the flag is true. */
  readonly on: readonly (Span & { readonly id: string })[];
  readonly marks: readonly (Point & { readonly id: string; readonly task: number; readonly kind: 'set' | 'check'; readonly hit: boolean })[];
}

export interface SrcuLane {
  readonly srcu: number;
  readonly label: string;
  /** Read-side critical sections per task, and grace periods (`task` = the waiter). */
  readonly readers: readonly Hold[];
  readonly grace: readonly Hold[];
}

export interface FaultMark extends Point {
  readonly task: number;
  readonly res: number;
  readonly accessed: number;
  readonly kind: string;
  /** The free / disable that killed the resource. */
  readonly cause: (Point & { readonly task: number; readonly res: number }) | null;
}

export function layoutLocks(trace: Trace): LockLane[] {
  const all = lockHolds(trace);
  return trace.program.locks.map((l, lock) => {
    const holds: Hold[] = [];
    for (const h of all[lock]!) {
      if (h.waitFrom < h.t0) holds.push({ id: `w${lock}:${h.seq0}`, task: h.task, seq: h.seq0, waiting: true, s0: h.waitSeq, s1: h.seq0, t0: h.waitFrom, t1: h.t0 });
      holds.push({ id: `h${lock}:${h.seq0}`, task: h.task, seq: h.seq0, waiting: false, s0: h.seq0, s1: h.open ? h.seq1 : h.seq1 + 1, t0: h.t0, t1: h.t1 });
    }
    return { lock, label: l.label, holds };
  }).filter((l) => l.holds.length > 0);
}

export function layoutFlags(trace: Trace): FlagLane[] {
  const all = flagIntervals(trace);
  return trace.program.flags.map((f, flag) => {
    // A change takes effect in the middle of its step column.
    const on = all[flag]!.map((i, k) => ({ id: `o${flag}:${k}`, s0: i.task < 0 ? 0 : i.seq0 + 0.5, s1: i.open ? i.seq1 : i.seq1 + 0.5, t0: i.t0, t1: i.t1 }));
    const marks: FlagLane['marks'][number][] = [];
    for (const e of trace.events) {
      if (e.flag !== flag || e.flag === ERR_FLAG) continue;
      if (e.type === 'flag.set' || e.type === 'flag.check') {
        marks.push({ id: `m${flag}:${e.seq}`, seq: e.seq, t: e.t, task: e.task, kind: e.type === 'flag.set' ? 'set' : 'check', hit: e.value });
      }
    }
    return { flag, label: f.label, on, marks };
  }).filter((f) => f.marks.length > 0);
}

export function layoutSrcu(trace: Trace): SrcuLane[] {
  const all = srcuIntervals(trace);
  const hold = (srcu: number, prefix: string, waiting: boolean) => (i: Interval): Hold =>
    ({ id: `${prefix}${srcu}:${i.seq0}`, task: i.task, seq: i.seq0, waiting, s0: i.seq0, s1: i.open ? i.seq1 : i.seq1 + 1, t0: i.t0, t1: i.t1 });
  return trace.program.srcu.map((d, srcu) => ({
    srcu, label: d.label, readers: all[srcu]!.readers.map(hold(srcu, 'sr', false)), grace: all[srcu]!.grace.map(hold(srcu, 'sg', true)),
  }));
}

export function layoutFault(trace: Trace): FaultMark | null {
  const f = trace.fault;
  if (!f) return null;
  const e = trace.events.findLast((x) => x.type === 'fault');
  if (!e) return null;
  const c = f.causeEvent >= 0 ? trace.events[f.causeEvent] : undefined;
  return {
    seq: e.seq, t: e.t, task: f.task, res: f.res, accessed: f.accessed, kind: f.kind,
    cause: c ? { seq: c.seq, t: c.t, task: c.task, res: c.res[0] ?? f.res } : null,
  };
}
