/**
 * The execution engine shared by the single runner and the explorer.
 *
 * Semantics (kernel-facts "Model for the visualizer"; PRODUCT.md primitives):
 * - Each task has a program counter and a local clock `ready` (µs): the time
 *   its next step can start. A step that starts at t ends at t + cost.
 * - Invisible steps (frame entry/exit, CPU work, accesses to memory nobody
 *   frees) commute with every other task, so a task runs them eagerly right
 *   after each of its visible steps ("normal form"). Only visible steps are
 *   scheduling points; this is what keeps exploration small.
 * - mutex: a `lock` step is enabled only while the mutex is free; when it is
 *   released every waiter becomes enabled at the same instant, so in timed mode
 *   they tie and *any* of them may be next (kernel mutexes make no FIFO promise
 *   to a waiter racing an optimistic spinner).
 * - SRCU: `synchronize_srcu` snapshots the readers inside the domain and waits
 *   only for those; a reader that leaves is removed from every snapshot, so a
 *   later re-entry is not waited for.
 * - I/O: `io.begin` starts an interval of `cost` µs touching resources; if
 *   another task frees or disables one of them before `io.end`, the I/O task
 *   faults at that instant (its next FIFO read hits the dead resource).
 * - Every access checks the resource and what it depends on (an MMIO window
 *   needs its block enabled, clocked and powered).
 */
import { ERR_FLAG } from './compile.ts';
import type { Fault, FaultKind, Micros, Mode, Program, ResState, SimEvent, Step, EventType } from './types.ts';

export const ST: Readonly<Record<ResState, number>> = { alive: 0, disabled: 1, gated: 2, off: 3, unmapped: 4, freed: 5 };
export const ST_NAMES: readonly ResState[] = ['alive', 'disabled', 'gated', 'off', 'unmapped', 'freed'];

/** `ready` of a task whose start time is still to be chosen by the explorer. */
export const WILD = -1;

export interface World {
  now: number;
  pc: Int32Array;
  ready: Float64Array;
  owner: Int8Array;
  flags: Uint8Array;
  res: Uint8Array;
  err: Uint8Array;
  srcuIn: Int32Array;
  syncWait: Int32Array;
  fault: Fault | null;
}

export function cloneWorld(w: World): World {
  return {
    now: w.now,
    pc: w.pc.slice(),
    ready: w.ready.slice(),
    owner: w.owner.slice(),
    flags: w.flags.slice(),
    res: w.res.slice(),
    err: w.err.slice(),
    srcuIn: w.srcuIn.slice(),
    syncWait: w.syncWait.slice(),
    fault: w.fault,
  };
}

/** Collects events during a run (the explorer passes none). */
export interface Sink {
  events: SimEvent[];
  /** Per resource: seq of the event that took it out of `alive`, or -1. */
  killedBy: Int32Array;
}

/** Precomputed tables for fast access checks. */
export class Machine {
  readonly deps: number[][];
  readonly lockIn: Int32Array;
  readonly flagIn: Int32Array;
  readonly nTasks: number;

  constructor(readonly prog: Program, readonly mode: Mode) {
    const idOf = (id: string) => prog.resources.findIndex((r) => r.id === id);
    this.deps = prog.resources.map((r) => (r.dependsOn ?? []).map(idOf));
    this.lockIn = Int32Array.from(prog.locks.map((l) => (l.in ? idOf(l.in) : -1)));
    this.flagIn = Int32Array.from(prog.flags.map((f) => (f.in ? idOf(f.in) : -1)));
    this.nTasks = prog.tasks.length;
    if (this.nTasks > 30) throw new Error('at most 30 tasks');
  }

  init(at: Micros | null, wildcard: boolean): World {
    const p = this.prog;
    const w: World = {
      now: 0,
      pc: new Int32Array(this.nTasks),
      ready: Float64Array.from(p.tasks.map((t) => (t.start >= 0 ? t.start : wildcard ? WILD : at ?? 0))),
      owner: new Int8Array(p.locks.length).fill(-1),
      flags: Uint8Array.from(p.flags.map((f) => (f.initial ? 1 : 0))),
      res: new Uint8Array(p.resources.length),
      err: new Uint8Array(this.nTasks),
      srcuIn: new Int32Array(p.srcu.length),
      syncWait: new Int32Array(this.nTasks),
      fault: null,
    };
    return w;
  }

  step(w: World, task: number): Step | undefined {
    return this.prog.tasks[task]!.steps[w.pc[task]!];
  }

  done(w: World, task: number): boolean {
    return w.pc[task]! >= this.prog.tasks[task]!.steps.length;
  }

  enabled(w: World, task: number): boolean {
    const s = this.step(w, task);
    if (!s || w.ready[task] === WILD) return false;
    if (s.kind === 'lock') {
      const mem = this.lockIn[s.lock]!;
      return w.owner[s.lock] === -1 || (mem >= 0 && w.res[mem] === ST.freed);
    }
    if (s.kind === 'srcu.wait') return w.syncWait[task] === 0;
    return true;
  }

  eff(w: World, task: number): number {
    const r = w.ready[task]!;
    return r > w.now ? r : w.now;
  }

  /**
   * The tasks that may make the next visible move. Timed: the enabled tasks
   * with the earliest effective time (ties are real choices). Any: every
   * enabled task (any task may be arbitrarily slow).
   */
  candidates(w: World): number[] {
    const out: number[] = [];
    let best = Infinity;
    for (let i = 0; i < this.nTasks; i++) {
      if (!this.enabled(w, i)) continue;
      if (this.mode === 'any') { out.push(i); continue; }
      const t = this.eff(w, i);
      if (t < best) { best = t; out.length = 0; out.push(i); } else if (t === best) out.push(i);
    }
    return out;
  }

  /** Default policy: earliest effective time, then lowest task index (realistic timing). */
  preferred(w: World, cands: readonly number[]): number {
    let pick = cands[0]!;
    for (const c of cands) if (this.eff(w, c) < this.eff(w, pick)) pick = c;
    return pick;
  }

  /** Brings every task to its next visible step (used once at start). */
  normalizeAll(w: World, sink?: Sink): void {
    for (let i = 0; i < this.nTasks; i++) if (w.ready[i] !== WILD) this.normalize(w, i, sink);
  }

  /** Runs a task's invisible steps eagerly until its next visible step or its end. */
  normalize(w: World, task: number, sink?: Sink): void {
    const steps = this.prog.tasks[task]!.steps;
    let pc = w.pc[task]!;
    let t = w.ready[task]!;
    while (pc < steps.length && !steps[pc]!.visible) {
      const s = steps[pc]!;
      let next = pc + 1;
      if (s.kind === 'check') {
        // Only `$err` checks and checks of flags nobody writes are invisible.
        const v = s.flag === ERR_FLAG ? w.err[task] === 1 : w.flags[s.flag] === 1;
        if (v === s.value) next = s.target;
        if (s.flag === ERR_FLAG) w.err[task] = 0;
        else if (v === s.value) w.err[task] = s.errJump ? 1 : 0;
        if (sink) this.emit(sink, w, task, pc, s, t, 'flag.check', { value: v === s.value });
      } else if (sink) {
        this.emit(sink, w, task, pc, s, t, eventType(s));
      }
      t += s.cost;
      pc = next;
    }
    w.pc[task] = pc;
    w.ready[task] = t;
  }

  private emit(sink: Sink, w: World, task: number, pc: number, s: Step, t: number, type: EventType, extra: Partial<SimEvent> = {}): void {
    sink.events.push({
      seq: sink.events.length, type, t, end: t + s.cost, task, pc, what: s.what, res: s.res,
      lock: s.lock, flag: s.flag, srcu: s.srcu, value: s.value, waitFrom: t, ...extra,
    });
    void w;
  }

  /** The first resource an access to `list` finds dead, with the resource accessed. */
  private access(w: World, list: readonly number[]): [number, number] | null {
    for (const r of list) {
      if (w.res[r] !== ST.alive) return [r, r];
      for (const d of this.deps[r]!) if (w.res[d] !== ST.alive) return [d, r];
    }
    return null;
  }

  private faultKind(bad: number, accessed: number, state: number, task: number): FaultKind {
    const kind = this.prog.resources[bad]!.kind;
    const acc = this.prog.resources[accessed]!.kind;
    const irq = this.prog.tasks[task]!.kind === 'irq';
    if (kind === 'heap') return 'use-after-free';
    if (kind === 'mmio') return 'mmio-unmapped';
    if (kind === 'hw') return 'mmio-disabled';
    if (kind === 'clock') return 'mmio-unclocked';
    if (kind === 'power' || state === ST.off) return irq ? 'irq-powered-off' : acc === 'mmio' ? 'mmio-powered-off' : 'powered-off-access';
    return 'use-after-free';
  }

  private raise(w: World, task: number, pc: number, t: number, bad: number, accessed: number, kind: FaultKind | null, sink?: Sink, addr = 0): void {
    const s = this.prog.tasks[task]!.steps[pc]!;
    const state = w.res[bad]!;
    const fault: Fault = {
      kind: kind ?? this.faultKind(bad, accessed, state, task),
      task, t, res: bad, accessed, state: ST_NAMES[state]!, what: s.what, stack: s.stack,
      causeEvent: sink ? sink.killedBy[bad]! : -1,
      addr: addr || s.addr || (this.prog.resources[accessed]!.addr ?? 0),
    };
    w.fault = fault;
    if (sink) this.emit(sink, w, task, pc, s, t, 'fault', { fault, res: [accessed] });
  }

  /**
   * Executes the visible step of `task` (which must be enabled), then brings the
   * task to its next visible step. Mutates `w`.
   */
  move(w: World, task: number, sink?: Sink): void {
    const steps = this.prog.tasks[task]!.steps;
    const pc = w.pc[task]!;
    const s = steps[pc]!;
    if (w.ready[task] === WILD) w.ready[task] = w.now; // the explorer starts the unbind in this gap
    const arrive = w.ready[task]!;
    const t = this.eff(w, task);
    w.now = t;
    let next = pc + 1;
    let extra: Partial<SimEvent> = {};
    let type = eventType(s);

    switch (s.kind) {
      case 'use': case 'io.begin': case 'io.end': {
        const bad = this.access(w, s.res);
        if (bad) return this.raise(w, task, pc, t, bad[0], bad[1], null, sink, s.addr);
        break;
      }
      case 'lock': case 'unlock': {
        const mem = this.lockIn[s.lock]!;
        if (mem >= 0 && w.res[mem] !== ST.alive) return this.raise(w, task, pc, t, mem, mem, 'lock-in-freed-memory', sink);
        w.owner[s.lock] = s.kind === 'lock' ? task : -1;
        if (s.kind === 'lock') extra = { waitFrom: arrive < t ? arrive : t };
        break;
      }
      case 'set': case 'check': {
        if (s.flag >= 0) {
          const mem = this.flagIn[s.flag]!;
          if (mem >= 0 && w.res[mem] !== ST.alive) return this.raise(w, task, pc, t, mem, mem, null, sink);
        }
        if (s.kind === 'set') { w.flags[s.flag] = s.value ? 1 : 0; break; }
        const v = s.flag === ERR_FLAG ? w.err[task] === 1 : w.flags[s.flag] === 1;
        const fail = v === s.value;
        if (s.flag === ERR_FLAG) w.err[task] = 0;
        else if (fail) w.err[task] = s.errJump ? 1 : 0;
        if (fail) next = s.target;
        extra = { value: fail };
        break;
      }
      case 'free': case 'state': {
        const r = s.res[0]!;
        if (s.kind === 'free' && w.res[r] === ST.freed) return this.raise(w, task, pc, t, r, r, 'double-free', sink);
        const from = w.res[r]!;
        w.res[r] = ST[s.to];
        extra = { from: ST_NAMES[from]!, to: s.to };
        if (sink && from === ST.alive && s.to !== 'alive') sink.killedBy[r] = sink.events.length;
        if (sink) this.emit(sink, w, task, pc, s, t, type, extra);
        w.pc[task] = next;
        w.ready[task] = t + s.cost;
        // Anyone in the middle of an I/O on this resource (or on something that
        // depends on it) faults now: its next access hits the dead resource.
        for (let j = 0; j < this.nTasks; j++) {
          const js = this.step(w, j);
          if (j === task || !js || js.kind !== 'io.end') continue;
          const bad = this.access(w, js.res);
          if (bad) return this.raise(w, j, w.pc[j]!, t, bad[0], bad[1], null, sink);
        }
        this.normalize(w, task, sink);
        return;
      }
      case 'srcu.lock':
        w.srcuIn[s.srcu] = w.srcuIn[s.srcu]! | (1 << task);
        break;
      case 'srcu.unlock': {
        const bit = ~(1 << task);
        w.srcuIn[s.srcu] = w.srcuIn[s.srcu]! & bit;
        for (let j = 0; j < this.nTasks; j++) w.syncWait[j] = w.syncWait[j]! & bit;
        break;
      }
      case 'srcu.sync':
        w.syncWait[task] = w.srcuIn[s.srcu]! & ~(1 << task);
        extra = { value: w.syncWait[task] !== 0 };
        break;
      case 'srcu.wait':
        type = 'srcu.sync.end';
        extra = { waitFrom: arrive < t ? arrive : t };
        break;
      default:
        break;
    }
    if (sink) this.emit(sink, w, task, pc, s, t, type, extra);
    w.pc[task] = next;
    w.ready[task] = t + s.cost;
    this.normalize(w, task, sink);
  }
}

function eventType(s: Step): EventType {
  switch (s.kind) {
    case 'start': return 'task.start';
    case 'exit': return 'task.exit';
    case 'enter': return 'fn.enter';
    case 'leave': return 'fn.leave';
    case 'use': return 'res.use';
    case 'io.begin': return 'io.begin';
    case 'io.end': return 'io.end';
    case 'cpu': return 'cpu';
    case 'lock': return 'lock.acquire';
    case 'unlock': return 'lock.release';
    case 'set': return 'flag.set';
    case 'check': return 'flag.check';
    case 'free': return 'res.free';
    case 'state': return 'res.state';
    case 'sleep.begin': return 'sleep.begin';
    case 'sleep.end': return 'sleep.end';
    case 'srcu.lock': return 'srcu.lock';
    case 'srcu.unlock': return 'srcu.unlock';
    case 'srcu.sync': return 'srcu.sync.begin';
    case 'srcu.wait': return 'srcu.sync.end';
  }
}

/** Compact memo key of a world. Timed mode includes each task's lag behind `now`. */
export function worldKey(m: Machine, w: World): string {
  const a: number[] = [];
  for (let i = 0; i < m.nTasks; i++) a.push(w.pc[i]!);
  for (let i = 0; i < w.owner.length; i++) a.push(w.owner[i]! + 1);
  for (let i = 0; i < w.flags.length; i++) a.push(w.flags[i]!);
  for (let i = 0; i < w.res.length; i++) a.push(w.res[i]!);
  for (let i = 0; i < m.nTasks; i++) a.push(w.err[i]!);
  for (let i = 0; i < w.srcuIn.length; i++) a.push(w.srcuIn[i]! & 0xffff, w.srcuIn[i]! >>> 16);
  for (let i = 0; i < m.nTasks; i++) if (w.syncWait[i]) a.push(i, w.syncWait[i]! & 0xffff, w.syncWait[i]! >>> 16);
  if (m.mode === 'timed') {
    a.push(0xffff);
    for (let i = 0; i < m.nTasks; i++) {
      const r = w.ready[i]!;
      const lag = r === WILD ? 0x7fffffff : r > w.now ? r - w.now : 0;
      a.push(lag & 0xffff, lag >>> 16);
    }
  }
  return String.fromCharCode.apply(null, a);
}
