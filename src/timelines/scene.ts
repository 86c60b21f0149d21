/**
 * Vertical layout: which lanes exist, in what order and how tall. Pure.
 * Order follows how a maintainer reads the race: tasks first (who does what),
 * then resource lifetimes (what dies when), then locks, flags and SRCU.
 */
import type { Trace } from '../sim/index.ts';
import { layoutResources, layoutTask, type ResourceLane, type TaskLane } from './layout.ts';
import { mergeChains } from './chains.ts';
import { capStack } from './stackCap.ts';
import { layoutFault, layoutFlags, layoutLocks, layoutSrcu, type FaultMark, type FlagLane, type LockLane, type SrcuLane } from './layoutShared.ts';

export interface Metrics {
  readonly section: number;
  readonly state: number;
  readonly entry: number;
  readonly slice: number;
  readonly taskPad: number;
  readonly res: number;
  readonly lock: number;
  readonly flag: number;
  readonly srcu: number;
}

export const METRICS: Metrics = { section: 18, state: 10, entry: 11, slice: 12, taskPad: 6, res: 14, lock: 16, flag: 14, srcu: 18 };

export type BoxKind = 'section' | 'callout' | 'task' | 'resource' | 'lock' | 'flag' | 'srcu';

/** The band above the tasks where the fault and its cause are written (labels never cover frames). */
export const CALLOUT_H = 36;

export interface LaneBox {
  readonly id: string;
  readonly kind: BoxKind;
  /** Task, resource, lock, flag or SRCU index. */
  readonly ref: number;
  readonly y: number;
  readonly h: number;
  readonly label: string;
  readonly sub: string;
  /** Highlighted: the task that faults, the resource that kills it. */
  readonly hot: boolean;
}

export interface TaskGeometry {
  readonly stateY: number;
  readonly entryY: number;
  readonly rowsY: number;
}

export interface Scene {
  readonly tasks: readonly TaskLane[];
  readonly resources: readonly ResourceLane[];
  readonly locks: readonly LockLane[];
  readonly flags: readonly FlagLane[];
  readonly srcu: readonly SrcuLane[];
  readonly fault: FaultMark | null;
  readonly boxes: readonly LaneBox[];
  readonly taskGeo: ReadonlyMap<number, TaskGeometry>;
  readonly boxOf: ReadonlyMap<string, LaneBox>;
  readonly height: number;
}

/**
 * Resources in the order they die (first leaves its `alive` state first), so
 * the lifetime bars read as a staircase; those that never die keep program order.
 */
export function byDeath(resources: readonly ResourceLane[]): ResourceLane[] {
  const death = (r: ResourceLane) => (r.segments.length > 1 ? r.segments[0]!.s1 : Infinity);
  return [...resources].sort((a, b) => death(a) - death(b) || a.res - b.res);
}

export const boxId = (kind: BoxKind, ref: number) => `${kind}.${ref}`;

/**
 * Rows per task lane when stacks are capped: enough for syscall -> driver
 * context, fewer as tasks are added so every lane, the resource lifetimes and
 * the fault fit a 1280x720 screen.
 */
export function laneRows(tasks: number, cap: number): number {
  return Math.min(cap, tasks <= 2 ? 9 : tasks === 3 ? 6 : tasks === 4 ? 5 : 4);
}

/**
 * `stackRows` null = full stacks (every frame its own row); a number = capped
 * lanes, with pass-through calls merged into one row (chains.ts).
 */
export function buildScene(trace: Trace, stackRows: number | null = null, m: Metrics = METRICS): Scene {
  const n = trace.program.tasks.length;
  const tasks = trace.program.tasks.map((_, i) => {
    const lane = layoutTask(trace, i);
    return stackRows === null ? lane : capStack(mergeChains(lane), laneRows(n, stackRows));
  });
  const resources = layoutResources(trace);
  const locks = layoutLocks(trace);
  const flags = layoutFlags(trace);
  const srcu = layoutSrcu(trace);
  const fault = layoutFault(trace);
  const boxes: LaneBox[] = [];
  const taskGeo = new Map<number, TaskGeometry>();
  let y = 0;
  const section = (label: string) => {
    boxes.push({ id: `section.${label}`, kind: 'section', ref: -1, y, h: m.section, label, sub: '', hot: false });
    y += m.section;
  };
  const push = (kind: BoxKind, ref: number, h: number, label: string, sub: string, hot = false) => {
    boxes.push({ id: boxId(kind, ref), kind, ref, y, h, label, sub, hot });
    y += h;
  };

  if (fault) push('callout', -1, CALLOUT_H, 'Fault', 'what faulted, and what killed it');
  section('Tasks');
  for (const t of tasks) {
    const stateY = y + 3;
    const entryY = stateY + m.state + 2;
    const rowsY = entryY + m.entry + 2;
    taskGeo.set(t.task, { stateY, entryY, rowsY });
    push('task', t.task, rowsY - y + Math.max(1, t.rows) * m.slice + m.taskPad, t.name, t.command, fault?.task === t.task);
  }
  section('Resource lifetimes');
  for (const r of byDeath(resources)) {
    const hot = fault !== null && (fault.res === r.res || fault.accessed === r.res);
    push('resource', r.res, m.res, r.label, `${r.kind} · ${r.owner}`, hot);
  }
  if (locks.length) {
    section('Locks');
    for (const l of locks) push('lock', l.lock, m.lock, l.label, 'held / waited for', false);
  }
  if (flags.length) {
    section('Flags');
    for (const f of flags) push('flag', f.flag, m.flag, f.label, 'true = filled', false);
  }
  if (srcu.length) {
    section('SRCU');
    for (const s of srcu) push('srcu', s.srcu, m.srcu, s.label, 'readers / grace period', false);
  }
  return { tasks, resources, locks, flags, srcu, fault, boxes, taskGeo, boxOf: new Map(boxes.map((b) => [b.id, b])), height: y + 4 };
}

/** Where a point of a task's lane sits vertically: on its innermost open slice at `seq`. */
export function taskPointY(scene: Scene, task: number, seq: number, m: Metrics = METRICS): number {
  const geo = scene.taskGeo.get(task);
  const lane = scene.tasks[task];
  if (!geo || !lane) return 0;
  let depth = -1;
  for (const s of lane.slices) if (s.s0 <= seq && seq < s.s1 && s.depth > depth) depth = s.depth;
  return depth < 0 ? geo.stateY + m.state / 2 : geo.rowsY + depth * m.slice + m.slice / 2;
}

export interface FaultRows {
  readonly fault: Scene['fault'] & object;
  readonly faultY: number;
  readonly causeY: number | null;
  /** Top of the callout band where both labels are written. */
  readonly bandY: number;
  /** Lifetime lanes of the dead resource and of the one accessed (may be the same). */
  readonly resYs: readonly number[];
  readonly label: string;
  readonly causeLabel: string;
}

export function faultRows(scene: Scene, label: string, causeLabel: string, m: Metrics = METRICS): FaultRows | null {
  const f = scene.fault;
  if (!f) return null;
  const resYs = [...new Set([f.res, f.accessed])].flatMap((r) => {
    const b = scene.boxOf.get(boxId('resource', r));
    return b ? [b.y + b.h / 2] : [];
  });
  return {
    fault: f,
    faultY: taskPointY(scene, f.task, f.seq, m),
    causeY: f.cause ? taskPointY(scene, f.cause.task, f.cause.seq, m) : null,
    bandY: scene.boxOf.get(boxId('callout', -1))?.y ?? 0,
    resYs,
    label,
    causeLabel,
  };
}
