import {
  SCENARIOS, encodeView, formatCount, formatDuration, formatLongLink, herdLine, linkNotices, resolveParams, runStart, simulate,
  toChromeTrace, verdictOf,
  type DecodeResult, type Trace, type Verdict, type ViewState,
} from '../sim/index.ts';
import { textBlock } from '../sim/share/textBlock.ts';

/** What a command prints, and the notices that go to stderr (not errors: exit 0). */
export interface CommandOutput {
  readonly out: string;
  readonly notes: readonly string[];
}

/** The counterexample of a verdict as a view that replays it. */
export function counterexampleView(view: ViewState, v: Verdict): ViewState | null {
  if (!v.counterexample) return null;
  return { ...view, params: { ...view.params, at: v.counterexample.at }, sched: [...v.counterexample.schedule], t: 'fault' };
}

/** `<base>#<canonical>`; with no base, just the fragment. */
export function linkOf(view: ViewState, base = ''): string {
  return `${base.replace(/#.*$/, '')}#${encodeView(view)}`;
}

export function checkCommand(parsed: DecodeResult, json: boolean, base = ''): CommandOutput {
  const { view } = parsed;
  const t0 = globalThis.performance.now();
  const v = verdictOf(view);
  const ms = globalThis.performance.now() - t0;
  const ce = counterexampleView(view, v);
  const notes = linkNotices(parsed, null);
  if (json) {
    const out = JSON.stringify({
      scenario: view.scenario, fixes: view.fixes, mode: view.mode, params: resolveParams(view.scenario, view.params),
      verdict: v.verdict, faulting: v.faulting, executions: v.executions, hung: v.hung, states: v.states,
      ms: Math.round(ms * 10) / 10, incomplete: v.incomplete,
      counterexample: ce ? linkOf(ce, base) : null,
      counterexampleLong: ce ? `#${formatLongLink(ce)}` : null,
      notices: notes,
    });
    return { out, notes: [] };
  }
  const p = resolveParams(view.scenario, view.params);
  const lines = [
    `Test ${[view.scenario, ...view.fixes].join('+')} (${view.mode === 'any' ? 'any timing' : 'timed'})`,
    `Params read=${formatDuration(p.read)} sleep=${formatDuration(p.sleep)} readers=${p.readers} erase=${p.erase === null ? 'none' : formatDuration(p.erase)} at=${p.at === null ? 'every start' : formatDuration(p.at)}`,
    `States ${v.states}`,
    `Executions ${formatCount(v.executions)} (faulting ${formatCount(v.faulting)}, no fault ${formatCount(v.executions - v.faulting)}${v.hung ? `, hung ${v.hung}` : ''}${v.approximate ? '; counts above 2^53 are approximate' : ''})`,
    `Condition exists (fault)`,
    herdLine(view.scenario, view.fixes, v),
    `Time ${ms.toFixed(1)} ms`,
  ];
  if (v.incomplete) lines.push(`Incomplete: stopped at the state cap; the counts are lower bounds`);
  if (ce) lines.push(`Counterexample: ${linkOf(ce, base)}`);
  return { out: lines.join('\n'), notes };
}

export function runCommand(parsed: DecodeResult, json: boolean, base = ''): CommandOutput {
  const { view } = parsed;
  const trace: Trace = simulate(view);
  const notes = linkNotices(parsed, trace);
  const link = linkOf(view, base);
  if (json) {
    const out = JSON.stringify({
      scenario: view.scenario, fixes: view.fixes, mode: view.mode, at: runStart(view.scenario, view.params),
      events: trace.events.length, end: trace.end,
      fault: trace.fault ? { kind: trace.fault.kind, t: trace.fault.t, task: trace.program.tasks[trace.fault.task]!.comm, what: trace.fault.what } : null,
      oops: trace.oops, decisions: trace.decisions.length, diverged: trace.diverged, hung: trace.hung.map((i) => trace.program.tasks[i]!.id),
      link, long: `#${formatLongLink(view)}`, notices: notes,
    });
    return { out, notes: [] };
  }
  const sc = SCENARIOS[view.scenario];
  const block = textBlock(trace, verdictOf(view), link).trimEnd();
  const full = trace.oops ? ['', `Full report (${sc.kernel}):`, '', trace.oops] : [];
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
