/**
 * The interleaving of a trace as text columns, one per task, in the style of
 * Documentation/memory-barriers.txt (`CPU 1 / CPU 2` over a `====` rule).
 * Only the steps that matter are shown: locks, SRCU, the flag checks that
 * decided something (a stale pass or an error path), flag sets, sleeps, the
 * start of I/O, frees and disables of what another task uses, and the fault.
 */
import { formatDuration } from './codecs.ts';
import type { Program, SimEvent, Trace } from '../types.ts';
import { taskShort } from '../interpret/names.ts';
import { cleanC, shortC, truncate } from './ascii.ts';

export const WIDTH = 72;
const GAP = 2;
/** More rows than this and the oldest are elided (the race is at the end). */
export const MAX_ROWS = 56;
/** A jump in time at least this long between two shown steps gets its own row. */
const GAP_ROW_US = 1000;

interface Row {
  /** Column (task index), or -1 for a row across all columns. */
  readonly col: number;
  readonly text: string;
}

/** Resources some task other than `task` touches: their frees and disables matter. */
function sharedBy(program: Program): (res: number, task: number) => boolean {
  const users = program.resources.map(() => new Set<number>());
  program.tasks.forEach((t, ti) => {
    for (const s of t.steps) for (const r of s.res) if (s.kind === 'use' || s.kind.startsWith('io')) users[r]?.add(ti);
  });
  // An access to an MMIO window also needs its clock and enable bit alive.
  program.resources.forEach((r, ri) => {
    for (const dep of r.dependsOn ?? []) {
      const di = program.resources.findIndex((x) => x.id === dep);
      for (const u of users[ri] ?? []) users[di]?.add(u);
    }
  });
  return (res, task) => [...(users[res] ?? [])].some((u) => u !== task);
}

/** References more than one task gets or puts: their counts decide something. */
function sharedRefs(program: Program): Set<number> {
  const users = program.refs.map(() => new Set<number>());
  program.tasks.forEach((t, ti) => {
    for (const s of t.steps) if ((s.kind === 'get' || s.kind === 'put' || s.kind === 'check') && s.ref >= 0) users[s.ref]?.add(ti);
  });
  return new Set(users.flatMap((u, i) => (u.size > 1 ? [i] : [])));
}

/** Events worth a row. */
export function mattering(trace: Trace): SimEvent[] {
  const shared = sharedBy(trace.program);
  const refs = sharedRefs(trace.program);
  const checks = trace.events.filter((e) => e.type === 'flag.check' && e.flag >= 0);
  const stale = staleChecks(trace, checks);
  return trace.events.filter((e) => {
    switch (e.type) {
      case 'lock.acquire': case 'lock.release': case 'flag.set': case 'sleep.begin': case 'io.begin':
      case 'srcu.lock': case 'srcu.unlock': case 'srcu.sync.begin': case 'srcu.sync.end': case 'fault':
        return true;
      case 'flag.check':
        return e.flag >= 0 ? e.value || stale.has(e.seq) : e.ref >= 0 && e.value === true;
      case 'ref.get': case 'ref.put':
        return refs.has(e.ref);
      case 'res.free': case 'res.state':
        return e.res.some((r) => shared(r, e.task));
      default:
        return false;
    }
  });
}

/** About how long: `~300ms`, `~2.5s`, `40us`. */
export function approx(us: number): string {
  if (us < 1000) return `${us}us`;
  if (us < 10_000_000) return `~${Math.round(us / 1000)}ms`;
  return `~${Math.round(us / 100_000) / 10}s`;
}

/** `main` and its `suffix` in `width` columns: one line, else the suffix on a line of its own. */
function fit(main: string, suffix: string, width: number, prefer?: RegExp): string[] {
  const whole = shortC(main, width, prefer);
  if (!suffix) return [whole];
  // The suffix goes beside the C only when that costs the C nothing.
  if (whole.length + suffix.length <= width) return [`${whole}${suffix}`];
  return [whole, truncate(`  ${suffix.trim()}`, width)];
}

/**
 * A mutex operation: `mutex_lock(&nor->lock)` from the step's C, else, where
 * that does not fit, `lock nor->lock` (a narrow column keeps the lock's name).
 */
function mutexText(what: string, op: 'lock' | 'unlock', label: string | undefined, width: number): string {
  const call = new RegExp(`mutex_${op}\\([^()]*\\)`).exec(what)?.[0];
  const c = cleanC(what);
  if (c.length <= width) return c;
  if (call && call.length <= width) return call;
  return call && label ? `${op} ${label}` : what;
}

/** The C of one event, fitted to `width`: one line, or two when an outcome does not fit beside it. */
export function stepText(trace: Trace, e: SimEvent, width: number, stale: boolean): string[] {
  const p = trace.program;
  const dur = (us: number) => ` (${formatDuration(us)})`;
  switch (e.type) {
    case 'lock.acquire': {
      const waited = e.t - e.waitFrom >= 1 ? ` (waited ${approx(e.t - e.waitFrom)})` : '';
      return fit(mutexText(e.what, 'lock', p.locks[e.lock]?.label, width), waited, width, /lock|synchronize|disable/);
    }
    case 'lock.release': return fit(mutexText(e.what, 'unlock', p.locks[e.lock]?.label, width), '', width, /unlock|stop|done/);
    case 'flag.check': {
      const step = p.tasks[e.task]?.steps[e.pc];
      return fit(e.what, e.value ? ` -> ${step?.errno || 'error'}` : stale ? ' -> passes (stale)' : ' -> passes', width, /\bif\b/);
    }
    case 'flag.set': {
      const c = cleanC(e.what);
      const label = p.flags[e.flag]?.label ?? '?';
      return [c.length <= width ? c : truncate(`${label}: ${e.value ? 'true' : 'false'}`, width)];
    }
    case 'sleep.begin': return fit(e.what, dur(e.end - e.t), width);
    case 'io.begin': return fit(e.what, dur(e.end - e.t), width, /\b(io)?(read|write)\w*\(|memcpy|transfer/);
    case 'res.free': case 'res.state': return fit(e.what, '', width, /free|put|destroy|unmap|disable|detach|off/);
    case 'ref.get': case 'ref.put': return fit(e.what, e.count === undefined ? '' : ` (now ${e.count})`, width, /ref|get|put|inc|dec/);
    case 'fault': {
      const f = e.fault;
      const bad = f ? p.resources[f.res] : undefined;
      const detail = f && (f.kind === 'ref-add-on-zero' || f.kind === 'ref-underflow') ? ' (the count was 0)' : bad && f ? ` (${bad.label} ${f.state})` : '';
      return [...fit(e.what, '', width), ...fit(`*** ${f?.kind ?? 'fault'}`, detail, width)];
    }
    default: return fit(e.what, '', width);
  }
}

function innerFn(trace: Trace, e: SimEvent): string {
  const s = trace.program.tasks[e.task]?.steps[e.pc];
  return s?.stack[s.stack.length - 1]?.fn ?? '?';
}

/** `CPU2 (cat)` per task; the pid is added where two tasks would read the same. */
export function taskHeads(program: Program): string[] {
  return program.tasks.map((t, i) => {
    const short = taskShort(program, i);
    return short === t.comm ? `CPU${t.cpu} (${t.comm})` : `CPU${t.cpu} (${short} ${t.pid})`;
  });
}

/** The rows of each shown event (a time-gap row, a function header, the C). */
function rowGroups(trace: Trace, evs: readonly SimEvent[], width: number, tagged: boolean): Row[][] {
  const groups: Row[][] = [];
  const lastFn = new Map<number, string>();
  const stale = staleChecks(trace, evs);
  let prevT = -1;
  for (const e of evs) {
    const rows: Row[] = [];
    if (prevT >= 0 && e.t - prevT >= GAP_ROW_US) rows.push({ col: -1, text: `... ${approx(e.t - prevT)} later ...` });
    prevT = e.t;
    const fn = innerFn(trace, e);
    if (tagged) {
      const fnW = Math.min(fn.length, 24);
      const [first = '', ...more] = stepText(trace, e, width - fnW - 2, stale.has(e.seq));
      rows.push({ col: e.task, text: truncate(`${truncate(fn, fnW)}: ${first}`, width) });
      for (const m of more) rows.push({ col: e.task, text: truncate(`    ${m}`, width) });
    } else {
      if (lastFn.get(e.task) !== fn) rows.push({ col: e.task, text: truncate(`${fn}()`, width) });
      lastFn.set(e.task, fn);
      for (const l of stepText(trace, e, width - 2, stale.has(e.seq))) rows.push({ col: e.task, text: `  ${l}` });
    }
    groups.push(rows);
  }
  return groups;
}

/** Checks that passed although another task sets the flag later: the read was stale. */
function staleChecks(trace: Trace, evs: readonly SimEvent[]): Set<number> {
  const out = new Set<number>();
  for (const e of evs) {
    if (e.type !== 'flag.check' || e.value) continue;
    if (trace.events.some((x) => x.seq > e.seq && x.type === 'flag.set' && x.flag === e.flag && x.task !== e.task)) out.add(e.seq);
  }
  return out;
}

/** Keeps the last events that fit in `max` rows, saying how many were left out. */
function elide(groups: readonly Row[][], max: number): Row[] {
  let rows = 0;
  let from = groups.length;
  while (from > 0 && rows + groups[from - 1]!.length <= max - 1) rows += groups[--from]!.length;
  const kept = groups.slice(from).flat();
  if (from === 0) return kept;
  // A gap row cannot open the block: it says "later" than something not shown.
  if (kept[0]?.col === -1) kept.shift();
  return [{ col: -1, text: `[... ${from} earlier steps not shown ...]` }, ...kept];
}

/**
 * The interleaving as lines of at most `WIDTH` columns: one column per task
 * for up to 3 tasks, else a single column with a task tag on every row.
 */
export function interleaving(trace: Trace): string[] {
  const tasks = trace.program.tasks;
  const heads = taskHeads(trace.program);
  const evs = mattering(trace);
  if (tasks.length <= 3) {
    const n = Math.max(1, tasks.length);
    const colW = Math.floor((WIDTH - GAP * (n - 1)) / n);
    const rows = elide(rowGroups(trace, evs, colW, false), MAX_ROWS);
    const line = (cells: string[]) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(colW + GAP) : c)).join('').trimEnd();
    const out = [line(heads.map((h) => truncate(h, colW))), line(heads.map(() => '='.repeat(colW)))];
    for (const r of rows) {
      if (r.col < 0) { out.push(truncate(r.text, WIDTH)); continue; }
      out.push(line(tasks.map((_, i) => (i === r.col ? r.text : ''))));
    }
    return out;
  }
  const tagW = Math.max(...heads.map((h) => h.length));
  const textW = WIDTH - tagW - GAP;
  const rows = elide(rowGroups(trace, evs, textW, true), MAX_ROWS);
  const out = [`${'Task'.padEnd(tagW + GAP)}Step`, `${'='.repeat(tagW)}${' '.repeat(GAP)}${'='.repeat(textW)}`];
  for (const r of rows) out.push(r.col < 0 ? truncate(r.text, WIDTH) : `${heads[r.col]!.padEnd(tagW + GAP)}${r.text}`.trimEnd());
  return out;
}
