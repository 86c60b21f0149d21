/**
 * The execution engine shared by the single runner and the explorer.
 *
 * Semantics (kernel-facts "Model for the visualizer"; PRODUCT.md primitives):
 * - Each task has a program counter and a local clock `ready` (µs): the time
 *   its next step can start. A step that starts at t ends at t + cost.
 * - Invisible steps (frame entry/exit, CPU work, accesses to memory no other
 *   task kills) commute with every other task, so a task runs them eagerly
 *   right after each of its visible steps ("normal form"). Only visible steps
 *   are scheduling points; this is what keeps exploration small.
 * - mutex: a `lock` step is enabled only while the mutex is free; when it is
 *   released every waiter becomes enabled at the same instant, so in timed mode
 *   they tie and *any* of them may be next (kernel mutexes make no FIFO promise
 *   to a waiter racing an optimistic spinner).
 * - SRCU: `synchronize_srcu` snapshots the readers inside the domain and waits
 *   only for those; a reader that leaves is removed from every snapshot, so a
 *   later re-entry is not waited for.
 * - reference counts: `get` and `put` on a count that lives in some memory; the
 *   last `put` runs the release code (compiled inline after it), else skips it.
 * - `wait`: sleeps until a flag is set (a queued work item), or until its
 *   timeout passes (a polling loop with a deadline).
 * - I/O: `io.begin` starts an interval of `cost` µs touching resources; if
 *   another task frees or disables one of them before `io.end`, the I/O task
 *   faults at that instant (its next FIFO read hits the dead resource).
 * - Every access checks the resource and what it depends on (an MMIO window
 *   needs its block enabled, clocked and powered).
 * - Scheduling latency (`lat`, timed mode): a task woken by a mutex hand-off,
 *   an msleep expiry, a completion or a flag may let the other tasks move
 *   first for up to `lat` µs. A task's window is [ready, ready+slack]; it runs
 *   at `ready` or right after another task's step inside the window
 *   (candidates), never at an instant in between: such a delay would shift
 *   its later steps against the others' and is not explored.
 */
import type { Micros, Mode, ResState } from '../catalogue/source.ts';
import { ERR_FLAG, GOTO_FLAG } from './compile.ts';
import type { Program, Step } from './program.ts';
import type { EventType, Fault, FaultKind, SimEvent } from './trace.ts';

export const ST: Readonly<Record<ResState, number>> = { alive: 0, disabled: 1, gated: 2, off: 3, unmapped: 4, freed: 5, null: 6 };
export const ST_NAMES: readonly ResState[] = ['alive', 'disabled', 'gated', 'off', 'unmapped', 'freed', 'null'];

/** `ready` of a task whose start time is still to be chosen by the explorer. */
export const WILD = -1;

/**
 * The whole mutable state in one Int32Array (cheap to clone and to key):
 *   pc[n] err[n] owner+1[L] flags[F] res[R] refs[C] srcuIn[S] syncWait[n] | ready[n] slack[n]
 * Everything before `ready` is the untimed state (mode any keys on it only).
 * `ready` and `slack` are relative to `now` (0 = can go now; WILD = start not
 * chosen), so timed states that differ only by a shift in time share a key.
 */
export interface World {
  a: Int32Array;
  now: number;
  fault: Fault | null;
}

export function cloneWorld(w: World): World {
  return { a: w.a.slice(), now: w.now, fault: w.fault };
}

/** Overwrites `dst` with `src` (same machine), fault cleared; returns `dst`. The explorers' scratch worlds. */
export function copyWorld(dst: World, src: World): World {
  dst.a.set(src.a);
  dst.now = src.now;
  dst.fault = null;
  return dst;
}

/**
 * The world kept for DFS depth `depth`, set to `src` (a fault-free state): one
 * per depth, reused, so a frame's world lives as long as the frame.
 */
export function pooledWorld(pool: World[], depth: number, src: World): World {
  const w = pool[depth];
  return w ? copyWorld(w, src) : (pool[depth] = cloneWorld(src));
}

/** access()'s packing of (dead resource, resource accessed): above any resource index (the reduced explorer takes at most 32). */
const ACCESS_PACK = 1 << 16;

/** Stand-in fault for exploration, where only "did it fault" matters. */
const FAULTED: Fault = {
  kind: 'use-after-free', task: -1, t: 0, res: -1, accessed: -1, state: 'freed', what: '', stack: [], causeEvent: -1, size: 0, write: false, addr: 0,
};

/** Collects events during a run (the explorer passes none). */
export interface Sink {
  events: SimEvent[];
  /** Per resource: seq of the event that took it out of `alive`, or -1. */
  killedBy: Int32Array;
  /** Per task: absolute time it reached its current visible step (start of a wait). */
  arrive: Float64Array;
}

/** Masks below this get a shared list (listOf): the tables stay small for any program the explorers take. */
const LIST_TABLE = 1 << 16;

/** Precomputed tables and the step semantics. */
export class Machine {
  /** listOf's lists by mask, and by mask for each `last` task. */
  private readonly lists: (readonly number[] | undefined)[] = [];
  private readonly listsLast: (readonly number[] | undefined)[][] = [];
  readonly deps: Int32Array[];
  readonly lockIn: Int32Array;
  readonly flagIn: Int32Array;
  readonly refIn: Int32Array;
  /** 1 where the reference count is a refcount_t (a get on zero faults). */
  readonly refcountT: Uint8Array;
  readonly nTasks: number;
  readonly lat: number;
  /** Offsets into World.a. */
  readonly oPc = 0;
  readonly oErr: number;
  readonly oOwner: number;
  readonly oFlags: number;
  readonly oRes: number;
  readonly oRefs: number;
  readonly oSrcu: number;
  readonly oSync: number;
  readonly oReady: number;
  readonly oSlack: number;
  /** How many resources are out of `alive` (move keeps it; anyDown reads it): derived, not part of a state's key. */
  readonly oDown: number;
  readonly size: number;
  /** Per task: for an invisible, non-branching step, where its run of such steps ends, their total cost, and whether it sleeps. */
  private readonly skipTo: Int32Array[];
  private readonly skipCost: Float64Array[];
  private readonly skipWake: Uint8Array[];
  private readonly lens: Int32Array;
  /** Some step brings a dead resource back to life (then no fault is certain before it happens). */
  readonly revives: boolean;
  /** Per task and program counter: what the step waits for (GATE_*, with the mutex or flag in the bits above). */
  private readonly gate: Int32Array[];

  constructor(readonly prog: Program, readonly mode: Mode) {
    const idOf = (id: string) => prog.resources.findIndex((r) => r.id === id);
    this.deps = prog.resources.map((r) => Int32Array.from(r.dependsOn ?? [], idOf));
    this.lockIn = Int32Array.from(prog.locks.map((l) => (l.in ? idOf(l.in) : -1)));
    this.flagIn = Int32Array.from(prog.flags.map((f) => (f.in ? idOf(f.in) : -1)));
    this.refIn = Int32Array.from(prog.refs.map((r) => (r.in ? idOf(r.in) : -1)));
    this.refcountT = Uint8Array.from(prog.refs, (r) => (r.refcountT === true ? 1 : 0));
    this.lat = mode === 'timed' ? prog.params.lat : 0;
    const n = (this.nTasks = prog.tasks.length);
    if (n > 30) throw new Error('at most 30 tasks');
    this.oErr = n;
    this.oOwner = 2 * n;
    this.oFlags = this.oOwner + prog.locks.length;
    this.oRes = this.oFlags + prog.flags.length;
    this.oRefs = this.oRes + prog.resources.length;
    this.oSrcu = this.oRefs + prog.refs.length;
    this.oSync = this.oSrcu + prog.srcu.length;
    this.oReady = this.oSync + n;
    this.oSlack = this.oReady + n;
    this.oDown = this.oSlack + n;
    this.size = this.oDown + 1;
    this.lens = Int32Array.from(prog.tasks.map((t) => t.steps.length));
    this.revives = prog.tasks.some((t) => t.steps.some((st) => st.kind === 'state' && st.to === 'alive'));
    this.gate = prog.tasks.map((t) => Int32Array.from(t.steps, gateOf));
    this.skipTo = [];
    this.skipCost = [];
    this.skipWake = [];
    for (const t of prog.tasks) {
      const len = t.steps.length;
      const to = new Int32Array(len + 1);
      const cost = new Float64Array(len + 1);
      const wake = new Uint8Array(len + 1);
      to[len] = len;
      for (let pc = len - 1; pc >= 0; pc--) {
        const st = t.steps[pc]!;
        if (st.visible || st.kind === 'check' || st.kind === 'put') { to[pc] = pc; cost[pc] = 0; wake[pc] = 0; } else {
          to[pc] = to[pc + 1]!;
          cost[pc] = st.cost + cost[pc + 1]!;
          wake[pc] = st.kind === 'sleep.begin' || wake[pc + 1] ? 1 : 0;
        }
      }
      this.skipTo.push(to);
      this.skipCost.push(cost);
      this.skipWake.push(wake);
    }
  }

  init(at: Micros | null, wildcard: boolean): World {
    const p = this.prog;
    const a = new Int32Array(this.size);
    p.flags.forEach((f, i) => { a[this.oFlags + i] = f.initial ? 1 : 0; });
    p.refs.forEach((r, i) => { a[this.oRefs + i] = r.initial; });
    p.tasks.forEach((t, i) => { a[this.oReady + i] = t.start >= 0 ? t.start : wildcard ? WILD : at ?? 0; });
    return { a, now: 0, fault: null };
  }

  /**
   * The state an exploration starts from: every task at its first visible
   * step, and in mode timed with no fixed `at` the unbind's start still to be
   * chosen (WILD).
   */
  initial(at: Micros | null): World {
    const w = this.init(at ?? 0, this.mode === 'timed' && at === null);
    this.normalizeAll(w);
    return w;
  }

  isWild(w: World, task: number): boolean { return w.a[this.oReady + task] === WILD; }

  /** Is some resource out of `alive`? When none is, no step is certain to fault (faultsForSure). */
  anyDown(w: World): boolean {
    return w.a[this.oDown] !== 0;
  }

  step(w: World, task: number): Step | undefined {
    return this.prog.tasks[task]!.steps[w.a[task]!];
  }

  done(w: World, task: number): boolean {
    return w.a[task]! >= this.lens[task]!;
  }

  /** Some task has not finished (at a state where nothing can move: the execution hangs). */
  unfinished(w: World): boolean {
    for (let i = 0; i < this.nTasks; i++) if (!this.done(w, i)) return true;
    return false;
  }

  /**
   * True when the task's next step, whenever it runs, faults: it reaches memory
   * or a device that is already dead (dead resources never come back), frees
   * what is already freed, or changes the state of freed memory. Faults that
   * another task could still prevent (a put below zero, a get on zero, a free
   * during someone's I/O) are not certain.
   */
  faultsForSure(w: World, task: number): boolean {
    if (this.revives) return false;
    const s = this.step(w, task);
    return s !== undefined && this.touchesDead(w, s);
  }

  /** Is this resource (an index, or -1 for none) out of `alive`? */
  private isDead(a: Int32Array, r: number): boolean {
    return r >= 0 && a[this.oRes + r] !== ST.alive;
  }

  /** The step reaches something dead (or frees, or changes the state of, what is freed): it faults whenever it runs. */
  private touchesDead(w: World, s: Step): boolean {
    const a = w.a;
    // Nothing dead: nothing to touch (a freed resource is not alive either).
    if (a[this.oDown] === 0) return false;
    switch (s.kind) {
      case 'use': case 'io.begin': case 'io.end':
        return this.access(w, s.res) >= 0;
      case 'lock': case 'unlock':
        return this.isDead(a, this.lockIn[s.lock]!);
      case 'get': case 'put':
        return this.isDead(a, this.refIn[s.ref]!);
      case 'set': case 'check':
        if (s.ref >= 0) return this.isDead(a, this.refIn[s.ref]!);
        return s.flag >= 0 && this.isDead(a, this.flagIn[s.flag]!);
      case 'free': case 'state':
        // A second free, or a state change written into freed memory.
        return a[this.oRes + s.res[0]!] === ST.freed;
      default:
        return false;
    }
  }

  /** True when moving the task now would fault (any fault, certain or not); reads w only. */
  faultsIfMoved(w: World, task: number): boolean {
    const s = this.step(w, task);
    if (!s) return false;
    const a = w.a;
    switch (s.kind) {
      case 'get': case 'put': {
        if (this.isDead(a, this.refIn[s.ref]!)) return true;
        const c = a[this.oRefs + s.ref]!;
        if (s.kind === 'put') return !(s.value && c <= 1) && c <= 0;
        return c === 0 && this.refcountT[s.ref] !== 0;
      }
      case 'free': case 'state': {
        if (this.touchesDead(w, s)) return true;
        // A revive (a state change back to alive) kills nothing: nobody faults at it.
        if (s.kind === 'state' && s.to === 'alive') return false;
        // Anyone in the middle of an I/O on it (or on what depends on it) faults at the kill.
        const r = s.res[0]!;
        for (let j = 0; j < this.nTasks; j++) {
          if (j === task) continue;
          const js = this.step(w, j);
          if (js?.kind !== 'io.end') continue;
          for (const x of js.res) if (x === r || this.deps[x]!.includes(r) || this.access(w, [x]) >= 0) return true;
        }
        return false;
      }
      default:
        return this.touchesDead(w, s);
    }
  }

  /** The count of reference `r`. */
  refCount(w: World, r: number): number {
    return w.a[this.oRefs + r]!;
  }

  enabled(w: World, task: number): boolean {
    const a = w.a;
    const pc = a[task]!;
    if (pc >= this.lens[task]! || a[this.oReady + task] === WILD) return false;
    const g = this.gate[task]![pc]!;
    switch (g & 3) {
      case GATE_LOCK: {
        const lock = g >> 2;
        const mem = this.lockIn[lock]!;
        return a[this.oOwner + lock] === 0 || (mem >= 0 && a[this.oRes + mem] === ST.freed);
      }
      case GATE_SRCU: return a[this.oSync + task] === 0;
      // A wait with a timeout can always end (by timing out); without one, only once the flag is set.
      case GATE_FLAG: return a[this.oFlags + (g >> 2)] === 1;
      default: return true;
    }
  }

  /** Absolute time at which the task's next step would start. */
  eff(w: World, task: number): number {
    return w.now + w.a[this.oReady + task]!;
  }

  /**
   * The tasks that may make the next visible move. Timed: every enabled task
   * that can go before all the others are forced to (a woken task's window
   * lets the others pass it); with no latency that is the earliest ones, and
   * ties are real choices. Any: every enabled task (any task may be slow).
   */
  candidates(w: World): number[] {
    return [...this.listOf(this.candidateMask(w), -1)];
  }

  /** The enabled tasks as a task mask. */
  enabledMask(w: World): number {
    let on = 0;
    for (let i = 0; i < this.nTasks; i++) if (this.enabled(w, i)) on |= 1 << i;
    return on;
  }

  /** The candidates as a task mask. */
  private candidateMask(w: World): number {
    const a = w.a;
    if (this.mode === 'any') return this.enabledMask(w);
    let on = 0;
    let bound = Infinity;
    for (let i = 0; i < this.nTasks; i++) {
      if (!this.enabled(w, i)) continue;
      on |= 1 << i;
      const latest = a[this.oReady + i]! + a[this.oSlack + i]!;
      if (latest < bound) bound = latest;
    }
    let out = 0;
    for (let i = 0; i < this.nTasks; i++) if ((on >>> i) & 1 && a[this.oReady + i]! <= bound) out |= 1 << i;
    return out;
  }

  /**
   * What an explorer may do next: the candidates, and the unbind's start while it is still to be chosen (WILD),
   * last. A list shared by every state with the same moves (listOf): never change it.
   */
  moves(w: World): readonly number[] {
    const last = this.movesLast(w);
    return this.listOf(this.candidateMask(w) | (last >= 0 ? 1 << last : 0), last);
  }

  /** The task `moves` puts last at w (the unbind while its start is open), or -1: listOf's `last` for a subset of w's moves. */
  movesLast(w: World): number {
    const u = this.prog.unbindTask;
    return u >= 0 && this.isWild(w, u) ? u : -1;
  }

  /**
   * The tasks of `mask` in ascending order, `last` (if in the mask) at the end: one list per mask, made on first
   * use and shared (not frozen: V8 reads frozen arrays slower), so callers never change it (the explorers ask for
   * one at every state; a new array each time was most of their garbage).
   */
  listOf(mask: number, last: number): readonly number[] {
    const table = last < 0 ? this.lists : (this.listsLast[last] ??= []);
    if (mask < LIST_TABLE) {
      const have = table[mask];
      if (have) return have;
    }
    const out: number[] = [];
    for (let i = 0; mask >>> i; i++) if (i !== last && (mask >>> i) & 1) out.push(i);
    if (last >= 0 && (mask >>> last) & 1) out.push(last);
    if (mask < LIST_TABLE) table[mask] = out;
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
    const skipWake = this.skipWake[task]!;
    let pc = a[task]!;
    let rel = a[this.oReady + task]!;
    while (pc < len) {
      const s = steps[pc]!;
      if (s.visible) break;
      if (s.kind !== 'check' && s.kind !== 'put' && !sink) {
        rel += skipCost[pc]!;
        if (skipWake[pc]) a[this.oSlack + task] = this.lat;
        pc = skipTo[pc]!;
        continue;
      }
      let next = pc + 1;
      if (s.kind === 'check') {
        // Only `$err` checks and checks of flags nobody else writes are invisible.
        const fail = this.check(a, task, s);
        if (fail) next = s.target;
        if (sink) this.emit(sink, task, pc, s, w.now + rel, 'flag.check', { value: fail });
      } else if (s.kind === 'put') {
        // A put nobody else can see (its count is this task's alone).
        const c = s.value && a[this.oRefs + s.ref]! <= 1 ? a[this.oRefs + s.ref]! : --a[this.oRefs + s.ref]!;
        if (c > 0) next = s.target;
        if (sink) this.emit(sink, task, pc, s, w.now + rel, 'ref.put', { value: c === 0, count: c });
      } else if (sink) {
        if (s.kind === 'sleep.begin') a[this.oSlack + task] = this.lat;
        this.emit(sink, task, pc, s, w.now + rel, eventType(s));
      }
      rel += s.cost;
      pc = next;
    }
    a[task] = pc;
    a[this.oReady + task] = rel;
    // A wait that may time out: until the flag is set it ends `timeout` after it began.
    const s = steps[pc];
    if (s?.kind === 'wait' && s.cost > 0 && a[this.oFlags + s.flag] !== 1) a[this.oReady + task] = rel + s.cost;
    if (sink) sink.arrive[task] = w.now + rel;
  }

  /**
   * Evaluates a `check` step: true when its error path is taken. `$err` checks:
   * `if (err) goto label` carries the error on to the next check; to a catch,
   * `pass` or `task` the error is handled (cleared); `if (!err) goto` leaves it.
   * A flag check whose error path is a `goto` sets the register.
   */
  private check(a: Int32Array, task: number, s: Step): boolean {
    if (s.flag === GOTO_FLAG) return true;
    if (s.ref >= 0) {
      const fail = (a[this.oRefs + s.ref] === 0) === s.value;
      if (fail) a[this.oErr + task] = s.errJump ? 1 : 0;
      return fail;
    }
    if (s.flag === ERR_FLAG) {
      const err = a[this.oErr + task] === 1;
      const fail = err === s.value;
      if (s.value) a[this.oErr + task] = fail && s.errJump ? 1 : 0;
      return fail;
    }
    const fail = (a[this.oFlags + s.flag] === 1) === s.value;
    if (fail) a[this.oErr + task] = s.errJump ? 1 : 0;
    return fail;
  }

  private emit(sink: Sink, task: number, pc: number, s: Step, t: number, type: EventType, extra: Partial<SimEvent> = {}): void {
    sink.events.push({
      seq: sink.events.length, type, t, end: t + s.cost, task, pc, what: s.what, res: s.res,
      lock: s.lock, flag: s.flag, ref: s.ref, srcu: s.srcu, value: s.value, waitFrom: t, ...extra,
    });
  }

  /**
   * The first resource an access to `list` finds dead, with the resource
   * accessed, packed as dead * ACCESS_PACK + accessed (no allocation: the
   * explorers ask at most states); -1 when all are alive.
   */
  private access(w: World, list: readonly number[]): number {
    const a = w.a;
    if (a[this.oDown] === 0) return -1;
    for (let ix = 0; ix < list.length; ix++) {
      const r = list[ix]!;
      if (a[this.oRes + r] !== ST.alive) return r * ACCESS_PACK + r;
      const deps = this.deps[r]!;
      for (let k = 0; k < deps.length; k++) if (a[this.oRes + deps[k]!] !== ST.alive) return deps[k]! * ACCESS_PACK + r;
    }
    return -1;
  }

  /** Raises the fault of an access that found `bad` (access()'s packed answer) dead. */
  private raiseAccess(w: World, task: number, pc: number, t: number, bad: number, sink?: Sink): void {
    this.raise(w, task, pc, t, Math.floor(bad / ACCESS_PACK), bad % ACCESS_PACK, null, sink);
  }

  private faultKind(bad: number, accessed: number, state: number, task: number): FaultKind {
    const kind = this.prog.resources[bad]!.kind;
    const acc = this.prog.resources[accessed]!.kind;
    const irq = this.prog.tasks[task]!.kind === 'irq';
    if (kind === 'pointer' || state === ST.null) return 'null-deref';
    if (kind === 'heap') return 'use-after-free';
    if (kind === 'mmio') return 'mmio-unmapped';
    if (kind === 'hw') return 'mmio-disabled';
    if (kind === 'clock') return 'mmio-unclocked';
    if (kind === 'power' || state === ST.off) return irq ? 'irq-powered-off' : acc === 'mmio' ? 'mmio-powered-off' : 'powered-off-access';
    return 'use-after-free';
  }

  private raise(w: World, task: number, pc: number, t: number, bad: number, accessed: number, kind: FaultKind | null, sink?: Sink): void {
    if (!sink) { w.fault = FAULTED; return; } // the explorer only needs to know that it faulted
    const s = this.prog.tasks[task]!.steps[pc]!;
    const state = bad >= 0 ? w.a[this.oRes + bad]! : ST.alive;
    const fault: Fault = {
      kind: kind ?? this.faultKind(bad, accessed, state, task),
      task, t, res: bad, accessed, state: ST_NAMES[state]!, what: s.what, stack: s.stack,
      causeEvent: bad >= 0 ? sink.killedBy[bad]! : -1, size: s.size, write: s.write || s.kind === 'state', addr: s.addr,
    };
    w.fault = fault;
    this.emit(sink, task, pc, s, t, 'fault', { fault, res: accessed >= 0 ? [accessed] : [] });
  }

  /** Advances `now` to t, keeping every task's ready time and latency window relative to it. */
  private advance(w: World, t: number): void {
    const d = t - w.now;
    if (d <= 0) return;
    const a = w.a;
    for (let i = 0; i < this.nTasks; i++) {
      const r = a[this.oReady + i]!;
      if (r === WILD) continue;
      const latest = r + a[this.oSlack + i]! - d;
      const ready = r > d ? r - d : 0;
      a[this.oReady + i] = ready;
      a[this.oSlack + i] = latest > ready ? latest - ready : 0;
    }
    w.now = t;
  }

  /**
   * A blocked task can run from now (or from when it got there, if later); in
   * timed mode with latency the others may step first for up to `lat`. `pullBack` undoes a
   * wait's tentative timeout.
   */
  private wake(w: World, task: number, pullBack = 0): void {
    const o = this.oReady + task;
    w.a[o] = Math.max(0, w.a[o]! - pullBack);
    w.a[this.oSlack + task] = this.lat;
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
    a[this.oSlack + task] = 0;
    const t = w.now;
    let next = pc + 1;
    let extra: Partial<SimEvent> | null = null;
    let type = sink ? eventType(s) : 'cpu';

    switch (s.kind) {
      case 'use': case 'io.begin': case 'io.end': {
        const bad = this.access(w, s.res);
        if (bad >= 0) return this.raiseAccess(w, task, pc, t, bad, sink);
        break;
      }
      case 'lock': case 'unlock': {
        const mem = this.lockIn[s.lock]!;
        if (mem >= 0 && a[this.oRes + mem] !== ST.alive) return this.raise(w, task, pc, t, mem, mem, 'lock-in-freed-memory', sink);
        a[this.oOwner + s.lock] = s.kind === 'lock' ? task + 1 : 0;
        if (s.kind === 'unlock' && this.lat > 0) {
          // Waiters blocked on this mutex are woken by the hand-off.
          for (let j = 0; j < this.nTasks; j++) {
            const js = this.step(w, j);
            if (j !== task && js?.kind === 'lock' && js.lock === s.lock && a[this.oReady + j] === 0) this.wake(w, j);
          }
        }
        break;
      }
      case 'get': case 'put': {
        const mem = this.refIn[s.ref]!;
        if (mem >= 0 && a[this.oRes + mem] !== ST.alive) return this.raise(w, task, pc, t, mem, mem, null, sink);
        const r = this.oRefs + s.ref;
        if (s.kind === 'put' && s.value && a[r]! <= 1) {
          // `if (refcount_read(&r) > 1) refcount_dec(&r)`: the last reference stays.
          next = s.target;
          if (sink) extra = { value: false, count: a[r]! };
          break;
        }
        if (s.kind === 'put' && a[r]! <= 0) return this.raise(w, task, pc, t, mem, mem, 'ref-underflow', sink);
        if (s.kind === 'get' && a[r] === 0 && this.refcountT[s.ref]) return this.raise(w, task, pc, t, mem, mem, 'ref-add-on-zero', sink);
        a[r] = a[r]! + (s.kind === 'get' ? 1 : -1);
        if (s.kind === 'put' && a[r]! > 0) next = s.target;
        if (sink) extra = { value: s.kind === 'put' && a[r] === 0, count: a[r]! };
        break;
      }
      case 'set': case 'check': {
        if (s.ref >= 0) {
          const mem = this.refIn[s.ref]!;
          if (mem >= 0 && a[this.oRes + mem] !== ST.alive) return this.raise(w, task, pc, t, mem, mem, null, sink);
        } else if (s.flag >= 0) {
          const mem = this.flagIn[s.flag]!;
          if (mem >= 0 && a[this.oRes + mem] !== ST.alive) return this.raise(w, task, pc, t, mem, mem, null, sink);
        }
        if (s.kind === 'set') {
          const was = a[this.oFlags + s.flag]!;
          a[this.oFlags + s.flag] = s.value ? 1 : 0;
          if (s.value && !was) {
            // Tasks waiting for this flag are woken (a pending timeout no longer applies).
            for (let j = 0; j < this.nTasks; j++) {
              const js = this.step(w, j);
              if (j !== task && js?.kind === 'wait' && js.flag === s.flag && a[this.oReady + j] !== WILD) this.wake(w, j, js.cost);
            }
          }
          break;
        }
        const fail = this.check(a, task, s);
        if (fail) next = s.target;
        if (sink) extra = { value: fail };
        break;
      }
      case 'wait':
        type = 'wait.end';
        if (sink) extra = { value: a[this.oFlags + s.flag] !== 1 }; // true = it timed out
        break;
      case 'free': case 'state': {
        const r = s.res[0]!;
        const from = a[this.oRes + r]!;
        if (from === ST.freed) return this.raise(w, task, pc, t, r, r, s.kind === 'free' ? 'double-free' : null, sink);
        a[this.oRes + r] = ST[s.to];
        a[this.oDown]! += (s.to === 'alive' ? 0 : 1) - (from === ST.alive ? 0 : 1);
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
          if (bad >= 0) return this.raiseAccess(w, j, a[j]!, t, bad, sink);
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
        for (let j = 0; j < this.nTasks; j++) {
          const before = a[this.oSync + j]!;
          a[this.oSync + j] = before & bit;
          // The grace period ends: the synchronize_srcu() caller is woken.
          if (before !== 0 && a[this.oSync + j] === 0 && this.step(w, j)?.kind === 'srcu.wait') this.wake(w, j);
        }
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
      if (s.kind === 'lock' || s.kind === 'srcu.wait' || s.kind === 'wait') extra = { ...(extra ?? {}), waitFrom: Math.min(sink.arrive[task]!, t) };
      this.emit(sink, task, pc, s, t, type, extra ?? {});
    }
    a[task] = next;
    // An I/O ends with a completion: the task may be woken up to `lat` late.
    a[oR] = s.kind === 'wait' ? 0 : s.cost;
    if (s.kind === 'io.begin') a[this.oSlack + task] = this.lat;
    this.normalize(w, task, sink);
  }
}

/** What a step waits for before it may run: nothing, a free mutex, its SRCU grace period, or a flag (a wait with no timeout). */
const GATE_NONE = 0, GATE_LOCK = 1, GATE_SRCU = 2, GATE_FLAG = 3;

function gateOf(s: Step): number {
  if (s.kind === 'lock') return (s.lock << 2) | GATE_LOCK;
  if (s.kind === 'srcu.wait') return GATE_SRCU;
  if (s.kind === 'wait' && !(s.cost > 0)) return (s.flag << 2) | GATE_FLAG;
  return GATE_NONE;
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
    case 'wait': return 'wait.end';
    case 'free': return 'res.free';
    case 'state': return 'res.state';
    case 'sleep.begin': return 'sleep.begin';
    case 'sleep.end': return 'sleep.end';
    case 'get': return 'ref.get';
    case 'put': return 'ref.put';
    case 'srcu.lock': return 'srcu.lock';
    case 'srcu.unlock': return 'srcu.unlock';
    case 'srcu.sync': return 'srcu.sync.begin';
    case 'srcu.wait': return 'srcu.sync.end';
  }
}
