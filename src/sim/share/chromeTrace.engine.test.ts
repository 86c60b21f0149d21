/**
 * Every export must load cleanly in Chrome DevTools' own trace engine (the
 * Performance panel's and Lighthouse's parser, npm `@paulirish/trace_engine`):
 * no warning of any kind, one thread per task named after its comm, and call
 * stacks that the engine nests exactly as the simulation ran them.
 *
 * The engine reports problems it tolerates with console.error (e.g. "Begin/End
 * events mismatch", "Negative event duration"), flags events in its Warnings
 * handler, and records insight failures as modelErrors; all three count here.
 * It drops a slice that overlaps the end of its parent without a word, and a
 * zero-length slice lands under whichever slice starts or ends at its time,
 * hence the checks of the tree against the simulated calls (`fn.enter`).
 * Threads are told apart by tid: the three readers of readers=3 are all
 * named `cat (reader)`.
 */
import * as TraceEngine from '@paulirish/trace_engine';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, FIX_SETS, SCENARIO_IDS, simulate, type Trace, type ViewState } from '../index.ts';
import { compareViews } from '../compare.ts';
import { toChromeTrace, toCompareChromeTrace, type ChromeTrace } from './chromeTrace.ts';

type EngineEvent = TraceEngine.Types.Events.Event;
type Node = TraceEngine.Helpers.TreeHelpers.TraceEntryNode;

const VIEWS: ViewState[] = SCENARIO_IDS.flatMap((scenario) => FIX_SETS.flatMap((fixes) => (['any', 'timed'] as const).flatMap((mode) =>
  [{}, { readers: 3 }, { erase: 2_000_000 }].map((params): ViewState => ({ ...DEFAULT_VIEW, scenario, fixes: [...fixes], mode, params, sched: [] })))));

/** The same run read off a clock `q` µs coarse: many calls and steps take no time at all. */
function coarse(trace: Trace, q: number): Trace {
  const c = (t: number): number => Math.floor(t / q);
  return {
    ...trace,
    events: trace.events.map((e) => ({ ...e, t: c(e.t), end: c(e.end), waitFrom: c(e.waitFrom) })),
    fault: trace.fault && { ...trace.fault, t: c(trace.fault.t) },
    end: c(trace.end),
  };
}

/** `everyCall`: each function call (`fn.enter`) is a slice of its own; on a coarse clock, calls that took no time are left out. */
const CASES: { name: string; trace: () => Trace; everyCall: boolean }[] = [
  ...VIEWS.map((v) => ({ name: `${[v.scenario, ...v.fixes].join('+')} ${v.mode} ${JSON.stringify(v.params)}`, trace: () => simulate(v), everyCall: true })),
  ...SCENARIO_IDS.flatMap((scenario) => [3, 10].map((q) => ({
    name: `${scenario} read off a ${q} µs clock (zero-length calls)`, trace: () => coarse(simulate({ ...DEFAULT_VIEW, scenario }), q), everyCall: false,
  }))),
];

/** Parses the exported JSON as DevTools would, collecting everything the engine complains about. */
async function parse(trace: Trace | ChromeTrace): Promise<{ data: TraceEngine.Handlers.Types.HandlerData; warnings: string[]; exported: EngineEvent[] }> {
  const json = 'traceEvents' in trace ? trace : toChromeTrace(trace);
  const exported = (JSON.parse(JSON.stringify(json)) as { traceEvents: EngineEvent[] }).traceEvents;
  const warnings: string[] = [];
  const saved = { error: console.error, warn: console.warn };
  console.error = (...a: unknown[]) => { warnings.push(`console.error: ${a.map(String).join(' ')}`); };
  console.warn = (...a: unknown[]) => { warnings.push(`console.warn: ${a.map(String).join(' ')}`); };
  const model = TraceEngine.TraceModel.Model.createWithAllHandlers();
  try {
    await model.parse(exported);
  } finally {
    Object.assign(console, saved);
  }
  const parsed = model.parsedTrace();
  if (!parsed) throw new Error('the trace engine returned no parsed trace');
  for (const [kind, events] of parsed.data.Warnings.perWarning) warnings.push(`Warnings.${kind}: ${events.length} event(s), first ${events[0]?.name ?? ''}`);
  for (const set of parsed.insights?.values() ?? []) {
    for (const [name, err] of Object.entries(set.modelErrors)) warnings.push(`insight ${name}: ${String(err)}`);
  }
  return { data: parsed.data, warnings, exported };
}

/** All nodes of a thread's tree with their function-frame path (outermost first). */
function walk(roots: Iterable<Node>, visit: (n: Node, path: readonly string[]) => void, path: readonly string[] = []): void {
  for (const n of roots) {
    visit(n, path);
    walk(n.children, visit, n.entry.cat === 'function' ? [...path, n.entry.name] : path);
  }
}

/**
 * One run's process `pid` in the parsed trace: one named thread per task, and
 * every thread's slices nested exactly as the simulation called them.
 */
function checkProcess(trace: Trace, data: TraceEngine.Handlers.Types.HandlerData, exported: EngineEvent[], pid: number, everyCall: boolean): void {
  const threads = TraceEngine.Handlers.Threads.threadsInTrace(data);
  const found = trace.program.tasks.map((t) => threads.find((th) => th.pid === pid && th.tid === t.pid));
  trace.program.tasks.forEach((t, i) => {
    expect(found[i], `task ${t.comm} (pid ${t.pid}) has no thread in process ${pid}; threads: ${threads.map((th) => `${th.pid}/${th.tid}:${th.name}`).join(', ')}`).toBeDefined();
    expect(found[i]!.name ?? '').toContain(t.comm);
  });
  expect(new Set(found).size).toBe(trace.program.tasks.length);

  trace.program.tasks.forEach((task, i) => {
    const th = found[i]!;
    const stacks = task.steps.map((s) => s.stack.map((f) => f.fn).join('>'));
    const sliceCount = exported.filter((e) => e.pid === pid && e.tid === task.pid && (e.ph === 'B' || e.ph === 'X')).length;
    // Every call, by start time and call stack: a function slice must be exactly one of them.
    const calls = new Map<string, number>();
    for (const e of trace.events) {
      if (e.task === i && e.type === 'fn.enter') calls.set(`${e.t} ${stacks[e.pc]!}`, (calls.get(`${e.t} ${stacks[e.pc]!}`) ?? 0) + 1);
    }
    const problems: string[] = [];
    let nodes = 0;
    walk(th.tree.roots, (n, path) => {
      nodes++;
      const e = n.entry;
      const end = e.ts + (e.dur ?? 0);
      const at = `${e.name} [${e.ts}, ${end}] under ${path.join('>') || '(root)'}`;
      let prevEnd = -Infinity;
      for (const c of n.children) {
        if (c.entry.ts < e.ts || c.entry.ts + (c.entry.dur ?? 0) > end) problems.push(`child ${c.entry.name} outside ${at}`);
        if (c.entry.ts < prevEnd) problems.push(`siblings overlap in ${at}`);
        prevEnd = c.entry.ts + (c.entry.dur ?? 0);
      }
      if (e.cat === 'function') {
        const call = `${e.ts} ${[...path, e.name].join('>')}`;
        const left = calls.get(call) ?? 0;
        if (left === 0) problems.push(`no call of ${e.name} starts at ${e.ts} with the stack ${[...path, e.name].join('>')}`);
        else calls.set(call, left - 1);
      } else if (e.ph === 'X') {
        const step = task.steps.findIndex((s, pc) => stacks[pc] === path.join('>') && (s.what === e.name || `wait: ${s.what}` === e.name));
        if (step < 0) problems.push(`timed slice not in its step's frame: ${at}`);
      }
    });
    if (nodes !== sliceCount) problems.push(`the engine placed ${nodes} of ${sliceCount} exported slices`);
    const missed = [...calls].filter(([, n]) => n > 0).map(([k]) => k);
    if (everyCall && missed.length) problems.push(`${missed.length} call(s) without a slice of their own, e.g. at ${missed[0]!}`);
    expect.soft(problems.length, `${task.comm} (${task.pid}) nesting in process ${pid}:\n${problems.slice(0, 20).join('\n')}`).toBe(0);
  });
}

describe('Chrome trace JSON in the DevTools trace engine', () => {
  for (const { name, trace: make, everyCall } of CASES) {
    it(`${name}: parses without warnings, one named thread per task, slices nested as called`, async () => {
      const trace = make();
      const { data, warnings, exported } = await parse(trace);
      expect.soft(warnings.length, `${warnings.length} warning(s):\n${warnings.slice(0, 30).join('\n')}`).toBe(0);
      checkProcess(trace, data, exported, 1, everyCall);
    });
  }
});

/** Comparisons: fix sets against each other, kernels against each other, with a schedule and several readers. */
const COMPARE: ViewState[] = [
  { ...DEFAULT_VIEW, scenario: 'flash-unbind', mode: 'timed', cmp: ['notifier-sleep'] },
  { ...DEFAULT_VIEW, scenario: 'flash-unbind', fixes: ['notifier-sleep'], mode: 'timed', params: { read: 400_000 }, start: 10, sched: [0, 0, 0, 1], cmp: ['notifier-sleep', 'srcu-drain'] },
  { ...DEFAULT_VIEW, scenario: 'qspi-unbind', cmp: [], cmpk: 'mainline' },
  { ...DEFAULT_VIEW, scenario: 'qspi-unbind', params: { readers: 3 }, cmp: ['srcu-drain'] },
  { ...DEFAULT_VIEW, scenario: 'devres-order', mode: 'timed', cmp: ['devres-group'], cmpk: '6.12.117' },
];

describe('Chrome trace JSON of a comparison in the DevTools trace engine', () => {
  for (const view of COMPARE) {
    const c = compareViews(view);
    const label = `${c.a.view.scenario}: ${c.a.question.fixes.join('+') || 'none'} on ${c.a.question.kernel} vs ${c.b.question.fixes.join('+') || 'none'} on ${c.b.question.kernel}`;
    it(`${label}: two processes named A and B, each parsed without warnings and nested as called`, async () => {
      const { data, warnings, exported } = await parse(toCompareChromeTrace(c.a.trace, c.b.trace));
      expect.soft(warnings.length, `${warnings.length} warning(s):\n${warnings.slice(0, 30).join('\n')}`).toBe(0);
      const names = new Map([...data.Meta.processNames].map(([pid, e]) => [pid, String((e.args as { name?: unknown }).name)]));
      const fixes = (q: typeof c.a.question) => q.fixes.join('+') || 'none';
      const kernels = c.a.question.kernel === c.b.question.kernel ? ['', ''] : [` on ${c.a.question.kernel}`, ` on ${c.b.question.kernel}`];
      expect(names.get(1 as never)).toBe(`A: ${fixes(c.a.question)}${kernels[0]!}`);
      expect(names.get(2 as never)).toBe(`B: ${fixes(c.b.question)}${kernels[1]!}`);
      checkProcess(c.a.trace, data, exported, 1, true);
      checkProcess(c.b.trace, data, exported, 2, true);
    });
  }
});
