/**
 * The trace as Chrome trace-event JSON (the "JSON Array/Object Format" that
 * chrome://tracing and Perfetto open). Timestamps are in microseconds, which
 * is exactly the simulation's virtual time.
 *
 * - pid 1 is the simulated machine (a comparison has two: pid 1 side A, pid 2
 *   side B, toCompareChromeTrace); each task is a thread (tid = its pid) named
 *   `cat (reader)`, with its call stack as nested B/E slices and each timed
 *   step (I/O, sleep, CPU work, waiting for a lock) as an X slice inside;
 * - each lock's holding spans and each resource's lifetime states are async
 *   (b/e) spans, cat `lock` / `resource`, one id per lock or resource;
 * - flags are counters (C); the fault is a global instant (i, s: g) carrying
 *   the Oops in its args.
 *
 * Chrome DevTools' trace engine (chromeTrace.engine.test.ts) pairs B with E on
 * one stack for the whole file, in file order, by name and cat: each thread's
 * events stay one contiguous, balanced block (do not sort the file by ts), and
 * within it E before B at equal ts, parents before children. It ignores the
 * async spans, counters and `i` instants (Perfetto shows them).
 */
import { taskName } from '../interpret/names.ts';
import { flagIntervals, lockHolds, resourceSegments } from '../interpret/intervals.ts';
import type { Program, SimEvent, Trace } from '../types.ts';

export interface ChromeEvent {
  readonly name: string;
  readonly ph: 'B' | 'E' | 'X' | 'i' | 'b' | 'e' | 'C' | 'M';
  readonly ts?: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid?: number;
  readonly cat?: string;
  readonly id?: string;
  readonly s?: 'g' | 'p' | 't';
  readonly args?: Readonly<Record<string, string | number | boolean>>;
}

export interface ChromeTrace {
  readonly traceEvents: ChromeEvent[];
  readonly displayTimeUnit: 'ms';
  readonly otherData: Readonly<Record<string, string>>;
}

const PID = 1;
const TIMED: ReadonlySet<string> = new Set(['io.begin', 'sleep.begin', 'cpu']);

function frameNames(p: Program, e: SimEvent): readonly { fn: string; file: string }[] {
  return p.tasks[e.task]?.steps[e.pc]?.stack ?? [];
}

/**
 * One thread's slices: the call stack as B/E (E repeats B's cat: DevTools pairs
 * them by name and cat), timed steps and lock waits as X inside. A `fn.enter`
 * is a new call even of the function just left (syscall after syscall). A
 * frame that took no time is left out: no viewer can nest zero-length slices.
 */
function threadEvents(trace: Trace, task: number, end: number, pid: number): ChromeEvent[] {
  const p = trace.program;
  const tid = p.tasks[task]!.pid;
  const out: ChromeEvent[] = [];
  const open: { fn: string; ts: number; b: ChromeEvent }[] = [];
  const close = (depth: number, ts: number): void => {
    while (open.length > depth) {
      const f = open.pop()!;
      if (f.ts === ts && out.at(-1) === f.b) out.pop();
      else out.push({ name: f.fn, ph: 'E', ts, pid, tid, cat: 'function' });
    }
  };
  let now = 0;
  for (const e of trace.events) {
    if (e.task !== task) continue;
    const start = Math.max(now, e.type === 'lock.acquire' ? Math.min(e.waitFrom, e.t) : e.t);
    const stack = frameNames(p, e);
    const keep = e.type === 'fn.enter' ? stack.length - 1 : stack.length;
    let same = 0;
    while (same < open.length && same < keep && open[same]!.fn === stack[same]!.fn) same++;
    close(same, start);
    for (const f of stack.slice(same)) {
      const b: ChromeEvent = { name: f.fn, ph: 'B', ts: start, pid, tid, cat: 'function', args: { file: f.file } };
      out.push(b);
      open.push({ fn: f.fn, ts: start, b });
    }
    if (e.type === 'lock.acquire' && start < e.t) {
      out.push({ name: `wait: ${e.what}`, ph: 'X', ts: start, dur: e.t - start, pid, tid, cat: 'lock' });
    }
    if (TIMED.has(e.type) && e.end > e.t) {
      out.push({ name: e.what, ph: 'X', ts: e.t, dur: e.end - e.t, pid, tid, cat: e.type.split('.')[0]! });
    }
    now = Math.max(start, e.t);
  }
  close(0, Math.max(end, now));
  return out;
}

/**
 * Async spans: who holds each lock (one span per hold), and each resource's
 * state over time, both as interpret/intervals reads them (ids start with `ids`).
 */
function spans(trace: Trace, pid: number, ids: string): ChromeEvent[] {
  const p = trace.program;
  const out: ChromeEvent[] = [];
  lockHolds(trace).forEach((holds, l) => {
    const label = p.locks[l]!.label;
    holds.forEach((h, k) => {
      const id = `${ids}lock${l}.${k}`;
      const who = p.tasks[h.task]!;
      out.push({ name: label, ph: 'b', ts: h.t0, pid, cat: 'lock', id, args: { holder: who.comm, pid: who.pid } });
      out.push({ name: label, ph: 'e', ts: Math.max(h.t0, h.t1), pid, cat: 'lock', id });
    });
  });
  resourceSegments(trace).forEach((segs, ri) => {
    const r = p.resources[ri]!;
    const id = `${ids}res${ri}`;
    for (const g of segs) {
      const name = `${r.label}: ${g.state}`;
      out.push({ name, ph: 'b', ts: g.t0, pid, cat: 'resource', id, args: { state: g.state, kind: r.kind } });
      out.push({ name, ph: 'e', ts: g.t1, pid, cat: 'resource', id });
    }
  });
  return out;
}

/** Each flag as a counter: its initial value, then 1 and 0 at the edges of its true intervals. */
function flagCounters(trace: Trace, pid: number): ChromeEvent[] {
  const p = trace.program;
  return flagIntervals(trace).flatMap((ivs, f): ChromeEvent[] => {
    const name = p.flags[f]!.label;
    const init: ChromeEvent = { name, ph: 'C', ts: 0, pid, args: { value: p.flags[f]!.initial ? 1 : 0 } };
    return [init, ...ivs.flatMap((iv): ChromeEvent[] => [
      ...(iv.task >= 0 ? [{ name, ph: 'C', ts: iv.t0, pid, args: { value: 1 } } as ChromeEvent] : []),
      ...(iv.open ? [] : [{ name, ph: 'C', ts: iv.t1, pid, args: { value: 0 } } as ChromeEvent]),
    ])];
  });
}

/** One run as one process: its name, threads, slices, spans, counters and the fault. */
function processEvents(trace: Trace, pid: number, name: string, ids: string, fault: 'g' | 'p'): { meta: ChromeEvent[]; body: ChromeEvent[] } {
  const p = trace.program;
  const end = trace.end;
  const meta: ChromeEvent[] = [
    { name: 'process_name', ph: 'M', pid, args: { name } },
    ...p.tasks.flatMap((t, i): ChromeEvent[] => [
      { name: 'thread_name', ph: 'M', pid, tid: t.pid, args: { name: taskName(p, i) } },
      { name: 'thread_sort_index', ph: 'M', pid, tid: t.pid, args: { sort_index: i } },
    ]),
  ];
  const threads = p.tasks.flatMap((_, i) => threadEvents(trace, i, end, pid));
  const oops: ChromeEvent[] = trace.fault
    ? [{
        name: `Oops: ${trace.fault.kind}`, ph: 'i', s: fault, ts: trace.fault.t, pid, tid: p.tasks[trace.fault.task]!.pid,
        args: { what: trace.fault.what, resource: p.resources[trace.fault.res]?.label ?? '', oops: trace.report?.text ?? '' },
      }]
    : [];
  return { meta, body: [...threads, ...spans(trace, pid, ids), ...flagCounters(trace, pid), ...oops] };
}

/**
 * Chrome trace-event JSON for one trace (serialize with JSON.stringify).
 * @example JSON.stringify(toChromeTrace(simulate(view)))
 */
export function toChromeTrace(trace: Trace): ChromeTrace {
  const p = trace.program;
  const { meta, body } = processEvents(trace, PID, `racelanes ${[p.scenario, ...p.fixes].join('+')}`, '', 'g');
  return {
    traceEvents: [...meta, ...body],
    displayTimeUnit: 'ms',
    otherData: { scenario: p.scenario, fixes: p.fixes.join(',') || 'none', kernel: p.kernel.id, generator: 'racelanes' },
  };
}

/**
 * A comparison as one Chrome trace: side A is process 1, named `A: <fixes>`,
 * side B process 2, `B: <fixes>` (with ` on <kernel>` when the kernels
 * differ), one above the other on the same clock. Each process is laid out
 * as toChromeTrace lays out one run; span ids start with `a.` / `b.` and
 * each fault is an instant of its own process (s: p).
 * @example JSON.stringify(toCompareChromeTrace(c.a.trace, c.b.trace))
 */
export function toCompareChromeTrace(a: Trace, b: Trace): ChromeTrace {
  const name = (t: Trace) => {
    const fixes = t.program.fixes.join('+') || 'none';
    return a.program.kernel.id === b.program.kernel.id ? fixes : `${fixes} on ${t.program.kernel.id}`;
  };
  const pa = processEvents(a, 1, `A: ${name(a)}`, 'a.', 'p');
  const pb = processEvents(b, 2, `B: ${name(b)}`, 'b.', 'p');
  const order: ChromeEvent[] = [
    { name: 'process_sort_index', ph: 'M', pid: 1, args: { sort_index: 0 } },
    { name: 'process_sort_index', ph: 'M', pid: 2, args: { sort_index: 1 } },
  ];
  return {
    traceEvents: [...pa.meta, ...pb.meta, ...order, ...pa.body, ...pb.body],
    displayTimeUnit: 'ms',
    otherData: {
      scenario: a.program.scenario, fixes: a.program.fixes.join(',') || 'none', kernel: a.program.kernel.id,
      compareFixes: b.program.fixes.join(',') || 'none', compareKernel: b.program.kernel.id, generator: 'racelanes',
    },
  };
}
