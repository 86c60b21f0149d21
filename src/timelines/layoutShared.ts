/**
 * Lanes shared by tasks: locks (owner and waiters), flags, SRCU domains, and
 * the fault with its cause. Pure, in the same data coordinates as layout.ts.
 */
import { ERR_FLAG, type Trace } from '../sim/index.ts';
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

function endOf(trace: Trace): { s: number; t: number } {
  const n = trace.events.length;
  return { s: n, t: trace.fault ? trace.fault.t : Math.max(trace.end, n ? trace.events[n - 1]!.t : 0) };
}

export function layoutLocks(trace: Trace): LockLane[] {
  const end = endOf(trace);
  return trace.program.locks.map((l, lock) => {
    const holds: Hold[] = [];
    const held = new Map<number, { seq: number; t: number }>();
    const prevOf = new Map<number, number>();
    for (const e of trace.events) {
      if (e.lock === lock && e.type === 'lock.acquire') {
        if (e.waitFrom < e.t) {
          const s0 = (prevOf.get(e.task) ?? e.seq - 1) + 1;
          holds.push({ id: `w${lock}:${e.seq}`, task: e.task, seq: e.seq, waiting: true, s0, s1: e.seq, t0: e.waitFrom, t1: e.t });
        }
        held.set(e.task, { seq: e.seq, t: e.t });
      } else if (e.lock === lock && e.type === 'lock.release') {
        const h = held.get(e.task);
        if (h) holds.push({ id: `h${lock}:${h.seq}`, task: e.task, seq: h.seq, waiting: false, s0: h.seq, s1: e.seq + 1, t0: h.t, t1: e.end });
        held.delete(e.task);
      }
      prevOf.set(e.task, e.seq);
    }
    for (const [task, h] of held) holds.push({ id: `h${lock}:${h.seq}`, task, seq: h.seq, waiting: false, s0: h.seq, s1: end.s, t0: h.t, t1: end.t });
    return { lock, label: l.label, holds };
  }).filter((l) => l.holds.length > 0);
}

export function layoutFlags(trace: Trace): FlagLane[] {
  const end = endOf(trace);
  return trace.program.flags.map((f, flag) => {
    const on: (Span & { id: string })[] = [];
    const marks: FlagLane['marks'][number][] = [];
    let value = f.initial;
    let since = { s: 0, t: 0 };
    for (const e of trace.events) {
      if (e.flag !== flag || e.flag === ERR_FLAG) continue;
      if (e.type === 'flag.set') {
        marks.push({ id: `m${flag}:${e.seq}`, seq: e.seq, t: e.t, task: e.task, kind: 'set', hit: e.value });
        if (e.value !== value) {
          if (value) on.push({ id: `o${flag}:${on.length}`, s0: since.s, s1: e.seq + 0.5, t0: since.t, t1: e.t });
          value = e.value;
          since = { s: e.seq + 0.5, t: e.t };
        }
      } else if (e.type === 'flag.check') {
        marks.push({ id: `m${flag}:${e.seq}`, seq: e.seq, t: e.t, task: e.task, kind: 'check', hit: e.value });
      }
    }
    if (value) on.push({ id: `o${flag}:${on.length}`, s0: since.s, s1: end.s, t0: since.t, t1: end.t });
    return { flag, label: f.label, on, marks };
  }).filter((f) => f.marks.length > 0);
}

export function layoutSrcu(trace: Trace): SrcuLane[] {
  const end = endOf(trace);
  return trace.program.srcu.map((d, srcu) => {
    const readers: Hold[] = [];
    const grace: Hold[] = [];
    const inside = new Map<number, { seq: number; t: number }>();
    const sync = new Map<number, { seq: number; t: number }>();
    for (const e of trace.events) {
      if (e.srcu !== srcu) continue;
      if (e.type === 'srcu.lock') inside.set(e.task, { seq: e.seq, t: e.t });
      else if (e.type === 'srcu.unlock') {
        const h = inside.get(e.task);
        if (h) readers.push({ id: `sr${srcu}:${h.seq}`, task: e.task, seq: h.seq, waiting: false, s0: h.seq, s1: e.seq + 1, t0: h.t, t1: e.end });
        inside.delete(e.task);
      } else if (e.type === 'srcu.sync.begin') sync.set(e.task, { seq: e.seq, t: e.t });
      else if (e.type === 'srcu.sync.end') {
        const h = sync.get(e.task);
        if (h) grace.push({ id: `sg${srcu}:${h.seq}`, task: e.task, seq: h.seq, waiting: true, s0: h.seq, s1: e.seq + 1, t0: h.t, t1: e.end });
        sync.delete(e.task);
      }
    }
    for (const [task, h] of inside) readers.push({ id: `sr${srcu}:${h.seq}`, task, seq: h.seq, waiting: false, s0: h.seq, s1: end.s, t0: h.t, t1: end.t });
    for (const [task, h] of sync) grace.push({ id: `sg${srcu}:${h.seq}`, task, seq: h.seq, waiting: true, s0: h.seq, s1: end.s, t0: h.t, t1: end.t });
    return { srcu, label: d.label, readers, grace };
  });
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
