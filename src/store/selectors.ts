/**
 * Pure selectors over the trace and the view. No React, no store: every
 * function here takes plain data so it can be unit-tested in Node and reused
 * by the timelines, the panels and the e2e idle hook.
 */
import {
  taskName as taskNameOf, taskShort, taskWithPid as taskWithPidOf,
  ERR_FLAG, FIX_SETS, compareSides, formatDuration, latencyProbe, questionKey, questionOf, sweepCellView, sweepGrid,
  type Decision, type FixId, type Frame, type Mode, type QuestionInput, type SimEvent, type StartsWord, type Step, type Trace, type ViewState,
} from '../sim/index.ts';
import { startsKeyOf, type VerdictResult } from './verdictSlice.ts';

/** Index of the fault event, or -1 when the run does not fault. */
export function faultIndex(trace: Trace): number {
  const n = trace.events.length;
  for (let i = n - 1; i >= 0; i--) if (trace.events[i]!.type === 'fault') return i;
  return -1;
}

export function lastIndex(trace: Trace): number {
  return Math.max(0, trace.events.length - 1);
}

export function clampCursor(trace: Trace, i: number): number {
  return Math.min(Math.max(0, Math.trunc(i)), lastIndex(trace));
}

/** The last event that happened at or before time `t` (events are sorted by time). */
export function indexAtTime(trace: Trace, t: number): number {
  const ev = trace.events;
  let lo = 0;
  let hi = ev.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ev[mid]!.t <= t) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return best;
}

/** Resolves a link's `t` against a trace: null = first step, 'fault' = the fault (or the end). */
export function resolveCursor(trace: Trace, t: ViewState['t']): { cursor: number; problem: string | null } {
  if (t === null) return { cursor: 0, problem: null };
  if (t === 'end') return { cursor: lastIndex(trace), problem: null };
  if (t === 'fault') {
    const f = faultIndex(trace);
    return f >= 0 ? { cursor: f, problem: null } : { cursor: lastIndex(trace), problem: 't=fault: this run does not fault; showing its end' };
  }
  if (t > lastIndex(trace)) return { cursor: lastIndex(trace), problem: `t=${t}: this run has only ${trace.events.length} steps; showing the last` };
  return { cursor: t, problem: null };
}

/** The link's `t` for a cursor: the fault is written as `fault` so it survives model changes. */
export function cursorToT(trace: Trace, cursor: number): ViewState['t'] {
  if (cursor <= 0) return null;
  if (cursor === faultIndex(trace)) return 'fault';
  return cursor;
}

export interface NextDecision {
  readonly index: number;
  readonly decision: Decision;
}

/** The next scheduling point after the cursor: the choice that produces a later event. */
export function nextDecision(trace: Trace, cursor: number): NextDecision | null {
  const ds = trace.decisions;
  for (let i = 0; i < ds.length; i++) if (ds[i]!.event > cursor) return { index: i, decision: ds[i]! };
  return null;
}

/** The schedule that replays decisions 0..d-1 as they went and picks `task` at decision d. */
export function scheduleChoosing(trace: Trace, d: number, task: number): number[] {
  return [...trace.decisions.slice(0, d).map((x) => x.chosen), task];
}

export function stepOf(trace: Trace, e: SimEvent): Step | undefined {
  return trace.program.tasks[e.task]?.steps[e.pc];
}

export function innermost(trace: Trace, e: SimEvent): Frame | undefined {
  return stepOf(trace, e)?.stack.at(-1);
}

/** "cat (reader)", "sh (unbind)", "cat#2 (reader)" when several tasks share a comm. */
export function taskName(trace: Trace, task: number): string {
  return taskNameOf(trace.program, task);
}

/** "cat#2 (pid 461)". */
export function taskWithPid(trace: Trace, task: number): string {
  return taskWithPidOf(trace.program, task);
}

/** The command line, with long sysfs paths shortened: `echo ff8d2000.spi > …/unbind`. */
export function taskCommand(trace: Trace, task: number): string {
  const c = trace.program.tasks[task]?.command ?? '';
  return c.replace(/\/\S*\/([^/\s]+)/g, '…/$1');
}

/** The lane label: `sh: echo ff8d2000.spi > …/unbind`. */
export function taskLabel(trace: Trace, task: number): string {
  const t = trace.program.tasks[task];
  return t ? `${taskShort(trace.program, task)}: ${taskCommand(trace, task)}` : `task ${task}`;
}

/** The last event of `task` at or before `cursor`, or -1 before it starts. */
export function lastEventOf(trace: Trace, task: number, cursor: number): number {
  for (let i = Math.min(cursor, trace.events.length - 1); i >= 0; i--) if (trace.events[i]!.task === task) return i;
  return -1;
}

/** What a task is doing at the cursor, in words. */
export function taskStatus(trace: Trace, task: number, cursor: number): string {
  const i = lastEventOf(trace, task, cursor);
  if (i < 0) return 'not started yet';
  const e = trace.events[i]!;
  const now = trace.events[cursor]?.t ?? e.t;
  if (e.type === 'fault') return 'faulted';
  if (e.type === 'task.exit') return 'exited';
  if (e.type === 'io.begin' && e.end > now) return `in I/O until ${formatMicros(e.end)}`;
  if (e.type === 'sleep.begin' && e.end > now) return `sleeping until ${formatMicros(e.end)}`;
  if (e.type === 'srcu.sync.begin') return 'waiting for SRCU readers';
  let next: Trace['events'][number] | undefined;
  for (let j = cursor + 1; j < trace.events.length; j++) if (trace.events[j]!.task === task) { next = trace.events[j]; break; }
  if (next?.type === 'lock.acquire' && next.waitFrom <= now && next.waitFrom < next.t) {
    return `waiting for ${trace.program.locks[next.lock]?.label ?? 'a lock'}`;
  }
  return 'running';
}

export interface CodeAt {
  readonly fn: string;
  readonly file: string;
  readonly lines: readonly string[];
  readonly added: readonly number[];
  /** Commit ids beside lines this kernel has that the seed's does not (line index -> commit). */
  readonly since: Readonly<Record<number, string>>;
  /** Set when the function exists only in this proposed patch. */
  readonly patch: string | null;
  /** Highlighted line, -1 = at the function's entry. */
  readonly line: number;
  readonly stack: readonly Frame[];
}

/** The simplified C of the function `task` is in at the cursor. */
export function codeAt(trace: Trace, task: number, cursor: number): CodeAt | null {
  const i = lastEventOf(trace, task, cursor);
  if (i < 0) return null;
  const e = trace.events[i]!;
  const step = stepOf(trace, e);
  const frame = step?.stack.at(-1);
  if (!step || !frame) return null;
  const code = trace.program.code[frame.key];
  return {
    fn: frame.fn, file: frame.file, lines: code?.lines ?? [], added: code?.added ?? [], since: code?.since ?? {}, patch: code?.patch ?? null,
    line: step.line, stack: step.stack,
  };
}

/** 2045 -> "2.045 ms", 24 -> "24 µs", 305037 -> "305.037 ms". */
export function formatMicros(us: number): string {
  if (us < 1000) return `${us} µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(3).replace(/\.?0+$/, '')} ms`;
  return `${(us / 1_000_000).toFixed(6).replace(/\.?0+$/, '')} s`;
}

const resLabel = (trace: Trace, r: number) => trace.program.resources[r]?.label ?? `resource ${r}`;

/** What an event changed, in one line (the details panel and the event log). */
export function describeChange(trace: Trace, i: number): string {
  const e = trace.events[i];
  if (!e) return '';
  const p = trace.program;
  const res = e.res.map((r) => resLabel(trace, r)).join(', ');
  const lock = p.locks[e.lock]?.label ?? '';
  switch (e.type) {
    case 'task.start': return `${taskName(trace, e.task)} starts`;
    case 'task.exit': return `${taskName(trace, e.task)} exits`;
    case 'fn.enter': return `calls ${innermost(trace, e)?.fn ?? '?'}()`;
    case 'fn.leave': return `returns from ${innermost(trace, e)?.fn ?? '?'}()`;
    case 'res.use': return `touches ${res}`;
    case 'io.begin': return `I/O on ${res} for ${formatMicros(e.end - e.t)}`;
    case 'io.end': return 'I/O completes';
    case 'cpu': return `runs for ${formatMicros(e.end - e.t)}`;
    case 'lock.acquire': return e.waitFrom < e.t ? `takes ${lock} after waiting ${formatMicros(e.t - e.waitFrom)}` : `takes ${lock}`;
    case 'lock.release': return `releases ${lock}`;
    case 'flag.set': return `${p.flags[e.flag]?.label ?? 'flag'} = ${e.value}`;
    case 'flag.check':
      if (e.flag === ERR_FLAG) return e.value ? 'returns an error' : 'returns';
      return `reads ${p.flags[e.flag]?.label ?? 'flag'}: ${e.value ? 'error path taken' : 'goes on'}`;
    case 'wait.end': return e.value ? 'stops waiting: timed out' : `woken: ${p.flags[e.flag]?.label ?? 'flag'} is set`;
    case 'ref.get': return `takes a reference: ${p.refs[e.ref]?.label ?? 'ref'} = ${e.count ?? '?'}`;
    case 'ref.put': return e.value ? `drops the last reference: ${p.refs[e.ref]?.label ?? 'ref'} = 0, releases it` : `drops a reference: ${p.refs[e.ref]?.label ?? 'ref'} = ${e.count ?? '?'}`;
    case 'res.free': return `${res}: ${e.from ?? 'alive'} → freed`;
    case 'res.state': return `${res}: ${e.from ?? '?'} → ${e.to ?? '?'}`;
    case 'sleep.begin': return `sleeps ${formatMicros(e.end - e.t)}`;
    case 'sleep.end': return 'wakes up';
    case 'srcu.lock': return `enters ${p.srcu[e.srcu]?.label ?? 'SRCU'} read section`;
    case 'srcu.unlock': return `leaves ${p.srcu[e.srcu]?.label ?? 'SRCU'} read section`;
    case 'srcu.sync.begin': return 'synchronize_srcu(): waits for readers that entered before';
    case 'srcu.sync.end': return 'grace period over: no old readers left';
    case 'fault': {
      const f = e.fault ?? trace.fault;
      return f ? `FAULT ${f.kind}: ${resLabel(trace, f.accessed)} while ${resLabel(trace, f.res)} is ${f.state}` : 'FAULT';
    }
  }
}

/** The cache key of the verdict of a view's question with these fixes and mode. */
export function verdictKey(view: Pick<ViewState, 'scenario' | 'kernel' | 'params'>, fixes: readonly FixId[], mode: Mode): string {
  return questionKey(questionOf({ scenario: view.scenario, kernel: view.kernel, params: view.params, fixes, mode }));
}

export interface VerdictJobSpec {
  readonly key: string;
  /** The whole question (a sweep cell or side B may differ from the view in parameters or kernel). */
  readonly question: QuestionInput;
  /** Not the verdict but whether this verdict word of the question holds for every unbind start (startsCheck.ts). */
  readonly starts?: StartsWord;
}

const job = (q: QuestionInput): VerdictJobSpec =>
  ({ key: questionKey(questionOf(q)), question: { scenario: q.scenario, kernel: q.kernel, params: q.params, fixes: [...q.fixes], mode: q.mode } });

/** The view's timed question at the probe latency (see latencyProbe), with its key; null in mode any. */
export function latencyProbeJob(view: ViewState): VerdictJobSpec | null {
  const probe = latencyProbe(questionOf(view));
  if (!probe) return null;
  return job({ ...view, params: { ...view.params, lat: probe.params.lat } });
}

/** Side B's question of a comparison, in the view's mode; null when the view compares nothing. */
export function compareJob(view: ViewState): VerdictJobSpec | null {
  const sides = compareSides(view);
  return sides ? job(sides.b) : null;
}

/** The views of the view's sweep's cells, row by row; empty without a sweep. */
function sweepViews(view: ViewState): ViewState[] {
  const spec = view.sweep;
  if (!spec) return [];
  const { xs, ys } = sweepGrid(spec);
  return ys.flatMap((y) => xs.map((x) => sweepCellView(view, spec, x, y)));
}

/** Every cell of the view's sweep, row by row; empty without a sweep. */
export function sweepJobs(view: ViewState): VerdictJobSpec[] {
  return sweepViews(view).map(job);
}

/**
 * Whether the verdict of a view's question (the headline's, side B's of a
 * comparison, or a sweep cell's) holds for every unbind start, once that
 * verdict is known and needs the check (startsKeyOf: a complete timed Never
 * or Always with `at` unset and no latency window); else null.
 */
export function startsCheckJob(view: QuestionInput, verdicts: Readonly<Record<string, VerdictResult>>): VerdictJobSpec | null {
  const q = questionOf(view);
  const key = startsKeyOf({ verdicts }, q);
  if (key === null) return null;
  return { ...job(view), key, starts: verdicts[questionKey(q)]!.verdict.verdict as StartsWord };
}

/**
 * The verdicts the page needs: the current question first (the headline waits
 * for it) and, once its verdict is in (`verdicts`), whether it holds for
 * every unbind start; every fix set in both modes (the table), side B of a
 * comparison and then its check, the latency probe, the sweep's cells, then,
 * as their verdicts come in, whether each sweep cell's holds for every start
 * (after every cell: the grid is the answer).
 */
export function neededVerdicts(view: ViewState, verdicts: Readonly<Record<string, VerdictResult>> = {}): VerdictJobSpec[] {
  const out = new Map<string, VerdictJobSpec>();
  const add = (j: VerdictJobSpec | null) => { if (j && !out.has(j.key)) out.set(j.key, j); };
  const sets = [[...view.fixes], ...FIX_SETS.map((f) => [...f])];
  const modes: Mode[] = view.mode === 'any' ? ['any', 'timed'] : ['timed', 'any'];
  // The headline's check goes right after the headline: it completes the headline's answer, and the
  // table's mode-any rows can take long.
  add(job(view));
  add(startsCheckJob(view, verdicts));
  for (const fixes of sets) for (const mode of modes) add(job({ ...view, fixes, mode }));
  add(compareJob(view));
  // Side B's check, once its verdict is in (side A's is the headline's).
  const sides = compareSides(view);
  if (sides) add(startsCheckJob(sides.b, verdicts));
  add(latencyProbeJob(view));
  const cells = sweepViews(view);
  for (const c of cells) add(job(c));
  for (const c of cells) add(startsCheckJob(c, verdicts));
  return [...out.values()];
}

export function fixSetLabel(fixes: readonly FixId[]): string {
  return fixes.length === 0 ? 'no fix' : fixes.join(' + ');
}

/** Digits grouped by thousands (what `n.toLocaleString('en-US')` gives), with one formatter: that call builds a new one each time. */
const GROUPED = new Intl.NumberFormat('en-US');

/** A count of states or views (a cap, a search's progress): every digit, grouped (`1,000,000`). */
export const formatGrouped = (n: number): string => GROUPED.format(n);

/** Execution counts run past 2^53 in `any` mode: keep them short and honest. */
export function formatCount(n: number): string {
  if (n < 1e6) return GROUPED.format(n);
  return n.toExponential(2).replace('e+', 'e');
}

/** Short duration for inputs: the link syntax (`400ms`). */
export const formatParam = formatDuration;
