/**
 * check / run / link / trace / compare / sweep on top of src/sim. Every command states the
 * question it answers in the words of src/sim/question.ts, the same ones the
 * page and the text block use.
 */
import {
  DEFAULT_MAX_STATES, compareViews, countingText, memoryText, fixCaveat, counterexampleView, encodeView, faultShare, formatCount, formatLongLink, formatSweepAxis, formatSweepValue, sweepLegend, herdLine,
  linkAt, linkNotices, paramWords, questionJson, questionOf, questionText, replayStart, simulate, startsText, sweepGrid,
  startsCheckKey, startsCheckText, startsWitnessView, sweepNotes, sweepSize, sweepValues, testName, toChromeTrace, toCompareChromeTrace,
  type CompareSide, type Question, type DecodeResult, type ExploreProgress, type ModularAttempt, type ParamKey, type StartsCheck, type SweepCell, type SweepSpec, type Trace, type Verdict, type ViewState,
} from '../sim/index.ts';
import { incompleteSentence } from '../sim/incomplete.ts';
import { nearerQuestions } from '../sim/nearer.ts';
import { sweepCell } from '../sim/sweepRun.ts';
import { startsCheckOf, verdictOf, type ModularRacer } from '../sim/verdictRun.ts';
import { sweepStartsLines } from '../sim/sweepStarts.ts';
import { compareText } from '../sim/share/compareText.ts';
import { textBlock } from '../sim/share/textBlock.ts';

/** What a command prints, and the notices that go to stderr (not errors: exit 0). */
export interface CommandOutput {
  readonly out: string;
  readonly notes: readonly string[];
}

export interface CheckOptions {
  readonly json: boolean;
  readonly base: string;
  readonly maxStates: number;
  /** Check a complete timed Never or Always over every unbind start too (default true; --no-every-start). */
  readonly everyStart?: boolean;
  /** check: stop once Sometimes is proved (--speedcheck; VerdictOptions.speedcheck). */
  readonly speedcheck?: boolean;
  /** Called while a long search runs (states so far, elapsed ms, and which search: the verdict's, or the check over every start after it). */
  readonly progress?: (p: ExploreProgress, ms: number, what?: SearchPhase) => void;
  /** The clock (ms); tests pass a fake one. */
  readonly now?: () => number;
  /** The modular search on a second thread beside the search before it (race.ts; verdictRun.ts ModularRacer). */
  readonly race?: ModularRacer;
}

/** `<base>#<canonical>`; with no base, just the fragment (the page writes the same). */
export function linkOf(view: ViewState, base = ''): string {
  return linkAt(base, encodeView(view));
}

/** Which search a progress line is about. */
export type SearchPhase = 'searching' | 'checking every start';

/** A search's clock from now on, and the progress option it passes on (its elapsed time, as `phase`). */
function searchClock(opts: Pick<CheckOptions, 'progress' | 'now'>, phase: SearchPhase): { elapsed: () => number; progress: { onProgress?: (p: ExploreProgress) => void } } {
  const now = opts.now ?? (() => globalThis.performance.now());
  const t0 = now();
  const elapsed = () => now() - t0;
  const report = opts.progress;
  return { elapsed, progress: report ? { onProgress: (p: ExploreProgress) => report(p, elapsed(), phase) } : {} };
}

/** The verdict of the question a view asks (its replay is not part of it), timed. */
function answer(view: ViewState, opts: Pick<CheckOptions, 'maxStates' | 'progress' | 'now' | 'speedcheck' | 'race'>): { v: Verdict; ms: number } {
  const clock = searchClock(opts, 'searching');
  const v = verdictOf(view, { maxStates: opts.maxStates, ...clock.progress, ...(opts.speedcheck ? { speedcheck: true } : {}), ...(opts.race ? { race: opts.race } : {}) });
  return { v, ms: clock.elapsed() };
}

/** Whether a timed verdict holds for every unbind start (startsCheck.ts), on the same cap and progress as the verdict; null: nothing to check. */
function startsOf(q: Question, v: Verdict, opts: Pick<CheckOptions, 'maxStates' | 'progress' | 'now' | 'everyStart' | 'race'>): StartsCheck | null {
  if (opts.everyStart === false) return null;
  return startsCheckOf(q, v, { maxStates: opts.maxStates, ...searchClock(opts, 'checking every start').progress, ...(opts.race ? { race: opts.race } : {}) });
}

/** The link of the execution that contradicts a check's verdict (startsWitnessView), or null. */
function witnessLink(view: ViewState, q: Question, starts: StartsCheck | null, base: string | undefined): string | null {
  const seen = starts ? startsWitnessView(view, q, starts) : null;
  return seen ? linkOf(seen, base) : null;
}

/** The JSON of a check over every start (check's and each sweep cell's `everyStart`); null when none was asked. */
function startsJson(v: Verdict, starts: StartsCheck | null, witness: string | null) {
  return starts ? {
    lookedFor: starts.want, holds: starts.holds, states: starts.states, maxStates: starts.maxStates, memoryBytes: starts.memoryBytes,
    modular: starts.modular ?? null, witness, text: startsCheckText(v, starts),
  } : null;
}

/** What the question's fixes leave open on its kernel (the fix records' caveats). */
function caveatsOf(q: Question): { fix: string; kernel: string; text: string }[] {
  return q.fixes.flatMap((fix) => {
    const text = fixCaveat(fix, q.kernel);
    return text ? [{ fix, kernel: q.kernel, text }] : [];
  });
}

/** A word for a POSIX shell: single-quoted, a quote in it closed, escaped and reopened. */
const shellWord = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;

/**
 * The nearer questions (none unless the cap stopped the search), each as a command line to run, at the cap this
 * answer ran under (said when it is not the default, which the line would otherwise use).
 */
function nearerOf(view: ViewState, q: Question, v: Verdict, base: string) {
  const cap = v.maxStates === DEFAULT_CLI_MAX_STATES ? '' : ` --max-states ${v.maxStates}`;
  return nearerQuestions(view, q, v).map((x) => {
    const link = linkOf(x.view, base);
    return { ...x, link, maxStates: v.maxStates, line: `npx racelanes ${x.command} ${shellWord(link)}${cap}` };
  });
}

/** What the modular search (engine/modular.ts) did, after a state search the cap stopped without a fault. */
function modularLine(m: ModularAttempt): string {
  const what = m.proved ? 'Never proved' : m.reason === 'cap' ? 'stopped at its memory bound' : m.reason === 'fault' ? 'not proved (a move faults in one of its views)' : 'not run (it does not take this question)';
  return `Modular ${what}: ${m.views} views, tasks seen one at a time by class ${m.classes.join('+')}, ${m.rounds} round${m.rounds === 1 ? '' : 's'} (memory ${memoryText(m.memoryBytes)} of ${memoryText(m.maxBytes)})`;
}

export function checkCommand(parsed: DecodeResult, opts: CheckOptions): CommandOutput {
  const { view } = parsed;
  const q = questionOf(view);
  const { v, ms } = answer(view, opts);
  const ce = v.counterexample ? counterexampleView(view, q, v.counterexample) : null;
  const starts = startsOf(q, v, opts);
  const witness = witnessLink(view, q, starts, opts.base);
  const notes = linkNotices(parsed, null);
  if (opts.json) {
    const out = JSON.stringify({
      question: questionJson(q),
      scenario: q.scenario, kernel: q.kernel, fixes: q.fixes, mode: q.mode, params: q.params,
      verdict: v.verdict, faulting: v.faulting, executions: v.executions, counting: v.counting, hung: v.hung, approximate: v.approximate,
      incomplete: v.incomplete, lowerBound: v.incomplete, speedcheck: v.speedcheck === true, states: v.states, maxStates: v.maxStates, memoryBytes: v.memoryBytes, ms: Math.round(ms * 10) / 10,
      modular: v.modular ?? null,
      counterexample: ce ? linkOf(ce, opts.base) : null,
      counterexampleLong: ce ? `#${formatLongLink(ce)}` : null,
      shortest: ce ? v.shortest : null,
      note: incompleteSentence(v, q),
      nearer: nearerOf(view, q, v, opts.base).map(({ what, command, link, maxStates, line }) => ({ what, command, link, maxStates, line })),
      everyStart: startsJson(v, starts, witness),
      caveats: caveatsOf(q),
      notices: notes,
    });
    return { out, notes: [] };
  }
  const bound = v.incomplete ? 'at least ' : '';
  const lines = [
    `Test ${testName(q)} (${q.mode === 'any' ? 'any timing' : 'timed'})`,
    `Question ${questionText(q)}`,
    `States ${v.states} (cap ${v.maxStates}; memory ${memoryText(v.memoryBytes)})`,
    ...(v.modular ? [modularLine(v.modular)] : []),
    `Executions ${bound}${formatCount(v.executions)} (faulting ${v.modular?.proved ? '' : bound}${formatCount(v.faulting)}, no fault ${bound}${formatCount(v.executions - v.faulting)}` +
      `${v.hung ? `, hung ${v.hung}` : ''}${v.approximate ? '; counts above 2^53 are approximate' : ''})`,
    `Counting ${countingText(v.counting)}`,
    'Condition exists (fault)',
    herdLine(q, v),
    `Time ${ms.toFixed(1)} ms`,
  ];
  const why = incompleteSentence(v, q);
  if (why) lines.push(why);
  const nearer = nearerOf(view, q, v, opts.base);
  if (nearer.length) {
    lines.push('Nearer questions that may complete (each answers only itself):');
    const width = Math.max(...nearer.map((x) => x.line.length));
    for (const x of nearer) lines.push(`  ${x.line.padEnd(width)}  ${x.what}`);
  }
  if (starts) lines.push(`Every start: ${startsCheckText(v, starts)}`);
  if (witness) lines.push(`Every-start ${starts!.want === 'fault' ? 'fault' : 'execution without a fault'}: ${witness}`);
  if (ce) lines.push(`Counterexample${v.shortest ? '' : v.speedcheck ? ' (shortest found before the search stopped: --speedcheck)' : ' (shortest found before the cap)'}: ${linkOf(ce, opts.base)}`);
  for (const c of caveatsOf(q)) lines.push(`Caveat (${c.fix} on ${c.kernel}): ${c.text}`);
  return { out: lines.join('\n'), notes };
}

export function runCommand(parsed: DecodeResult, opts: CheckOptions): CommandOutput {
  const { view } = parsed;
  const trace: Trace = simulate(view);
  const notes = linkNotices(parsed, trace);
  const link = linkOf(view, opts.base);
  const q = questionOf(view);
  if (opts.json) {
    const out = JSON.stringify({
      question: questionJson(q),
      scenario: view.scenario, kernel: view.kernel, fixes: view.fixes, mode: view.mode, at: replayStart(view), start: replayStart(view),
      events: trace.events.length, end: trace.end,
      fault: trace.fault ? { kind: trace.fault.kind, t: trace.fault.t, task: trace.program.tasks[trace.fault.task]!.comm, what: trace.fault.what } : null,
      report: trace.report, decisions: trace.decisions.length, diverged: trace.diverged, hung: trace.hung.map((i) => trace.program.tasks[i]!.id),
      link, long: `#${formatLongLink(view)}`, notices: notes,
    });
    return { out, notes: [] };
  }
  const { v } = answer(view, opts);
  const block = textBlock(trace, q, v, link, startsOf(q, v, opts)).trimEnd();
  const r = trace.report;
  const full = r
    ? ['', r.kind === 'kernel' ? `Full report (as kernel ${view.kernel} prints it):` : 'racelanes observation (the kernel prints nothing here):', '', r.text,
      ...(r.notes.length ? ['', ...r.notes.map((n) => `racelanes: ${n}`)] : [])]
    : [];
  return { out: [block, ...full].join('\n'), notes };
}

export function linkCommand(parsed: DecodeResult, json: boolean, base = ''): CommandOutput {
  const link = linkOf(parsed.view, base);
  const notes = linkNotices(parsed, null);
  if (json) return { out: JSON.stringify({ link, long: `#${formatLongLink(parsed.view)}`, form: parsed.form, model: parsed.model, notices: notes }), notes: [] };
  return { out: link, notes };
}

/**
 * Chrome trace-event JSON of one execution (open it in https://ui.perfetto.dev);
 * a comparison (`cmp=`, `cmpk=`) gives both runs, process A and process B.
 */
export function traceCommand(parsed: DecodeResult): CommandOutput {
  const v = parsed.view;
  if ((v.cmp ?? null) !== null || (v.cmpk ?? null) !== null) {
    const c = compareViews(v);
    return { out: JSON.stringify(toCompareChromeTrace(c.a.trace, c.b.trace)), notes: [...linkNotices(parsed, null), ...c.notes] };
  }
  const trace = simulate(v);
  return { out: JSON.stringify(toChromeTrace(trace)), notes: linkNotices(parsed, trace) };
}

export const DEFAULT_CLI_MAX_STATES = DEFAULT_MAX_STATES;

/** Each side of a comparison as the JSON says it. */
function sideJson(s: CompareSide, v: Verdict, starts: StartsCheck | null, base: string | undefined): Record<string, unknown> {
  const i = s.trace.events.findIndex((e) => e.type === 'fault');
  const f = s.trace.fault;
  return {
    fixes: [...s.question.fixes], kernel: s.question.kernel, question: questionText(s.question),
    verdict: v.verdict, faulting: v.faulting, executions: v.executions, incomplete: v.incomplete,
    everyStart: startsJson(v, starts, witnessLink(s.view, s.question, starts, base)),
    fault: f ? { kind: f.kind, step: i, task: s.trace.program.tasks[f.task]!.comm } : null,
    steps: s.trace.events.length,
  };
}

/**
 * Side A (the link's fixes and kernel) against side B (`cmp=`, `cmpk=`): both
 * questions and verdicts, the shared replay on both, where the runs part.
 */
export function compareCommand(parsed: DecodeResult, opts: CheckOptions): CommandOutput {
  const { view } = parsed;
  const c = compareViews(view);
  const va = answer(c.a.view, opts).v;
  const vb = answer(c.b.view, opts).v;
  // Each side's verdict over every unbind start too: whether the fix holds for starts between two steps of the others.
  const starts = { a: startsOf(c.a.question, va, opts), b: startsOf(c.b.question, vb, opts) };
  const link = linkOf(view, opts.base);
  const notes = [...linkNotices(parsed, null), ...c.notes];
  if (opts.json) {
    const d = c.diverge;
    return {
      out: JSON.stringify({
        a: sideJson(c.a, va, starts.a, opts.base), b: sideJson(c.b, vb, starts.b, opts.base),
        diverge: d ? { step: d.step, a: d.a.text, b: d.b.text } : null,
        link, notices: notes,
      }),
      notes: [],
    };
  }
  return { out: compareText(c, { a: va, b: vb }, link, starts).trimEnd(), notes };
}

export interface SweepCommandOptions extends CheckOptions {
  readonly spec: SweepSpec;
  readonly csv: boolean;
  /**
   * Called while the sweep runs: cells done, of all, the cell being searched (null between cells) and its states so far,
   * elapsed ms, and which search (a cell's verdict, or after every verdict, the check of a cell's over every start).
   */
  readonly sweepProgress?: (done: number, total: number, cell: string | null, states: number, ms: number, phase: SearchPhase) => void;
}

/** A cell's check over every start (null: none asked) and the link of its witness. */
interface CellCheck { readonly check: StartsCheck | null; readonly witness: string | null }

/**
 * A cell in the table: `N 0%`, `S 53%`, `S <1%`, `A 100%`, `?`, with `*` when the counts are lower bounds
 * and `!` when the check over every start contradicts the verdict.
 */
export function cellMark(c: Pick<SweepCell, 'verdict' | 'faulting' | 'executions' | 'incomplete'>, starts: StartsCheck | null = null): string {
  if (c.verdict === 'Unknown') return '?';
  const share = faultShare(c) * 100;
  const pct = c.verdict === 'Never' ? '0%' : c.verdict === 'Always' ? '100%' : share < 0.5 ? '<1%' : share >= 99.5 ? '>99%' : `${Math.round(share)}%`;
  return `${c.verdict[0]} ${pct}${c.incomplete ? '*' : ''}${starts?.holds === false ? '!' : ''}`;
}

/** The table in chunks of columns that fit 72 columns: rows = y values, columns = x values. */
function sweepTable(spec: SweepSpec, cells: readonly SweepCell[], checks: readonly CellCheck[]): string[] {
  const { xs, ys } = sweepGrid(spec);
  const xText = xs.map((x) => formatSweepValue(spec.x.param, x));
  const rowLabel = (y: number | null) => (spec.y && y !== null ? formatSweepValue(spec.y.param, y) : 'verdict');
  const labelW = Math.max(spec.y?.param.length ?? 0, spec.x.param.length, ...ys.map((y) => rowLabel(y).length)) + 2;
  const mark = new Map(cells.map((c, i) => [`${c.x} ${c.y}`, cellMark(c, checks[i]!.check)]));
  const colW = Math.max(...xText.map((t) => t.length), ...[...mark.values()].map((m) => m.length)) + 2;
  const perChunk = Math.max(1, Math.floor((72 - labelW + 2) / colW));
  const out: string[] = [];
  for (let from = 0; from < xs.length; from += perChunk) {
    const idx = xs.map((_, i) => i).slice(from, from + perChunk);
    if (out.length) out.push('');
    if (spec.y) out.push(`${''.padEnd(labelW)}${spec.x.param}`);
    const head = spec.y ? spec.y.param : spec.x.param;
    out.push(`${head.padEnd(labelW)}${idx.map((i) => xText[i]!.padEnd(colW)).join('')}`.trimEnd());
    for (const y of ys) out.push(`${rowLabel(y).padEnd(labelW)}${idx.map((i) => (mark.get(`${xs[i]} ${y}`) ?? '').padEnd(colW)).join('')}`.trimEnd());
  }
  return out;
}

/** Per row, the runs of equal verdicts: `readers=1: Never at read=200ms..250ms, Sometimes at read=300ms..400ms`. */
function sweepRuns(spec: SweepSpec, cells: readonly SweepCell[]): string[] {
  const { xs, ys } = sweepGrid(spec);
  const f = (x: number) => formatSweepValue(spec.x.param, x);
  return ys.map((y) => {
    const row = xs.map((x) => cells.find((c) => c.x === x && c.y === y)!);
    const runs: string[] = [];
    for (let i = 0; i < row.length; ) {
      let j = i;
      while (j + 1 < row.length && row[j + 1]!.verdict === row[i]!.verdict) j++;
      runs.push(`${row[i]!.verdict} at ${spec.x.param}=${i === j ? f(row[i]!.x) : `${f(row[i]!.x)}..${f(row[j]!.x)}`}`);
      i = j + 1;
    }
    return spec.y && y !== null ? `${spec.y.param}=${formatSweepValue(spec.y.param, y)}: ${runs.join(', ')}` : runs.join(', ');
  });
}

/**
 * The link's question once per value of the swept parameter(s): a table of
 * verdict marks and faulting shares (text), one object per cell (--json) or
 * one row per cell (--csv).
 */
export function sweepCommand(parsed: DecodeResult, opts: SweepCommandOptions): CommandOutput {
  const { spec } = opts;
  const view: ViewState = { ...parsed.view, sweep: spec };
  const total = sweepSize(spec);
  const now = opts.now ?? (() => globalThis.performance.now());
  const t0 = now();
  const cells: SweepCell[] = [];
  const cellName = (x: number, y: number | null) =>
    [`${spec.x.param}=${formatSweepValue(spec.x.param, x)}`, ...(spec.y && y !== null ? [`${spec.y.param}=${formatSweepValue(spec.y.param, y)}`] : [])].join(' ');
  const { xs, ys } = sweepGrid(spec);
  const cache = new Map<string, Verdict>();
  const report = opts.sweepProgress;
  for (const y of ys) {
    for (const x of xs) {
      const onProgress = report ? (p: ExploreProgress) => report(cells.length, total, cellName(x, y), p.states, now() - t0, 'searching') : undefined;
      cells.push(sweepCell(view, x, y, { spec, maxStates: opts.maxStates, cache, ...(onProgress ? { onProgress } : {}), ...(opts.race ? { race: opts.race } : {}) }));
      report?.(cells.length, total, null, 0, now() - t0, 'searching');
    }
  }
  // Every verdict first (the table is the answer); then each timed Never or Always over every start, once per question.
  const checked = new Map<string, StartsCheck | null>();
  const checks: CellCheck[] = cells.map((c) => {
    if (opts.everyStart === false) return { check: null, witness: null };
    const q = questionOf(c.view);
    const key = startsCheckKey(q, c.verdict);
    if (!checked.has(key)) {
      const onProgress = report ? (p: ExploreProgress) => report(total, total, cellName(c.x, c.y), p.states, now() - t0, 'checking every start') : undefined;
      checked.set(key, startsCheckOf(q, c.result, { maxStates: opts.maxStates, ...(onProgress ? { onProgress } : {}), ...(opts.race ? { race: opts.race } : {}) }));
    }
    const check = checked.get(key)!;
    return { check, witness: witnessLink(c.view, q, check, opts.base) };
  });
  const notes = [...linkNotices(parsed, null), ...sweepNotes(view, spec)];
  const link = (c: SweepCell) => linkAt(opts.base, c.link);
  const yText = (c: SweepCell) => (spec.y && c.y !== null ? formatSweepValue(spec.y.param, c.y) : null);
  if (opts.json) {
    const out = JSON.stringify({
      x: formatSweepAxis(spec.x), y: spec.y ? formatSweepAxis(spec.y) : null,
      question: questionText(questionOf(view)), link: linkOf(view, opts.base),
      cells: cells.map((c, i) => ({
        x: formatSweepValue(spec.x.param, c.x), y: yText(c), verdict: c.verdict, faulting: c.faulting, executions: c.executions, incomplete: c.incomplete, link: link(c),
        everyStart: startsJson(c.result, checks[i]!.check, checks[i]!.witness),
      })),
      notices: notes,
    });
    return { out, notes: [] };
  }
  if (opts.csv) {
    const head = [spec.x.param, ...(spec.y ? [spec.y.param] : []), 'verdict', 'faulting', 'executions', 'incomplete', 'link', 'every_start'];
    // every_start: empty when not checked; holds, not settled, or the link of the execution that contradicts the verdict.
    const every = (k: CellCheck) => (!k.check ? '' : k.check.holds === true ? 'holds' : k.check.holds === null ? 'not settled' : k.witness!);
    const rows = cells.map((c, i) => [
      formatSweepValue(spec.x.param, c.x), ...(spec.y ? [yText(c)!] : []), c.verdict, String(c.faulting), String(c.executions), String(c.incomplete), link(c), every(checks[i]!),
    ]);
    return { out: [head, ...rows].map((r) => r.join(',')).join('\n'), notes };
  }
  const q = questionOf(view);
  const swept = new Set([spec.x.param, ...(spec.y ? [spec.y.param] : [])]);
  const fixed = paramWords(q).filter((w) => !swept.has(w.slice(0, w.indexOf('=')) as ParamKey));
  const field = (label: string, text: string) => wrapText(`${`${label}:`.padEnd(10)}${text}`, 72, '          ');
  const axis = (a: SweepSpec['x']) => `${a.param} ${formatSweepValue(a.param, a.from)}..${formatSweepValue(a.param, a.to)} (${sweepValues(a).length} values)`;
  const lines = [
    ...field('Sweep', `${q.scenario} on ${q.kernel}, ${q.fixes.length ? q.fixes.join(' + ') : 'no fix'}, mode=${q.mode}`),
    ...field('Fixed', `${fixed.length ? `${fixed.join(' ')}; ` : ''}${startsText(q)}`),
    ...field('x', axis(spec.x)),
    ...(spec.y ? field('y', axis(spec.y)) : []),
    '',
    ...sweepTable(spec, cells, checks),
    '',
    ...wrapText(sweepLegend(checks.some((k) => k.check?.holds === false)), 72, ''),
    '',
    ...sweepRuns(spec, cells).flatMap((l) => wrapText(l, 72, '  ')),
    ...startsLines(cells, checks, cellName),
    '',
    `Link: ${linkOf(view, opts.base)}`,
  ];
  return { out: lines.join('\n'), notes };
}

/** The sweep's checks over every start under its table (sweepStartsLines), wrapped; a contradicted cell's line ends with the link of its execution. */
function startsLines(cells: readonly SweepCell[], checks: readonly CellCheck[], cellName: (x: number, y: number | null) => string): string[] {
  const lines = sweepStartsLines(cells.map((c, i) => ({ where: cellName(c.x, c.y), verdict: c.verdict, check: checks[i]!.check })));
  if (lines.length === 0) return [];
  return ['', ...lines.flatMap((l) => {
    const link = l.cell >= 0 ? checks[l.cell]!.witness : null;
    return wrapText(link ? `${l.text} ${link}` : l.text, 72, '  ');
  })];
}

/** Word-wraps to `width` columns, continuation lines indented. */
function wrapText(text: string, width: number, indent: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const cand = line === '' ? word : `${line} ${word}`;
    if (cand.length <= width || line.trim() === '') { line = cand; continue; }
    out.push(line);
    line = `${indent}${word}`;
  }
  if (line !== '') out.push(line);
  return out;
}
