/**
 * The public surface of src/sim. The store, the worker and the CLI import
 * from here only. Everything is pure and deterministic.
 */
import { compile } from './compile.ts';
import { explore, type Verdict } from './explore.ts';
import type { ParamOverrides, ViewState } from './link.ts';
import { run } from './run.ts';
import { SCENARIOS } from './scenarios/index.ts';
import type { FixId, Mode, Params, Program, ScenarioId, Trace } from './types.ts';
import { FIX_IDS } from './types.ts';

export * from './types.ts';
export { FIXES, type FixInfo } from './fixes.ts';
export { SCENARIOS } from './scenarios/index.ts';
export { type Verdict, type VerdictWord, type Counterexample, DEFAULT_MAX_STATES } from './explore.ts';
export {
  parseLink, formatLongLink, parseDuration, formatDuration, parseSched, formatSched, fragmentOf,
  DEFAULT_VIEW, type ViewState, type ParamOverrides, type ParseResult, type LinkError,
} from './link.ts';
export { ERR_FLAG } from './compile.ts';

/**
 * Scenario defaults overlaid with what the view sets.
 * @example resolveParams('flash-unbind', { read: 400_000 }).sleep === 300_000
 */
export function resolveParams(scenario: ScenarioId, o: ParamOverrides): Params {
  const d = SCENARIOS[scenario].defaults;
  return {
    read: o.read ?? d.read,
    sleep: o.sleep ?? d.sleep,
    readers: o.readers ?? d.readers,
    erase: o.erase === undefined ? d.erase : o.erase,
    at: o.at === undefined ? null : o.at,
  };
}

/** Compiles the program a view describes. */
export function buildProgram(scenario: ScenarioId, fixes: readonly FixId[], o: ParamOverrides): Program {
  return compile(SCENARIOS[scenario], fixes, resolveParams(scenario, o));
}

/** The unbind start of a single run: the link's `at`, else the scenario's documented default. */
export function runStart(scenario: ScenarioId, o: ParamOverrides): number {
  return o.at ?? SCENARIOS[scenario].defaults.at;
}

/**
 * One execution: the timeline the page draws and `racelanes run` prints.
 * @example simulate(parseLink('#s=flash-unbind').view).fault?.kind === 'use-after-free'
 */
export function simulate(view: ViewState): Trace {
  const program = buildProgram(view.scenario, view.fixes, view.params);
  return run({ program, mode: view.mode, at: runStart(view.scenario, view.params), schedule: view.sched });
}

/**
 * Every execution: the verdict `racelanes check` prints.
 * @example verdictOf({ ...DEFAULT_VIEW, fixes: ['srcu-drain'] }).verdict === 'Never'
 */
export function verdictOf(view: Pick<ViewState, 'scenario' | 'fixes' | 'params' | 'mode'>, maxStates?: number): Verdict {
  const program = buildProgram(view.scenario, view.fixes, view.params);
  return explore(maxStates === undefined
    ? { program, mode: view.mode, at: view.params.at ?? null }
    : { program, mode: view.mode, at: view.params.at ?? null, maxStates });
}

/** The fix sets the verdict table shows: none, each fix alone, all together. */
export const FIX_SETS: readonly (readonly FixId[])[] = [[], ...FIX_IDS.map((f) => [f]), [...FIX_IDS]];

export interface VerdictRow {
  readonly fixes: readonly FixId[];
  readonly mode: Mode;
  readonly result: Verdict;
}

/** Verdicts for every fix set in both modes, for one scenario and parameters. */
export function verdictTable(scenario: ScenarioId, params: ParamOverrides): VerdictRow[] {
  const rows: VerdictRow[] = [];
  for (const fixes of FIX_SETS) {
    for (const mode of ['any', 'timed'] as const) rows.push({ fixes, mode, result: verdictOf({ scenario, fixes: [...fixes], params, mode }) });
  }
  return rows;
}

/** An execution count as herd prints it: exact below 2^53, else `~1.3e+16` (a float count). */
export function formatCount(n: number): string {
  return n <= Number.MAX_SAFE_INTEGER ? String(n) : `~${n.toPrecision(3)}`;
}

/** Herd-style one-line verdict: `Observation flash-unbind+notifier-sleep Sometimes 7 20`. */
export function herdLine(scenario: ScenarioId, fixes: readonly FixId[], v: Verdict): string {
  const name = [scenario, ...fixes].join('+');
  return `Observation ${name} ${v.verdict} ${formatCount(v.faulting)} ${formatCount(v.executions - v.faulting)}${v.incomplete ? ' (incomplete)' : ''}`;
}
export {
  encodeView, decodeFragment, normalizeView, LINK_FORMAT, type DecodeResult, modelFingerprint, linkNotices, type LinkFacts,
  decodeLink, parseTextBlock, toChromeTrace, type ChromeTrace, type ChromeEvent,
} from './share/index.ts';
