/** One execution as data: events, decisions, the fault and its report. */
import type { Micros, ResState } from '../catalogue/source.ts';
import type { Frame, Program } from './program.ts';

export type FaultKind =
  | 'use-after-free'
  | 'lock-in-freed-memory'
  | 'double-free'
  | 'ref-underflow'
  | 'ref-add-on-zero'
  | 'null-deref'
  | 'mmio-disabled'
  | 'mmio-unclocked'
  | 'mmio-powered-off'
  | 'mmio-unmapped'
  | 'powered-off-access'
  | 'irq-powered-off';

export interface Fault {
  readonly kind: FaultKind;
  readonly task: number;
  readonly t: Micros;
  /** The resource in a bad state (may be a dependency of the one accessed). */
  readonly res: number;
  /** The resource the step tried to access. */
  readonly accessed: number;
  /** The state it was found in. */
  readonly state: ResState;
  readonly what: string;
  readonly stack: readonly Frame[];
  /** Event index of the step that killed the resource (free/disable), -1 if none. */
  readonly causeEvent: number;
  /** Bytes the access reads or writes, when known (0 = not known). */
  readonly size: number;
  /** A write (the step's own, or a state change written into freed memory): KASAN's "Write of size". */
  readonly write: boolean;
  /** The fault address the seed printed for this access (0 = none known). */
  readonly addr: number;
}

export type EventType =
  | 'task.start' | 'task.exit' | 'fn.enter' | 'fn.leave' | 'res.use' | 'io.begin' | 'io.end' | 'cpu'
  | 'lock.acquire' | 'lock.release' | 'flag.set' | 'flag.check' | 'wait.end' | 'res.free' | 'res.state'
  | 'sleep.begin' | 'sleep.end' | 'ref.get' | 'ref.put'
  | 'srcu.lock' | 'srcu.unlock' | 'srcu.sync.begin' | 'srcu.sync.end' | 'fault';

export interface SimEvent {
  /** Position in the trace. */
  readonly seq: number;
  readonly type: EventType;
  readonly t: Micros;
  /** Time the step finishes (t + its cost). */
  readonly end: Micros;
  readonly task: number;
  /** Step index in the task's program. */
  readonly pc: number;
  readonly what: string;
  readonly res: readonly number[];
  readonly lock: number;
  readonly flag: number;
  readonly ref: number;
  readonly srcu: number;
  /** For flags: the value set or read; for checks, whether the error path was taken; for puts, whether it was the last. */
  readonly value: boolean;
  /** For ref.get / ref.put: the count after the step. */
  readonly count?: number;
  /** For lock.acquire and wakeups: when the task started waiting (== t when it did not wait). */
  readonly waitFrom: Micros;
  /** For res.state / res.free: the state before and after. */
  readonly from?: ResState;
  readonly to?: ResState;
  /** Set on the `fault` event. */
  readonly fault?: Fault;
}

/** A scheduling point where more than one task could move. */
export interface Decision {
  /** Index of the event the choice produced. */
  readonly event: number;
  readonly candidates: readonly number[];
  readonly chosen: number;
}

/** What the report panel shows for a fault: the kernel's report, or racelanes' own observation. */
export interface Report {
  /** `kernel`: what the modelled kernel prints; `observation`: the kernel prints nothing, racelanes says what happened. */
  readonly kind: 'kernel' | 'observation';
  readonly text: string;
  /** racelanes' notes beside it (what a kernel without KASAN does, what is left out), never part of the kernel's text. */
  readonly notes: readonly string[];
}

export interface Trace {
  readonly program: Program;
  readonly events: readonly SimEvent[];
  readonly decisions: readonly Decision[];
  readonly fault: Fault | null;
  /** The report of the fault, or null. */
  readonly report: Report | null;
  /** Tasks still blocked when nothing could move (a hang), by index. */
  readonly hung: readonly number[];
  /** Set when a given schedule could not be followed. */
  readonly diverged: { readonly decision: number; readonly wanted: number; readonly candidates: readonly number[] } | null;
  readonly end: Micros;
  /** The task of every move, in order (the run's path, as the explorers count moves). */
  readonly moves: readonly number[];
}
