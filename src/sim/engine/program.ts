/**
 * The compiled program: what the runner and the explorer execute. `compile()`
 * flattens a scenario (after fixes have transformed it) into one array of
 * `Step`s per task, each carrying its static call stack.
 */
import type {
  FixId, FlagDef, KernelId, LockDef, Micros, Params, RefDef, ResState, ResourceDef, ScenarioId, SrcuDef, TaskKind,
} from '../catalogue/source.ts';

export interface Frame {
  readonly fn: string;
  readonly file: string;
  readonly fix?: FixId;
  /** The function exists only in this patch. */
  readonly patch?: string;
  /** Key into Program.code (variants of one function get distinct keys). */
  readonly key: string;
}

export type StepKind =
  | 'start' | 'enter' | 'leave' | 'use' | 'io.begin' | 'io.end' | 'cpu' | 'lock' | 'unlock' | 'set' | 'check' | 'wait'
  | 'free' | 'state' | 'sleep.begin' | 'sleep.end' | 'get' | 'put'
  | 'srcu.lock' | 'srcu.unlock' | 'srcu.sync' | 'srcu.wait' | 'exit';

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
  readonly ref: number;
  readonly srcu: number;
  readonly value: boolean;
  readonly to: ResState;
  /** For `check`: where the error path goes; for `put`: past the release code. */
  readonly target: number;
  /** For `check`: the error path is a `goto` to a cleanup label (sets the task's `$err`). */
  readonly errJump: boolean;
  readonly errno: string;
  /** For `use`: bytes read or written, when the source says (KASAN's "of size N"). */
  readonly size: number;
  readonly write: boolean;
  /** A fault address the seed printed for this access (0 = none known). */
  readonly addr: number;
  readonly fix?: FixId | undefined;
  /** The commit that brought this line into the kernel modelled. */
  readonly since?: string | undefined;
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

/** The kernel a program models, as reports print it. */
export interface KernelInfo {
  readonly id: KernelId;
  /** What follows "Not tainted" in a report, or null when not known. */
  readonly release: string | null;
  /** arm64 call traces mark the faulting frame `(P)` (6.14 on). */
  readonly traceMarkers: boolean;
}

export interface CodeEntry {
  readonly file: string;
  readonly lines: readonly string[];
  /** Lines a fix added (`+`). */
  readonly added: readonly number[];
  /** Commit ids beside lines this kernel has that the seed's does not (line index -> commit). */
  readonly since: Readonly<Record<number, string>>;
  /** The function exists only in this patch. */
  readonly patch?: string;
}

export interface Program {
  readonly scenario: ScenarioId;
  readonly title: string;
  readonly kernel: KernelInfo;
  readonly hardware: string | null;
  readonly fixes: readonly FixId[];
  readonly params: Params;
  readonly resources: readonly ResourceDef[];
  readonly locks: readonly LockDef[];
  readonly flags: readonly FlagDef[];
  readonly refs: readonly RefDef[];
  readonly srcu: readonly SrcuDef[];
  readonly tasks: readonly CompiledTask[];
  /** Code of every function by name, for the code view. */
  readonly code: Readonly<Record<string, CodeEntry>>;
  /** Index of the unbind task (the one whose start is the `at` parameter). */
  readonly unbindTask: number;
}

/** Steps equal in everything the engine reads (call stacks and texts aside). */
export function sameStep(a: Step, b: Step): boolean {
  return a.kind === b.kind && a.cost === b.cost && a.lock === b.lock && a.flag === b.flag && a.ref === b.ref && a.srcu === b.srcu &&
    a.value === b.value && a.to === b.to && a.target === b.target && a.errJump === b.errJump && a.visible === b.visible &&
    a.res.length === b.res.length && a.res.every((r, i) => r === b.res[i]);
}
