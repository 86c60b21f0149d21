/**
 * Sweeps: the view's question asked once per value of one parameter (x) or
 * two (x and y), e.g. where notifier-sleep stops being safe as the read
 * grows past its msleep. A cell is exactly the view's question with the
 * swept parameter(s) set: `sweepCell(view, x, y)` (sweepRun.ts) is `verdictOf`
 * of that configured view, and its link opens that configuration.
 *
 * The spec's syntax and rules are a row of the key table (share/keys.ts,
 * key `sweep`, canonical `w`), re-exported here. Pure and deterministic;
 * `sweepCells` yields one cell at a time so a page can stream the grid and
 * stop between cells.
 */
import { COUNTING, type VerdictWord, type Verdict } from './engine/verdict.ts';
import type { VerdictOptions } from './question.ts';
import { formatSweepValue, paramByKey, withParam, type ParamKey } from './share/keys.ts';
import type { SweepAxis, SweepSpec, ViewState } from './share/view.ts';

export {
  parseSweep, parseSweepAxis, formatSweep, formatSweepAxis, formatSweepValue, sweepAxis, sweepOf,
  MAX_SWEEP_STEPS, DEFAULT_SWEEP_STEPS, SWEEP_AXIS_SYNTAX,
} from './share/keys.ts';
export type { SweepAxis, SweepSpec } from './share/view.ts';

/** One configuration of a sweep and the verdict of its question. */
export interface SweepCell {
  /** The x value (µs for a duration). */
  readonly x: number;
  /** The y value, or null for a one-parameter sweep. */
  readonly y: number | null;
  readonly verdict: VerdictWord;
  readonly faulting: number;
  readonly executions: number;
  /** The search stopped at the state cap: counts are lower bounds. */
  readonly incomplete: boolean;
  /** The canonical link of the configuration, `#1.<model>...`. */
  readonly link: string;
  /** The configured view (the link's view). */
  readonly view: ViewState;
  /** The whole verdict (counterexample, states, ...). */
  readonly result: Verdict;
}

/**
 * The values of one axis: every whole number from..to, or `steps` evenly
 * spaced durations from..to (both ends included, rounded to whole µs).
 * @example sweepValues({ param: 'read', from: 100_000, to: 500_000, steps: 5 }) // [100000, 200000, 300000, 400000, 500000]
 */
export function sweepValues(a: SweepAxis): number[] {
  if (paramByKey(a.param).kind === 'count') return Array.from({ length: a.to - a.from + 1 }, (_, i) => a.from + i);
  if (a.steps <= 1 || a.from === a.to) return [a.from];
  return Array.from({ length: a.steps }, (_, i) => a.from + Math.round((i * (a.to - a.from)) / (a.steps - 1)));
}

/** The grid: x values (columns) and y values (rows; `[null]` without a y axis). */
export function sweepGrid(spec: SweepSpec): { readonly xs: number[]; readonly ys: (number | null)[] } {
  return { xs: sweepValues(spec.x), ys: spec.y ? sweepValues(spec.y) : [null] };
}

/** How many cells a sweep has. */
export function sweepSize(spec: SweepSpec): number {
  const g = sweepGrid(spec);
  return g.xs.length * g.ys.length;
}

/**
 * The view of one cell: the view's question with the swept parameter(s) set,
 * its look (axis, stacks) kept; no replay, cursor, comparison or sweep (the
 * link opens that one configuration).
 */
export function sweepCellView(view: ViewState, spec: SweepSpec, x: number, y: number | null): ViewState {
  let params = withParam(view.params, spec.x.param, x);
  if (spec.y && y !== null) params = withParam(params, spec.y.param, y);
  const out: ViewState = { ...view, params, start: null, sched: [], t: null, sel: null };
  delete out.cmp;
  delete out.cmpk;
  delete out.sweep;
  return out;
}

export interface SweepOptions extends VerdictOptions {
  /** The sweep to run (default: the view's own `sweep`). */
  readonly spec?: SweepSpec;
  /** The model fingerprint links carry (default: the current model). */
  readonly model?: string;
  /**
   * Verdicts by question (questionKey): cells that ask the same question
   * (a duration swept in mode any) are searched once. sweepCells keeps one.
   */
  readonly cache?: Map<string, Verdict>;
}

/** Parameters that do not enter a mode-any question (durations, the start): sweeping them there changes nothing. */
const TIMED_ONLY: readonly ParamKey[] = ['read', 'sleep', 'erase', 'at', 'lat'];

/** What a user should know before sweeping (e.g. a duration swept in mode any). */
export function sweepNotes(view: Pick<ViewState, 'mode'>, spec: SweepSpec): string[] {
  const out: string[] = [];
  for (const a of [spec.x, ...(spec.y ? [spec.y] : [])]) {
    if (view.mode === 'any' && TIMED_ONLY.includes(a.param)) {
      out.push(`in mode any, ${a.param} does not change the verdict (durations and the start do not matter there): add mode=timed to sweep it`);
    }
  }
  return out;
}

/**
 * What a sweep cell's mark means, for the page's caption and the CLI's table:
 * the letters, and what the share is a share of (COUNTING); with
 * `contradicted` (some cell's check over every start contradicts its
 * verdict), what `!` means too.
 */
export function sweepLegend(contradicted = false): string {
  const bang = contradicted ? '; ! not for every unbind start (see Every start)' : '';
  return `N Never, S Sometimes, A Always a fault, ? Unknown (search cut short); the share of ${COUNTING} that fault; * lower bounds${bang}`;
}

/** The share of executions that fault (0 to 1; 0 when there are none). */
export function faultShare(c: Pick<SweepCell, 'faulting' | 'executions'>): number {
  return c.executions > 0 ? c.faulting / c.executions : 0;
}

/** `100ms`, `2`: a cell's value in the link's notation. */
export function sweepValueText(spec: SweepSpec, axis: 'x' | 'y', v: number | null): string | null {
  const a = axis === 'x' ? spec.x : spec.y;
  return a && v !== null ? formatSweepValue(a.param, v) : null;
}
