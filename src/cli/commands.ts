import {
  FIXES, SCENARIOS, formatDuration, formatLongLink, herdLine, resolveParams, runStart, simulate, verdictOf,
  type ParseResult, type Trace, type Verdict, type ViewState,
} from '../sim/index.ts';
import { renderTimelineText } from './textTimeline.ts';

/** The counterexample of a verdict as a view that replays it. */
export function counterexampleView(view: ViewState, v: Verdict): ViewState | null {
  if (!v.counterexample) return null;
  return { ...view, params: { ...view.params, at: v.counterexample.at }, sched: [...v.counterexample.schedule], t: 'fault' };
}

function linkOf(view: ViewState): string {
  return `#${formatLongLink(view)}`;
}

export function checkCommand(parsed: ParseResult, json: boolean): string {
  const { view } = parsed;
  const t0 = globalThis.performance.now();
  const v = verdictOf(view);
  const ms = globalThis.performance.now() - t0;
  const ce = counterexampleView(view, v);
  if (json) {
    return JSON.stringify({
      scenario: view.scenario, fixes: view.fixes, mode: view.mode, params: resolveParams(view.scenario, view.params),
      verdict: v.verdict, faulting: v.faulting, executions: v.executions, hung: v.hung, states: v.states,
      ms: Math.round(ms * 10) / 10, incomplete: v.incomplete,
      counterexample: ce ? linkOf(ce) : null,
    });
  }
  const p = resolveParams(view.scenario, view.params);
  const lines = [
    `Test ${[view.scenario, ...view.fixes].join('+')} (${view.mode === 'any' ? 'any timing' : 'timed'})`,
    `Params read=${formatDuration(p.read)} sleep=${formatDuration(p.sleep)} readers=${p.readers} erase=${p.erase === null ? 'none' : formatDuration(p.erase)} at=${p.at === null ? 'every start' : formatDuration(p.at)}`,
    `States ${v.states}`,
    `Executions ${v.executions} (faulting ${v.faulting}, no fault ${v.executions - v.faulting}${v.hung ? `, hung ${v.hung}` : ''})`,
    `Condition exists (fault)`,
    herdLine(view.scenario, view.fixes, v),
    `Time ${ms.toFixed(1)} ms`,
  ];
  if (v.incomplete) lines.push(`Incomplete: stopped at the state cap; the counts are lower bounds`);
  if (ce) lines.push(`Counterexample: ${linkOf(ce)}`);
  return lines.join('\n');
}

export function runCommand(parsed: ParseResult, json: boolean): string {
  const { view } = parsed;
  const trace: Trace = simulate(view);
  if (json) {
    return JSON.stringify({
      scenario: view.scenario, fixes: view.fixes, mode: view.mode, at: runStart(view.scenario, view.params),
      events: trace.events.length, end: trace.end,
      fault: trace.fault ? { kind: trace.fault.kind, t: trace.fault.t, task: trace.program.tasks[trace.fault.task]!.comm, what: trace.fault.what } : null,
      oops: trace.oops, decisions: trace.decisions.length, diverged: trace.diverged, hung: trace.hung.map((i) => trace.program.tasks[i]!.id),
      link: linkOf(view),
    });
  }
  const sc = SCENARIOS[view.scenario];
  const head = [
    `Scenario: ${view.scenario} (${sc.title})`,
    `Fixes: ${view.fixes.length ? view.fixes.map((f) => `${f}`).join(', ') : 'none'}`,
    ...view.fixes.map((f) => `  ${f}: ${FIXES[f].title}`),
  ];
  return [...head, '', renderTimelineText(trace), '', ...(trace.oops ? [trace.oops, ''] : []), `Link: ${linkOf(view)}`].join('\n');
}

export function linkCommand(parsed: ParseResult, json: boolean): string {
  const frag = formatLongLink(parsed.view);
  return json ? JSON.stringify({ fragment: `#${frag}` }) : `#${frag}`;
}
