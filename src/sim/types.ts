/**
 * Core types of the racelanes simulation.
 *
 * A scenario is data: tasks written as trees of kernel functions (`Fn`) whose
 * leaves are primitive operations (`Op`). `compile()` flattens a scenario (after
 * fixes have transformed it) into a `Program`: one array of `Step`s per task,
 * where every step carries its static call stack. The runner and the explorer
 * only ever see `Program`s.
 */

/** Virtual time in microseconds (integers only). */
export type Micros = number;

// ---------------------------------------------------------------------------
// Resources, locks, flags, SRCU domains
// ---------------------------------------------------------------------------

/** What a resource is; decides which fault an access to it in a bad state gives. */
export type ResourceKind = 'heap' | 'mmio' | 'clock' | 'power' | 'irq' | 'hw' | 'device';

/**
 * The lifetime states a resource moves through. `alive` is the only state in
 * which an access is legal.
 * - `disabled`: controller enable bit cleared (`cqspi_controller_enable(cqspi, 0)`)
 * - `gated`:    clock disabled (`clk_disable`)
 * - `off`:      power domain detached / powered off (`dev_pm_domain_detach`)
 * - `unmapped`: MMIO window unmapped (`iounmap` in devres)
 * - `freed`:    memory returned to the allocator (`kfree`, devres)
 */
export type ResState = 'alive' | 'disabled' | 'gated' | 'off' | 'unmapped' | 'freed';

export const RES_STATES: readonly ResState[] = ['alive', 'disabled', 'gated', 'off', 'unmapped', 'freed'];

export interface ResourceDef {
  readonly id: string;
  /** As a kernel developer writes it: `struct spi_nor`, `iobase`, `qspi clk`. */
  readonly label: string;
  readonly kind: ResourceKind;
  /** Who owns it and how it dies, e.g. `devm_kzalloc on spi0.0`. */
  readonly owner: string;
  /** Where it is allocated or set up (kernel source file). */
  readonly file: string;
  /**
   * Resources that must also be alive for an access to this one to be legal:
   * an MMIO window depends on its block's enable bit, clock and power domain.
   */
  readonly dependsOn?: readonly string[];
  /** Fake but stable kernel virtual address used in Oops reports. */
  readonly addr?: number;
}

export interface LockDef {
  readonly id: string;
  /** e.g. `nor->lock`. */
  readonly label: string;
  /** The resource whose memory holds the mutex (a lock in freed memory faults). */
  readonly in?: string;
}

export interface FlagDef {
  readonly id: string;
  /** e.g. `nor->mtd.mtd_event_remove`. */
  readonly label: string;
  readonly initial: boolean;
  /** The resource whose memory holds the flag (reading it after a free faults). */
  readonly in?: string;
}

export interface SrcuDef {
  readonly id: string;
  readonly label: string;
}

// ---------------------------------------------------------------------------
// Durations and parameters
// ---------------------------------------------------------------------------

/** A duration either fixed in the scenario or taken from a parameter. */
export type Dur = Micros | { readonly param: 'read' | 'sleep' | 'erase' | 'irq' };

export interface Params {
  /** One read chunk's transfer time (the `ioread32_rep(ahb_base)` phase). */
  readonly read: Micros;
  /** The notifier fix's `msleep()`. */
  readonly sleep: Micros;
  /** Concurrent `while true; do cat /dev/mtd0; done` loops (1-8). */
  readonly readers: number;
  /** A concurrent `flash_erase` holding `nor->lock` for this long; null = no eraser. */
  readonly erase: Micros | null;
  /** When the unbind starts; null = explore every start (single runs use the scenario default). */
  readonly at: Micros | null;
}

export type Mode = 'any' | 'timed';

export type FixId = 'notifier-sleep' | 'srcu-drain' | 'devres-group';
export const FIX_IDS: readonly FixId[] = ['notifier-sleep', 'srcu-drain', 'devres-group'];

export type ScenarioId = 'qspi-unbind' | 'flash-unbind' | 'devres-order';
export const SCENARIO_IDS: readonly ScenarioId[] = ['qspi-unbind', 'flash-unbind', 'devres-order'];

// ---------------------------------------------------------------------------
// Scenario source (authoring form)
// ---------------------------------------------------------------------------

/** How a failed check leaves: `pass` ends the current user-space process run
 * (the syscall returns the errno, `cat` exits, the shell loop goes on);
 * `task` ends the task; `label:x` jumps to `label('x')` in the same task (an
 * error path: `goto out_unlock`). */
export type FailTo = 'pass' | 'task' | `label:${string}`;

/** Primitive operations: the leaves of a task tree. `what` is the C the step stands for. */
export type Op =
  | { readonly op: 'use'; readonly res: readonly string[]; readonly what: string; readonly addr?: number; readonly cost?: Micros }
  | { readonly op: 'io'; readonly res: readonly string[]; readonly dur: Dur; readonly what: string }
  | { readonly op: 'cpu'; readonly dur: Dur; readonly what: string }
  | { readonly op: 'lock'; readonly lock: string; readonly what?: string }
  | { readonly op: 'unlock'; readonly lock: string; readonly what?: string }
  | { readonly op: 'set'; readonly flag: string; readonly value: boolean; readonly what: string }
  | {
      readonly op: 'check';
      readonly flag: string;
      /** The error path is taken when the flag has this value. */
      readonly failWhen: boolean;
      readonly errno: string;
      readonly to: FailTo;
      readonly what: string;
    }
  | { readonly op: 'free'; readonly res: string; readonly what: string }
  | { readonly op: 'state'; readonly res: string; readonly to: ResState; readonly what: string }
  | { readonly op: 'sleep'; readonly dur: Dur; readonly what: string }
  /** A jump target for `check ... to: 'label:name'` (`out_unlock:` in C). */
  | { readonly op: 'label'; readonly name: string }
  | { readonly op: 'srcu_read_lock'; readonly srcu: string; readonly what: string }
  | { readonly op: 'srcu_read_unlock'; readonly srcu: string; readonly what: string }
  | { readonly op: 'synchronize_srcu'; readonly srcu: string; readonly what: string }
  /** Runs every notifier block registered on `bus` for `event` (bus_notify). */
  | { readonly op: 'notify'; readonly bus: string; readonly event: string; readonly dev: string }
  /** `devres_release_all(dev)`: every devres entry of `dev` still held, LIFO. */
  | { readonly op: 'devres_release_all'; readonly dev: string }
  /** `devres_release_group(dev, id)`: entries of one group, LIFO. */
  | { readonly op: 'devres_release_group'; readonly dev: string; readonly group: string };

/** A kernel function frame: the unit of the call stack and of the code view. */
export interface Fn {
  readonly fn: string;
  readonly file: string;
  /** Simplified C of the function, one string per line, for the code view. */
  readonly code?: readonly string[];
  /** Marks a syscall boundary: `to: 'pass'` failures unwind to its end. */
  readonly syscall?: boolean;
  /** The fix that added this frame (drawn as `+` lines). */
  readonly fix?: FixId;
  readonly body: readonly Node[];
}

/** A loop unrolled at compile time (`while true; do cat ...; done`, chunk loops). */
export interface Repeat {
  readonly repeat: number | { readonly param: 'readers' };
  /** `pass` marks one run of the user-space program (a failed check skips to the next). */
  readonly pass?: boolean;
  readonly body: readonly Node[];
}

/** A step with an optional fix tag and a pointer to the code line it executes. */
export type OpNode = Op & { readonly fix?: FixId; readonly line?: number };

export type Node = Fn | Repeat | OpNode;

export type TaskKind = 'reader' | 'unbind' | 'eraser' | 'irq';

export interface TaskSource {
  readonly id: string;
  readonly kind: TaskKind;
  /** `comm` as the Oops prints it: `cat`, `sh`, `flash_erase`, `irq/42-ad7877`. */
  readonly comm: string;
  /** The shell command line this task stands for. */
  readonly command: string;
  readonly pid: number;
  readonly cpu: number;
  /** Start time; `'at'` = the unbind start parameter. */
  readonly start: Micros | 'at';
  readonly body: readonly Node[];
}

/** One devres entry, in probe (allocation) order. */
export interface DevresEntry {
  readonly res: string;
  /** The devres release callback, e.g. `devm_kmalloc_release`, `devm_ioremap_release`. */
  readonly release: string;
  /** Kernel file of the release callback. */
  readonly file: string;
  /** The C the release amounts to, e.g. `kfree(nor)`, `iounmap(cqspi->ahb_base)`. */
  readonly what: string;
  /** What the release does to the resource (default `freed`). */
  readonly to?: ResState;
  /** Allocated inside the driver's probe: the devres group the devres-group fix
   * opens around `sdrv->probe()` and releases right after `sdrv->remove()`. */
  readonly group?: string;
  /** A devm action that runs code when released (e.g. input_unregister_device). */
  readonly action?: readonly Node[];
}

export interface DeviceSource {
  readonly id: string;
  readonly label: string;
  readonly devres: readonly DevresEntry[];
}

export interface NotifierBlock {
  readonly bus: string;
  readonly name: string;
  readonly events: readonly string[];
  readonly fix?: FixId;
  readonly body: readonly Node[];
}

export interface ScenarioSource {
  readonly id: ScenarioId;
  readonly title: string;
  /** One paragraph: what runs and what breaks. */
  readonly summary: string;
  /** Kernel version whose code paths are modelled. */
  readonly kernel: string;
  readonly seed: string;
  readonly resources: readonly ResourceDef[];
  readonly locks: readonly LockDef[];
  readonly flags: readonly FlagDef[];
  readonly srcu: readonly SrcuDef[];
  readonly devices: readonly DeviceSource[];
  readonly notifiers: readonly NotifierBlock[];
  readonly tasks: readonly TaskSource[];
  /** Scenario defaults for the parameters (`at` is the single run's default start). */
  readonly defaults: Params & { readonly at: Micros };
  /** Fault expected from the default single run (checked by tests). */
  readonly expect: string;
}

// ---------------------------------------------------------------------------
// Compiled program (what the runner executes)
// ---------------------------------------------------------------------------

export interface Frame {
  readonly fn: string;
  readonly file: string;
  readonly fix?: FixId;
  /** Key into Program.code (variants of one function get distinct keys). */
  readonly key: string;
}

export type StepKind =
  | 'start'
  | 'enter'
  | 'leave'
  | 'use'
  | 'io.begin'
  | 'io.end'
  | 'cpu'
  | 'lock'
  | 'unlock'
  | 'set'
  | 'check'
  | 'free'
  | 'state'
  | 'sleep.begin'
  | 'sleep.end'
  | 'srcu.lock'
  | 'srcu.unlock'
  | 'srcu.sync'
  | 'srcu.wait'
  | 'exit';

/** One compiled step. Indices (`res`, `lock`, ...) point into the program tables. */
export interface Step {
  readonly kind: StepKind;
  /** Call stack at this step, outermost first (static: no recursion in scenarios). */
  readonly stack: readonly Frame[];
  /** The C this step stands for. */
  readonly what: string;
  /** Time the step itself takes (µs). For io/sleep this is the duration. */
  readonly cost: Micros;
  readonly res: readonly number[];
  readonly lock: number;
  readonly flag: number;
  readonly srcu: number;
  readonly value: boolean;
  readonly to: ResState;
  /** For `check`: where the error path goes. */
  readonly target: number;
  /** For `check`: the error path is a `goto` to a cleanup label (sets the task's `$err`). */
  readonly errJump: boolean;
  readonly errno: string;
  readonly addr: number;
  readonly fix?: FixId;
  /** Code line index within the innermost frame's `code`, if known. */
  readonly line: number;
  /** True when the step can interact with another task (see compile.ts). */
  visible: boolean;
}

export interface CompiledTask {
  readonly id: string;
  readonly kind: TaskKind;
  readonly comm: string;
  readonly command: string;
  readonly pid: number;
  readonly cpu: number;
  /** Absolute start (µs) or -1 for "the unbind start parameter". */
  readonly start: Micros | -1;
  readonly steps: readonly Step[];
}

export interface Program {
  readonly scenario: ScenarioId;
  readonly title: string;
  readonly kernel: string;
  readonly fixes: readonly FixId[];
  readonly params: Params;
  readonly resources: readonly ResourceDef[];
  readonly locks: readonly LockDef[];
  readonly flags: readonly FlagDef[];
  readonly srcu: readonly SrcuDef[];
  readonly tasks: readonly CompiledTask[];
  /** Code of every function by name, for the code view. */
  readonly code: Readonly<Record<string, { readonly file: string; readonly lines: readonly string[]; readonly added: readonly number[] }>>;
  /** Index of the unbind task (the one whose start is the `at` parameter). */
  readonly unbindTask: number;
}

// ---------------------------------------------------------------------------
// Trace
// ---------------------------------------------------------------------------

export type FaultKind =
  | 'use-after-free'
  | 'lock-in-freed-memory'
  | 'double-free'
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
  readonly addr: number;
}

export type EventType =
  | 'task.start'
  | 'task.exit'
  | 'fn.enter'
  | 'fn.leave'
  | 'res.use'
  | 'io.begin'
  | 'io.end'
  | 'cpu'
  | 'lock.acquire'
  | 'lock.release'
  | 'flag.set'
  | 'flag.check'
  | 'res.free'
  | 'res.state'
  | 'sleep.begin'
  | 'sleep.end'
  | 'srcu.lock'
  | 'srcu.unlock'
  | 'srcu.sync.begin'
  | 'srcu.sync.end'
  | 'fault';

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
  readonly srcu: number;
  /** For flags: the value set or read; for checks, whether the error path was taken. */
  readonly value: boolean;
  /** For lock.acquire: when the task started waiting (== t when uncontended). */
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

export interface Trace {
  readonly program: Program;
  readonly events: readonly SimEvent[];
  readonly decisions: readonly Decision[];
  readonly fault: Fault | null;
  /** Kernel-style report of the fault, or null. */
  readonly oops: string | null;
  /** Tasks still blocked when nothing could move (a hang), by index. */
  readonly hung: readonly number[];
  /** Set when a given schedule could not be followed. */
  readonly diverged: { readonly decision: number; readonly wanted: number; readonly candidates: readonly number[] } | null;
  readonly end: Micros;
}
