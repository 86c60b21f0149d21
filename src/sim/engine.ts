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

/**
 * The whole mutable state in one Int32Array (cheap to clone and to key):
 *   pc[n] err[n] owner+1[L] flags[F] res[R] srcuIn[S] syncWait[n] ready[n]
 * `ready` is stored relative to `now` (0 = can go now; WILD = start not chosen),
 * so timed states that differ only by a shift in time share a key.
 */
export interface World {
  a: Int32Array;
  now: number;
  fault: Fault | null;
}

export function cloneWorld(w: World): World {
  return { a: w.a.slice(), now: w.now, fault: w.fault };
}
/** Stand-in fault for exploration, where only "did it fault" matters. */
const FAULTED: Fault = {
  kind: 'use-after-free', task: -1, t: 0, res: -1, accessed: -1, state: 'freed', what: '', stack: [], causeEvent: -1, addr: 0,
};

/** Collects events during a run (the explorer passes none). */
export interface Sink {
  events: SimEvent[];
  /** Per resource: seq of the event that took it out of `alive`, or -1. */
  killedBy: Int32Array;
  /** Per task: absolute time it reached its current visible step (start of a lock wait). */
  arrive: Float64Array;
}

/** Precomputed tables and the step semantics. */
export class Machine {
  readonly deps: number[][];
  readonly lockIn: Int32Array;
  readonly flagIn: Int32Array;
  readonly nTasks: number;
  /** Offsets into World.a. */
  readonly oPc = 0;
  readonly oErr: number;
  readonly oOwner: number;
  readonly oFlags: number;
  readonly oRes: number;
  readonly oSrcu: number;
  readonly oSync: number;
  readonly oReady: number;
  readonly size: number;
  /** Per task: for an invisible, non-branching step, where its run of such steps ends and their total cost. */
  private readonly skipTo: Int32Array[];
  private readonly skipCost: Float64Array[];
  private readonly lens: Int32Array;

  constructor(readonly prog: Program, readonly mode: Mode) {
    const idOf = (id: string) => prog.resources.findIndex((r) => r.id === id);
    this.deps = prog.resources.map((r) => (r.dependsOn ?? []).map(idOf));
    this.lockIn = Int32Array.from(prog.locks.map((l) => (l.in ? idOf(l.in) : -1)));
    this.flagIn = Int32Array.from(prog.flags.map((f) => (f.in ? idOf(f.in) : -1)));
    const n = (this.nTasks = prog.tasks.length);
    if (n > 30) throw new Error('at most 30 tasks');
    this.oErr = n;
    this.oOwner = 2 * n;
    this.oFlags = this.oOwner + prog.locks.length;
    this.oRes = this.oFlags + prog.flags.length;
    this.oSrcu = this.oRes + prog.resources.length;
    this.oSync = this.oSrcu + prog.srcu.length;
    this.oReady = this.oSync + n;
    this.size = this.oReady + n;
    this.lens = Int32Array.from(prog.tasks.map((t) => t.steps.length));
    this.skipTo = [];
    this.skipCost = [];
    for (const t of prog.tasks) {
      const len = t.steps.length;
      const to = new Int32Array(len + 1);
      const cost = new Float64Array(len + 1);
      to[len] = len;
      for (let pc = len - 1; pc >= 0; pc--) {
        const st = t.steps[pc]!;
        if (st.visible || st.kind === 'check') { to[pc] = pc; cost[pc] = 0; } else { to[pc] = to[pc + 1]!; cost[pc] = st.cost + cost[pc + 1]!; }
      }
      this.skipTo.push(to);
      this.skipCost.push(cost);
    }
  }

  init(at: Micros | null, wildcard: boolean): World {
    const p = this.prog;
    const a = new Int32Array(this.size);
    for (let i = 0; i < p.locks.length; i++) a[this.oOwner + i] = 0;
    p.flags.forEach((f, i) => { a[this.oFlags + i] = f.initial ? 1 : 0; });
    p.tasks.forEach((t, i) => { a[this.oReady + i] = t.start >= 0 ? t.start : wildcard ? WILD : at ?? 0; });
    return { a, now: 0, fault: null };
  }

  isWild(w: World, task: number): boolean { return w.a[this.oReady + task] === WILD; }

  step(w: World, task: number): Step | undefined {
    return this.prog.tasks[task]!.steps[w.a[task]!];
  }

  done(w: World, task: number): boolean {
    return w.a[task]! >= this.lens[task]!;
  }

  enabled(w: World, task: number): boolean {
    const a = w.a;
    const pc = a[task]!;
    if (pc >= this.lens[task]! || a[this.oReady + task] === WILD) return false;
    const s = this.prog.tasks[task]!.steps[pc]!;
    if (s.kind === 'lock') {
      const mem = this.lockIn[s.lock]!;
      return a[this.oOwner + s.lock] === 0 || (mem >= 0 && a[this.oRes + mem] === ST.freed);
    }
    if (s.kind === 'srcu.wait') return a[this.oSync + task] === 0;
    return true;
  }

  /** Absolute time at which the task's next step would start. */
  eff(w: World, task: number): number {
    return w.now + w.a[this.oReady + task]!;
  }

  /**
   * The tasks that may make the next visible move. Timed: the enabled tasks
   * with the earliest effective time (ties are real choices). Any: every
   * enabled task (any task may be arbitrarily slow).
   */
  candidates(w: World): number[] {
    const out: number[] = [];
    const a = w.a;
    let best = Infinity;
    for (let i = 0; i < this.nTasks; i++) {
      if (!this.enabled(w, i)) continue;
      if (this.mode === 'any') { out.push(i); continue; }
      const t = a[this.oReady + i]!;
      if (t < best) { best = t; out.length = 0; out.push(i); } else if (t === best) out.push(i);
    }
    return out;
  }

  /** Default policy: earliest effective time, then lowest task index (realistic timing). */
  preferred(w: World, cands: readonly number[]): number {
    let pick = cands[0]!;
    for (const c of cands) if (w.a[this.oReady + c]! < w.a[this.oReady + pick]!) pick = c;
    return pick;
  }

  /** Brings every task to its next visible step (used once at start). */
  normalizeAll(w: World, sink?: Sink): void {
    for (let i = 0; i < this.nTasks; i++) if (w.a[this.oReady + i] !== WILD) this.normalize(w, i, sink);
  }

  /** Runs a task's invisible steps eagerly until its next visible step or its end. */
  normalize(w: World, task: number, sink?: Sink): void {
    const a = w.a;
    const steps = this.prog.tasks[task]!.steps;
    const len = this.lens[task]!;
    const skipTo = this.skipTo[task]!;
    const skipCost = this.skipCost[task]!;
    let pc = a[task]!;
    let rel = a[this.oReady + task]!;
    while (pc < len) {
      const s = steps[pc]!;
      if (s.visible) break;
      if (s.kind !== 'check' && !sink) { rel += skipCost[pc]!; pc = skipTo[pc]!; continue; }
      let next = pc + 1;
      if (s.kind === 'check') {
        // Only `$err` checks and checks of flags nobody writes are invisible.
        const fail = this.check(a, task, s);
        if (fail) next = s.target;
        if (sink) this.emit(sink, task, pc, s, w.now + rel, 'flag.check', { value: fail });
      } else if (sink) {
        this.emit(sink, task, pc, s, w.now + rel, eventType(s));
      }
      rel += s.cost;
      pc = next;
    }
    a[task] = pc;
    a[this.oReady + task] = rel;
    if (sink) sink.arrive[task] = w.now + rel;
  }

  /**
   * Evaluates a `check` step: true when its error path is taken. A `$err` check
   * consumes the task's error register; a `goto` error path sets it.
   */
  private check(a: Int32Array, task: number, s: Step): boolean {
    const isErr = s.flag === ERR_FLAG;
    const fail = (isErr ? a[this.oErr + task] === 1 : a[this.oFlags + s.flag] === 1) === s.value;
    if (isErr) a[this.oErr + task] = 0;
    else if (fail) a[this.oErr + task] = s.errJump ? 1 : 0;
    return fail;
  }

  private emit(sink: Sink, task: number, pc: number, s: Step, t: number, type: EventType, extra: Partial<SimEvent> = {}): void {
    sink.events.push({
      seq: sink.events.length, type, t, end: t + s.cost, task, pc, what: s.what, res: s.res,
      lock: s.lock, flag: s.flag, srcu: s.srcu, value: s.value, waitFrom: t, ...extra,
    });
  }

  /** The first resource an access to `list` finds dead, with the resource accessed. */
  private access(w: World, list: readonly number[]): [number, number] | null {
    const a = w.a;
    for (const r of list) {
      if (a[this.oRes + r] !== ST.alive) return [r, r];
      for (const d of this.deps[r]!) if (a[this.oRes + d] !== ST.alive) return [d, r];
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
    if (!sink) { w.fault = FAULTED; return; } // the explorer only needs to know that it faulted
    const s = this.prog.tasks[task]!.steps[pc]!;
    const state = w.a[this.oRes + bad]!;
    const fault: Fault = {
      kind: kind ?? this.faultKind(bad, accessed, state, task),
      task, t, res: bad, accessed, state: ST_NAMES[state]!, what: s.what, stack: s.stack,
      causeEvent: sink ? sink.killedBy[bad]! : -1,
      addr: addr || s.addr || (this.prog.resources[accessed]!.addr ?? 0),
    };
    w.fault = fault;
    if (sink) this.emit(sink, task, pc, s, t, 'fault', { fault, res: [accessed] });
  }

  /** Advances `now` to t, keeping every task's ready time relative to it. */
  private advance(w: World, t: number): void {
    const d = t - w.now;
    if (d <= 0) return;
    const a = w.a;
    for (let i = 0; i < this.nTasks; i++) {
      const r = a[this.oReady + i]!;
      if (r !== WILD) a[this.oReady + i] = r > d ? r - d : 0;
    }
    w.now = t;
  }

  /**
   * Executes the visible step of `task` (which must be enabled), then brings the
   * task to its next visible step. Mutates `w`.
   */
  move(w: World, task: number, sink?: Sink): void {
    const a = w.a;
    const steps = this.prog.tasks[task]!.steps;
    const pc = a[task]!;
    const s = steps[pc]!;
    const oR = this.oReady + task;
    if (a[oR] === WILD) a[oR] = 0; // the explorer starts the unbind in this gap
    const arrive = w.now + a[oR]!;
    this.advance(w, arrive);
    const t = w.now;
    let next = pc + 1;
    let extra: Partial<SimEvent> | null = null;
    let type = sink ? eventType(s) : 'cpu';

    switch (s.kind) {
      case 'use': case 'io.begin': case 'io.end': {
        const bad = this.access(w, s.res);
        if (bad) return this.raise(w, task, pc, t, bad[0], bad[1], null, sink, s.addr);
        break;
      }
      case 'lock': case 'unlock': {
        const mem = this.lockIn[s.lock]!;
        if (mem >= 0 && a[this.oRes + mem] !== ST.alive) return this.raise(w, task, pc, t, mem, mem, 'lock-in-freed-memory', sink);
        a[this.oOwner + s.lock] = s.kind === 'lock' ? task + 1 : 0;
        break;
      }
      case 'set': case 'check': {
        if (s.flag >= 0) {
          const mem = this.flagIn[s.flag]!;
          if (mem >= 0 && a[this.oRes + mem] !== ST.alive) return this.raise(w, task, pc, t, mem, mem, null, sink);
        }
        if (s.kind === 'set') { a[this.oFlags + s.flag] = s.value ? 1 : 0; break; }
        const fail = this.check(a, task, s);
        if (fail) next = s.target;
        if (sink) extra = { value: fail };
        break;
      }
      case 'free': case 'state': {
        const r = s.res[0]!;
        const from = a[this.oRes + r]!;
        if (s.kind === 'free' && from === ST.freed) return this.raise(w, task, pc, t, r, r, 'double-free', sink);
        a[this.oRes + r] = ST[s.to];
        if (sink) {
          if (from === ST.alive && s.to !== 'alive') sink.killedBy[r] = sink.events.length;
          this.emit(sink, task, pc, s, t, type, { from: ST_NAMES[from]!, to: s.to });
        }
        a[task] = next;
        a[oR] = s.cost;
        // Anyone in the middle of an I/O on this resource (or on something that
        // depends on it) faults now: its next access hits the dead resource.
        for (let j = 0; j < this.nTasks; j++) {
          if (j === task) continue;
          const js = this.step(w, j);
          if (!js || js.kind !== 'io.end') continue;
          const bad = this.access(w, js.res);
          if (bad) return this.raise(w, j, a[j]!, t, bad[0], bad[1], null, sink);
        }
        this.normalize(w, task, sink);
        return;
      }
      case 'srcu.lock':
        a[this.oSrcu + s.srcu] = a[this.oSrcu + s.srcu]! | (1 << task);
        break;
      case 'srcu.unlock': {
        const bit = ~(1 << task);
        a[this.oSrcu + s.srcu] = a[this.oSrcu + s.srcu]! & bit;
        for (let j = 0; j < this.nTasks; j++) a[this.oSync + j] = a[this.oSync + j]! & bit;
        break;
      }
      case 'srcu.sync':
        a[this.oSync + task] = a[this.oSrcu + s.srcu]! & ~(1 << task);
        if (sink) extra = { value: a[this.oSync + task] !== 0 };
        break;
      case 'srcu.wait':
        type = 'srcu.sync.end';
        break;
      default:
        break;
    }
    if (sink) {
      if (s.kind === 'lock' || s.kind === 'srcu.wait') extra = { ...(extra ?? {}), waitFrom: Math.min(sink.arrive[task]!, t) };
      this.emit(sink, task, pc, s, t, type, extra ?? {});
    }
    a[task] = next;
    a[oR] = s.cost;
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
