/**
 * check / run / link / trace on top of src/sim. Every command states the
 * question it answers in the words of src/sim/question.ts, the same ones the
 * page and the text block use.
 */
import {
  DEFAULT_MAX_STATES, counterexampleView, encodeView, linkAt, formatCount, formatLongLink, herdLine, incompleteSentence, linkNotices,
  questionJson, questionOf, questionText, replayStart, simulate, testName, toChromeTrace, verdictOf,
  type DecodeResult, type ExploreProgress, type Trace, type Verdict, type ViewState,
} from '../sim/index.ts';
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
  /** Called while a long search runs (states so far, elapsed ms). */
  readonly progress?: (p: ExploreProgress, ms: number) => void;
  /** The clock (ms); tests pass a fake one. */
  readonly now?: () => number;
}

/** `<base>#<canonical>`; with no base, just the fragment (the page writes the same). */
export function linkOf(view: ViewState, base = ''): string {
  return linkAt(base, encodeView(view));
}

/** The verdict of the question a view asks (its replay is not part of it), timed. */
function answer(view: ViewState, opts: Pick<CheckOptions, 'maxStates' | 'progress' | 'now'>): { v: Verdict; ms: number } {
  const now = opts.now ?? (() => globalThis.performance.now());
  const t0 = now();
  const progress = opts.progress;
  const v = verdictOf(view, { maxStates: opts.maxStates, ...(progress ? { onProgress: (p: ExploreProgress) => progress(p, now() - t0) } : {}) });
  return { v, ms: now() - t0 };
}

export function checkCommand(parsed: DecodeResult, opts: CheckOptions): CommandOutput {
  const { view } = parsed;
  const q = questionOf(view);
  const { v, ms } = answer(view, opts);
  const ce = v.counterexample ? counterexampleView(view, q, v.counterexample) : null;
  const notes = linkNotices(parsed, null);
  if (opts.json) {
    const out = JSON.stringify({
      question: questionJson(q),
      scenario: q.scenario, kernel: q.kernel, fixes: q.fixes, mode: q.mode, params: q.params,
      verdict: v.verdict, faulting: v.faulting, executions: v.executions, hung: v.hung, approximate: v.approximate,
      incomplete: v.incomplete, lowerBound: v.incomplete, states: v.states, maxStates: v.maxStates, ms: Math.round(ms * 10) / 10,
      counterexample: ce ? linkOf(ce, opts.base) : null,
      counterexampleLong: ce ? `#${formatLongLink(ce)}` : null,
      shortest: ce ? v.shortest : null,
      note: incompleteSentence(v),
      notices: notes,
    });
    return { out, notes: [] };
  }
  const bound = v.incomplete ? 'at least ' : '';
  const lines = [
    `Test ${testName(q)} (${q.mode === 'any' ? 'any timing' : 'timed'})`,
    `Question ${questionText(q)}`,
    `States ${v.states} (cap ${v.maxStates})`,
    `Executions ${bound}${formatCount(v.executions)} (faulting ${bound}${formatCount(v.faulting)}, no fault ${bound}${formatCount(v.executions - v.faulting)}` +
      `${v.hung ? `, hung ${v.hung}` : ''}${v.approximate ? '; counts above 2^53 are approximate' : ''})`,
    'Condition exists (fault)',
    herdLine(q, v),
    `Time ${ms.toFixed(1)} ms`,
  ];
  const why = incompleteSentence(v);
  if (why) lines.push(why);
  if (ce) lines.push(`Counterexample${v.shortest ? '' : ' (shortest found before the cap)'}: ${linkOf(ce, opts.base)}`);
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
  const block = textBlock(trace, q, v, link).trimEnd();
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

/** Chrome trace-event JSON of one execution (open it in https://ui.perfetto.dev). */
export function traceCommand(parsed: DecodeResult): CommandOutput {
  const trace = simulate(parsed.view);
  return { out: JSON.stringify(toChromeTrace(trace)), notes: linkNotices(parsed, trace) };
}

export const DEFAULT_CLI_MAX_STATES = DEFAULT_MAX_STATES;
