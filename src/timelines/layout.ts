/**
 * Trace -> marks in data coordinates (Plot "channels"). Pure: no DOM, no
 * scales. Every item carries both coordinates, `s` (step: event i spans
 * [i, i+1)) and `t` (virtual µs), so the axis mode is a scale choice only.
 */
import { resourceSegments, type FixId, type ResState, type ResourceKind, type Trace } from '../sim/index.ts';
import { taskCommand, taskName } from '../store/selectors.ts';

export interface Span {
  readonly s0: number;
  readonly s1: number;
  readonly t0: number;
  readonly t1: number;
}

/** A point mark at event `seq` (drawn at the middle of its step column). */
export interface Point {
  readonly seq: number;
  readonly t: number;
}

export interface Slice extends Span {
  readonly id: string;
  readonly task: number;
  /** Row in the lane, 0 = outermost shown frame (syscall and VFS plumbing excluded). */
  readonly depth: number;
  /** The innermost function of the slice (a merged chain shows all of `chain`). */
  readonly fn: string;
  readonly file: string;
  readonly fix: FixId | undefined;
  /** Event index of the fn.enter. */
  readonly seq: number;
  /** Pass-through calls merged into this row, outermost first (just `[fn]` when none). */
  readonly chain: readonly string[];
  /** Id of the enclosing slice, or null at depth 0. */
  readonly parent: string | null;
  /** The function did something of its own worth a mark (not only calls and short CPU work). */
  readonly busy: boolean;
}

/** The text of a slice: `fn`, or `outer › inner` / `outer › … › inner` for a merged chain. */
export function sliceLabel(s: Pick<Slice, 'chain' | 'fn'>): string {
  return sliceLabels(s)[0]!;
}

/**
 * The texts a slice can show, longest first: the whole chain; its first and
 * last calls; its first (the call the row above makes, so the lane reads
 * top-down as the code does) unless that is a `__helper` and the last is not;
 * the other end; the last alone. The mark takes the first that fits.
 */
export function sliceLabels(s: Pick<Slice, 'chain' | 'fn'>): string[] {
  const c = s.chain;
  if (c.length <= 1) return [s.fn];
  const first = c[0]!;
  const last = c[c.length - 1]!;
  if (c.length === 2) return [`${first} › ${last}`, last];
  const head = `${first} › …`;
  const tail = `… › ${last}`;
  const ends = first.startsWith('_') && !last.startsWith('_') ? [tail, head] : [head, tail];
  const out = [c.length === 3 ? c.join(' › ') : `${first} › … › ${last}`, ...ends, last];
  if (c.length > 3) out.unshift(c.join(' › '));
  return out;
}

export type TaskStateKind = 'io' | 'sleep' | 'lock-wait' | 'srcu-wait' | 'cpu';

export interface StateBar extends Span {
  readonly id: string;
  readonly task: number;
  readonly kind: TaskStateKind;
  /** The event that begins (or, for lock waits, ends) the bar. */
  readonly seq: number;
  readonly label: string;
}

export interface TaskLane {
  readonly task: number;
  readonly name: string;
  readonly command: string;
  readonly kind: string;
  readonly rows: number;
  readonly slices: readonly Slice[];
  readonly states: readonly StateBar[];
  /** When the task is inside the folded syscall and VFS plumbing, labelled with the syscall. */
  readonly entry: readonly EntrySpan[];
  /** From task.start to task.exit (or the end of the run). */
  readonly life: Span;
}

export interface EntrySpan extends Span {
  readonly id: string;
  readonly seq: number;
  /** `read(2)`, `write(2)`, `openat(2)`, `ioctl(2)`, `close (fput)`. */
  readonly label: string;
  /** Every folded frame, outermost first. */
  readonly frames: readonly string[];
}

export function pointSpan(p: Point): Span {
  return { s0: p.seq, s1: p.seq + 1, t0: p.t, t1: p.t };
}

/** The arm64 syscall entry path every user task shares. */
export const ENTRY_FRAMES: ReadonlySet<string> = new Set([
  'el0t_64_sync', 'el0t_64_sync_handler', 'el0_svc', 'do_el0_svc', 'el0_svc_common.constprop.0', 'invoke_syscall', 'exit_to_user_mode',
]);

/** sysfs's one-line hand-off to a driver attribute's store() (drivers/base/bus.c): the last of the write's plumbing. */
const SYSFS_DISPATCH: ReadonlySet<string> = new Set(['drv_attr_store']);

/**
 * Frames a lane folds into its syscall row: the arm64 entry path and the VFS /
 * sysfs plumbing (fs/, task_work) between user space and the driver. What is
 * left is the story: mtdchar and spi-nor for a reader, the driver core and
 * cqspi_remove for an unbind.
 */
export function isPlumbing(f: { readonly fn: string; readonly file: string }): boolean {
  return ENTRY_FRAMES.has(f.fn) || SYSFS_DISPATCH.has(f.fn) || f.file.startsWith('fs/') || f.file === 'kernel/task_work.c';
}

/** `__arm64_sys_read` -> `read(2)`; `__fput` -> `close (fput)`. */
function syscallLabel(fn: string): string | null {
  const m = /^__arm64_sys_(\w+)$/.exec(fn);
  if (m) return `${m[1]}(2)`;
  return fn === '__fput' ? 'close (fput)' : null;
}

/** Own events that make a frame worth its own row (CPU work and calls do not). */
const BUSY: ReadonlySet<string> = new Set([
  'res.use', 'io.begin', 'io.end', 'lock.acquire', 'lock.release', 'flag.set', 'res.free', 'res.state', 'sleep.begin', 'sleep.end',
  'srcu.lock', 'srcu.unlock', 'srcu.sync.begin', 'srcu.sync.end', 'fault',
]);

/** Function slices, state bars and entry spans of one task. */
export function layoutTask(trace: Trace, task: number): TaskLane {
  const { events, program } = trace;
  const steps = program.tasks[task]?.steps ?? [];
  const n = events.length;
  const slices: Slice[] = [];
  const states: StateBar[] = [];
  const entry: EntrySpan[] = [];
  interface Open {
    seq: number; t: number; depth: number; fn: string; file: string; fix: FixId | undefined;
    /** 'entry' opens the syscall row, 'folded' is plumbing inside it, 'slice' is a row. */
    kind: 'entry' | 'folded' | 'slice';
    id: string; parent: string | null; busy: boolean; label: string | null; frames: string[];
  }
  const open: Open[] = [];
  const pending = new Map<string, { seq: number; t: number; end: number }>();
  let start: { seq: number; t: number } | null = null;
  let life: Span | null = null;
  let prevOwn = -1;
  let rows = 0;

  const close = (o: Open, s1: number, t1: number) => {
    if (o.kind === 'folded') return;
    if (o.kind === 'entry') {
      entry.push({ id: `e${task}:${o.seq}`, seq: o.seq, s0: o.seq, s1, t0: o.t, t1, label: o.label ?? 'syscall', frames: o.frames });
      return;
    }
    slices.push({
      id: o.id, task, depth: o.depth, fn: o.fn, file: o.file, fix: o.fix, seq: o.seq, s0: o.seq, s1, t0: o.t, t1,
      chain: [o.fn], parent: o.parent, busy: o.busy,
    });
  };
  /** The innermost open row (slice) of the lane, which an event of this task belongs to. */
  const innerSlice = (): Open | undefined => { for (let k = open.length - 1; k >= 0; k--) if (open[k]!.kind === 'slice') return open[k]; return undefined; };
  const bar = (kind: TaskStateKind, seq: number, span: Span, label: string) => {
    states.push({ id: `${kind}${task}:${seq}`, task, kind, seq, label, ...span });
  };

  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    if (e.task !== task) continue;
    const step = steps[e.pc];
    if (BUSY.has(e.type) || (e.type === 'cpu' && e.end - e.t >= 20) || (e.type === 'flag.check' && e.flag >= 0)) {
      const own = innerSlice();
      if (own) own.busy = true;
    }
    switch (e.type) {
      case 'task.start': start = { seq: i, t: e.t }; break;
      case 'task.exit': if (start) life = { s0: start.seq, s1: i + 1, t0: start.t, t1: e.end }; break;
      case 'fn.enter': {
        const stack = step?.stack ?? [];
        const f = stack.at(-1);
        if (!f) break;
        const hidden = stack.slice(0, -1).filter(isPlumbing).length;
        const depth = stack.length - 1 - hidden;
        const base = { seq: i, t: e.t, depth, fn: f.fn, file: f.file, fix: f.fix, id: `f${task}:${i}`, busy: false, label: null, frames: [] as string[] };
        if (isPlumbing(f)) {
          const outer = open.find((o) => o.kind === 'entry');
          if (outer) {
            outer.frames.push(f.fn);
            outer.label ??= syscallLabel(f.fn);
            open.push({ ...base, kind: 'folded', parent: null });
          } else {
            open.push({ ...base, kind: 'entry', parent: null, label: syscallLabel(f.fn), frames: [f.fn] });
          }
          break;
        }
        rows = Math.max(rows, depth + 1);
        open.push({ ...base, kind: 'slice', parent: innerSlice()?.id ?? null });
        break;
      }
      case 'fn.leave': {
        const o = open.pop();
        if (o) close(o, i + 1, e.end);
        break;
      }
      case 'io.begin': case 'sleep.begin': case 'srcu.sync.begin':
        pending.set(e.type.split('.')[0]!, { seq: i, t: e.t, end: e.end });
        break;
      case 'io.end': case 'sleep.end': case 'srcu.sync.end': {
        const k = e.type.split('.')[0]!;
        const p = pending.get(k);
        if (p) {
          pending.delete(k);
          const kind: TaskStateKind = k === 'io' ? 'io' : k === 'sleep' ? 'sleep' : 'srcu-wait';
          bar(kind, p.seq, { s0: p.seq, s1: i + 1, t0: p.t, t1: e.t }, e.what);
        }
        break;
      }
      case 'cpu':
        if (e.end - e.t >= 20) bar('cpu', i, { s0: i, s1: i + 1, t0: e.t, t1: e.end }, e.what);
        break;
      case 'lock.acquire':
        if (e.waitFrom < e.t) {
          const label = `waits for ${program.locks[e.lock]?.label ?? 'lock'}`;
          bar('lock-wait', i, { s0: prevOwn + 1, s1: i, t0: e.waitFrom, t1: e.t }, label);
        }
        break;
      case 'fault':
        // The faulting access cuts short whatever the task was doing.
        for (const [k, p] of pending) {
          const kind: TaskStateKind = k === 'io' ? 'io' : k === 'sleep' ? 'sleep' : 'srcu-wait';
          bar(kind, p.seq, { s0: p.seq, s1: i + 1, t0: p.t, t1: e.t }, 'cut short by the fault');
        }
        pending.clear();
        break;
      default: break;
    }
    prevOwn = i;
  }
  // Whatever is still open runs to the end of the trace (a fault stops the run).
  const endT = n ? Math.max(trace.end, events[n - 1]!.t) : trace.end;
  const lastT = n ? events[n - 1]!.t : 0;
  const stopT = trace.fault ? trace.fault.t : endT;
  for (const [k, p] of pending) {
    const kind: TaskStateKind = k === 'io' ? 'io' : k === 'sleep' ? 'sleep' : 'srcu-wait';
    bar(kind, p.seq, { s0: p.seq, s1: n, t0: p.t, t1: Math.max(lastT, Math.min(p.end, stopT)) }, 'still running when the run stops');
  }
  while (open.length) close(open.pop()!, n, trace.fault ? trace.fault.t : endT);
  if (!life && start) life = { s0: start.seq, s1: n, t0: start.t, t1: trace.fault ? trace.fault.t : endT };
  const t = program.tasks[task];
  return {
    task,
    name: taskName(trace, task),
    command: t ? `pid ${t.pid} · ${taskCommand(trace, task)}` : '',
    kind: t?.kind ?? 'reader',
    rows,
    slices,
    states,
    entry,
    life: life ?? { s0: 0, s1: 0, t0: 0, t1: 0 },
  };
}

export interface ResSegment extends Span {
  readonly id: string;
  readonly state: ResState;
}

export interface ResAccess extends Point {
  readonly id: string;
  readonly task: number;
  readonly bad: boolean;
}

export interface ResourceLane {
  readonly res: number;
  readonly label: string;
  readonly kind: ResourceKind;
  readonly owner: string;
  readonly segments: readonly ResSegment[];
  readonly accesses: readonly ResAccess[];
}

/** A lifetime bar per resource: its states over time, and every access as a tick. */
export function layoutResources(trace: Trace): ResourceLane[] {
  const { events, program } = trace;
  const n = events.length;
  const all = resourceSegments(trace);
  return program.resources.map((r, res) => {
    // A state change takes effect in the middle of its step column.
    const segments: ResSegment[] = all[res]!.map((g, k) => ({
      id: `r${res}:${k}`, state: g.state, s0: g.by < 0 ? 0 : g.seq0 + 0.5, s1: g.open ? n : g.seq1 + 0.5, t0: g.t0, t1: g.t1,
    }));
    const lockIn = new Set(program.locks.flatMap((l, i) => (l.in === r.id ? [i] : [])));
    const flagIn = new Set(program.flags.flatMap((f, i) => (f.in === r.id ? [i] : [])));
    const accesses: ResAccess[] = [];
    for (const e of events) {
      const bad = e.type === 'fault' && (e.fault?.accessed === res || e.fault?.res === res);
      const touches =
        ((e.type === 'res.use' || e.type === 'io.begin') && e.res.includes(res)) ||
        ((e.type === 'lock.acquire' || e.type === 'lock.release') && lockIn.has(e.lock)) ||
        ((e.type === 'flag.check' || e.type === 'flag.set') && flagIn.has(e.flag));
      if (touches || bad) accesses.push({ id: `a${res}:${e.seq}`, seq: e.seq, t: e.t, task: e.task, bad });
    }
    return { res, label: r.label, kind: r.kind, owner: r.owner, segments, accesses };
  });
}
