/**
 * The authoring form of the model: what the catalogue (scenarios, kernels,
 * fixes) is written in. A scenario is data: tasks written as trees of kernel
 * functions (`Fn`) whose leaves are primitive operations (`Op`). Ids are
 * plain strings; the catalogue (catalogue/index.ts) owns the lists of them.
 */

/** Virtual time in microseconds (integers only). */
export type Micros = number;

export type ScenarioId = string;
export type FixId = string;
export type KernelId = string;

// ---------------------------------------------------------------------------
// Resources, locks, flags, reference counts, SRCU domains
// ---------------------------------------------------------------------------

/** What a resource is; decides which fault an access to it in a bad state gives. */
export type ResourceKind = 'heap' | 'mmio' | 'clock' | 'power' | 'irq' | 'hw' | 'device' | 'pointer';

/**
 * The lifetime states a resource moves through. `alive` is the only state in
 * which an access is legal.
 * - `disabled`: controller enable bit cleared (`cqspi_controller_enable(cqspi, 0)`)
 * - `gated`:    clock disabled (`clk_disable`)
 * - `off`:      power domain powered off (genpd's power-off work)
 * - `unmapped`: MMIO window unmapped (`iounmap` in devres)
 * - `freed`:    memory returned to the allocator (`kfree`)
 * - `null`:     a pointer cleared (`dev->driver = NULL` at unbind)
 */
export type ResState = 'alive' | 'disabled' | 'gated' | 'off' | 'unmapped' | 'freed' | 'null';

export const RES_STATES: readonly ResState[] = ['alive', 'disabled', 'gated', 'off', 'unmapped', 'freed', 'null'];

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
  /** The stack that allocated it, innermost first (KASAN's "Allocated by task" lines). */
  readonly alloc?: readonly string[];
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

/** A reference count (kref, refcount_t, a struct device's refcount): `get` / `put`, release at zero. */
export interface RefDef {
  readonly id: string;
  /** e.g. `mtd0 kref`. */
  readonly label: string;
  /** The count before any task runs. */
  readonly initial: number;
  /** The resource whose memory holds the count (a get or put after its free faults). */
  readonly in?: string;
  /**
   * A refcount_t (kref, get_device, refcount_inc): taking a reference on 0
   * WARNs "addition on 0; use-after-free" (lib/refcount.c). Module counts
   * (try_module_get) are plain atomics and are not.
   */
  readonly refcountT?: boolean;
}

export interface SrcuDef {
  readonly id: string;
  readonly label: string;
}

// ---------------------------------------------------------------------------
// Durations and parameters
// ---------------------------------------------------------------------------

/** A duration either fixed in the scenario or taken from a parameter. */
export type Dur = Micros | { readonly param: 'read' | 'sleep' | 'erase' };

export interface Params {
  /** One read chunk's transfer time (the `ioread32_rep(ahb_base)` phase). */
  readonly read: Micros;
  /** The notifier fix's `msleep()`. */
  readonly sleep: Micros;
  /** Concurrent `while true; do cat /dev/mtd0; done` loops (1-8). */
  readonly readers: number;
  /** A concurrent `flash_erase` holding `nor->lock` for this long; null = no eraser. */
  readonly erase: Micros | null;
  /** When the unbind starts; null = at 0 and right after each step of the other tasks (explore.ts; single runs use the scenario default). */
  readonly at: Micros | null;
  /** Fixed partitions on the flash; 0 = /dev/mtd0 is the whole flash (the master). */
  readonly parts: number;
  /** Scheduling latency: a woken task may let the others step first for up to this long (timed mode; engine.ts). */
  readonly lat: Micros;
}

export type Mode = 'any' | 'timed';

/** Every mode, in the order the page's table shows them. */
export const MODES: readonly Mode[] = ['any', 'timed'];

// ---------------------------------------------------------------------------
// Trees
// ---------------------------------------------------------------------------

/**
 * How a failed check leaves: `pass` ends the current user-space process run
 * (the syscall returns the errno, `cat` exits, the shell loop goes on);
 * `task` ends the task; `label:x` jumps to `label('x')` in the same task and
 * carries the error on (a `goto out_unlock` whose caller sees the errno);
 * `catch:x` jumps there and the error is handled (user space got it).
 * `a|b` in a label name: whichever of these comes first after the check.
 */
export type FailTo = 'pass' | 'task' | `label:${string}` | `catch:${string}`;

/** Primitive operations: the leaves of a task tree. `what` is the C the step stands for. */
export type Op =
  | { readonly op: 'use'; readonly res: readonly string[]; readonly what: string; readonly size?: number; readonly write?: boolean; readonly addr?: number; readonly cost?: Micros }
  | { readonly op: 'io'; readonly res: readonly string[]; readonly dur: Dur; readonly what: string }
  | { readonly op: 'cpu'; readonly dur: Dur; readonly what: string }
  | { readonly op: 'lock'; readonly lock: string; readonly what?: string }
  | { readonly op: 'unlock'; readonly lock: string; readonly what?: string }
  | { readonly op: 'set'; readonly flag: string; readonly value: boolean; readonly what: string }
  | {
      readonly op: 'check';
      /** The flag tested, or '' when `ref` is tested instead. */
      readonly flag: string;
      /** Tests whether this reference count is zero (`refcount_read(&r) == 0`): the flag reads as "is zero". */
      readonly ref?: string;
      /** The error path is taken when the flag has this value. */
      readonly failWhen: boolean;
      readonly errno: string;
      readonly to: FailTo;
      readonly what: string;
    }
  /** Sleeps until the flag is true (wait_event, a queued work item), or until `timeout` has passed. */
  | { readonly op: 'wait'; readonly flag: string; readonly what: string; readonly timeout?: Dur }
  | { readonly op: 'free'; readonly res: string; readonly what: string }
  | { readonly op: 'state'; readonly res: string; readonly to: ResState; readonly what: string }
  | { readonly op: 'sleep'; readonly dur: Dur; readonly what: string }
  /** Takes a reference (kref_get, get_device, try_module_get). */
  | { readonly op: 'get'; readonly ref: string; readonly what: string }
  /** Drops a reference; the last one runs `release` in the putting task. */
  | { readonly op: 'put'; readonly ref: string; readonly what: string; readonly release: readonly Node[]; readonly keepLast?: boolean }
  /** A jump target for `check ... to: 'label:name'` (`out_unlock:` in C). */
  | { readonly op: 'label'; readonly name: string }
  /** An unconditional jump forward (`return ret;` past an error path laid out after it); the task's error state is kept. */
  | { readonly op: 'goto'; readonly label: string; readonly what: string }
  | { readonly op: 'srcu_read_lock'; readonly srcu: string; readonly what: string }
  | { readonly op: 'srcu_read_unlock'; readonly srcu: string; readonly what: string }
  | { readonly op: 'synchronize_srcu'; readonly srcu: string; readonly what: string }
  /** Runs every notifier block registered on `bus` for `event` (bus_notify). */
  | { readonly op: 'notify'; readonly bus: string; readonly event: string; readonly dev: string }
  /** `devres_release_all(dev)`: every devres entry of `dev` still held, LIFO. */
  | { readonly op: 'devres_release_all'; readonly dev: string }
  /** `devres_release_group(dev, id)`: entries of one group, LIFO. */
  | { readonly op: 'devres_release_group'; readonly dev: string; readonly group: string };

/** Where a line of the model comes from, beyond the kernel the scenario is written for. */
export interface Provenance {
  /** The fix that added it (drawn as `+` lines). */
  readonly fix?: FixId;
  /** The kernel commit that brought it into this kernel (shown beside the line), e.g. `7446284023e8`. */
  readonly since?: string;
}

/** A kernel function frame: the unit of the call stack and of the code view. */
export interface Fn extends Provenance {
  readonly fn: string;
  readonly file: string;
  /** Marks a syscall boundary: `to: 'pass'` failures unwind to its end. */
  readonly syscall?: boolean;
  /** The function exists only in a patch (not in any released kernel): which one. */
  readonly patch?: string;
  readonly body: readonly Node[];
}

/** A loop unrolled at compile time (`while true; do cat ...; done`, chunk loops, partitions). */
export interface Repeat {
  readonly repeat: number | { readonly param: 'readers' | 'parts' };
  /** `pass` marks one run of the user-space program (a failed check skips to the next). */
  readonly pass?: boolean;
  readonly body: readonly Node[];
}

/** A step with its provenance and a pointer to the code line it executes. */
export type OpNode = Op & Provenance & { readonly line?: number };

export type Node = Fn | Repeat | OpNode;

export type TaskKind = 'reader' | 'unbind' | 'eraser' | 'irq' | 'worker';

export interface TaskSource {
  readonly id: string;
  readonly kind: TaskKind;
  /** `comm` as a report prints it: `cat`, `sh`, `flash_erase`, `irq/42-ad7877`. */
  readonly comm: string;
  /** The shell command line (or kernel context) this task stands for. */
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
  /**
   * Where the memory is freed: `release_nodes` (a plain devm allocation: the
   * callback is a no-op and `release_nodes()` kfrees the node) or the callback
   * itself (default).
   */
  readonly freeIn?: 'release_nodes' | 'callback';
  /** Allocated inside the driver's probe: the devres group the devres-group fix
   * opens around `sdrv->probe()` and releases right after `sdrv->remove()`. */
  readonly group?: string;
  /** Code the release runs (e.g. input_unregister_device, a put). */
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

/** A scenario as written for one kernel. */
export interface ScenarioSource {
  readonly id: ScenarioId;
  readonly title: string;
  /** One paragraph: what runs and what breaks. */
  readonly summary: string;
  readonly seed: string;
  /** The `Hardware name:` a report prints, or null when the scenario's board is not known. */
  readonly hardware: string | null;
  readonly resources: readonly ResourceDef[];
  readonly locks: readonly LockDef[];
  readonly flags: readonly FlagDef[];
  readonly refs: readonly RefDef[];
  readonly srcu: readonly SrcuDef[];
  readonly devices: readonly DeviceSource[];
  readonly notifiers: readonly NotifierBlock[];
  readonly tasks: readonly TaskSource[];
  /** Scenario defaults for the parameters (`at` is the single run's default start). */
  readonly defaults: Params & { readonly at: Micros };
  /** Fault expected from the default single run (checked by tests). */
  readonly expect: string;
}
