/**
 * What a link carries: the question (scenario, fixes, parameters, mode), one
 * replay of it (the unbind start and the schedule), the cursor, and what
 * changes what a recipient sees (axis, full stacks, selected event).
 *
 * The question and the replay are kept apart on purpose: a counterexample
 * link replays one execution while the verdict still answers the question it
 * came from. `params.at` narrows the question to one unbind start; `start`
 * only says where this replay's unbind starts.
 */
import { DEFAULT_KERNEL, orderFixes, scenarioDefaults } from '../catalogue/index.ts';
import type { FixId, KernelId, Micros, Mode, ScenarioId } from '../catalogue/source.ts';
import { trimSched } from './codecs.ts';
import type { ParamKey } from './keys.ts';

export interface ParamOverrides {
  read?: Micros;
  sleep?: Micros;
  readers?: number;
  /** null = explicitly no eraser. */
  erase?: Micros | null;
  /** The question's unbind start: a number narrows it to that start; null or absent = the explored starts (question.ts startsText). */
  at?: Micros | null;
  /** Fixed partitions on the flash (0 = /dev/mtd0 is the whole flash). */
  parts?: number;
  /** Scheduling latency of woken tasks (timed mode). */
  lat?: Micros;
}

export type AxisMode = 'step' | 'time';

/**
 * One swept parameter: `steps` values from `from` to `to` (both included,
 * evenly spaced, whole µs); a whole-number parameter steps by 1
 * (`steps` = to - from + 1). Durations in µs.
 */
export interface SweepAxis {
  readonly param: ParamKey;
  readonly from: number;
  readonly to: number;
  readonly steps: number;
}

/** A sweep: the view's question asked once per value of `x` (and of `y`). */
export interface SweepSpec {
  readonly x: SweepAxis;
  readonly y: SweepAxis | null;
}

/** Everything a link carries. */
export interface ViewState {
  scenario: ScenarioId;
  /** The kernel modelled (absent from a link = the seed's 6.14-rc7). */
  kernel: KernelId;
  fixes: FixId[];
  /** Only what the user set; the rest comes from the scenario defaults. */
  params: ParamOverrides;
  mode: Mode;
  /** This replay's unbind start (µs); null = the question's `at`, else the scenario's default start. */
  start: Micros | null;
  /** Task index per decision point; -1 = default policy. */
  sched: number[];
  /** Cursor: event index, or null for the first step. 'fault' jumps to the fault. */
  t: number | 'fault' | 'end' | null;
  /** The lanes' horizontal axis. */
  axis: AxisMode;
  /** Every frame of every call stack (otherwise deep frames share a lane's last row). */
  full: boolean;
  /** The selected event (details panel), or null. */
  sel: number | null;
  /**
   * A comparison: side B's fixes (side A is `fixes`), the same replay run on
   * both. Absent or null = no comparison. `normalizeView` sets it whenever
   * `cmpk` is set (B keeps A's fixes unless told otherwise).
   */
  cmp?: FixId[] | null;
  /** Side B's kernel in a comparison; absent or null = side A's `kernel`. */
  cmpk?: KernelId | null;
  /** A sweep of one or two parameters over the view's question; absent or null = none. */
  sweep?: SweepSpec | null;
}

export interface LinkError {
  readonly key: string;
  readonly message: string;
}

export const DEFAULT_VIEW: ViewState = {
  scenario: 'qspi-unbind', kernel: DEFAULT_KERNEL, fixes: [], params: {}, mode: 'any', start: null, sched: [], t: null, axis: 'step', full: false, sel: null,
};

/** A fresh default view (safe to mutate). */
export function emptyView(): ViewState {
  return { ...DEFAULT_VIEW, fixes: [], params: {}, sched: [] };
}

export { orderFixes };

/**
 * The view with every default dropped, fixes in table order and trailing
 * default choices trimmed: two views that show the same are equal here.
 * @example normalizeView({ ...DEFAULT_VIEW, params: { at: null } }).params // {}
 */
export function normalizeView(view: ViewState): ViewState {
  const d = scenarioDefaults(view.scenario);
  const o = view.params;
  const params: ParamOverrides = {};
  if (o.read !== undefined && o.read !== d.read) params.read = o.read;
  if (o.sleep !== undefined && o.sleep !== d.sleep) params.sleep = o.sleep;
  if (o.erase !== undefined && o.erase !== d.erase) params.erase = o.erase;
  if (o.readers !== undefined && o.readers !== d.readers) params.readers = o.readers;
  if (o.at !== undefined && o.at !== null) params.at = o.at;
  if (o.parts !== undefined && o.parts !== d.parts) params.parts = o.parts;
  if (o.lat !== undefined && o.lat !== d.lat) params.lat = o.lat;
  // A fixed `at` decides the replay's start too; the default start needs no mention.
  const start = params.at !== undefined || view.start === null || view.start === d.at ? null : view.start;
  const out: ViewState = {
    scenario: view.scenario, kernel: view.kernel, fixes: orderFixes(view.fixes), params, mode: view.mode, start, sched: trimSched(view.sched), t: view.t,
    axis: view.axis, full: view.full, sel: view.sel,
  };
  // A comparison always names B's fixes; B's kernel only when it is not A's.
  const cmp = view.cmp ?? null;
  const cmpk = view.cmpk ?? null;
  if (cmp !== null || cmpk !== null) {
    out.cmp = orderFixes(cmp ?? view.fixes);
    if (cmpk !== null && cmpk !== view.kernel) out.cmpk = cmpk;
  }
  if (view.sweep) out.sweep = normalizeSweep(view.sweep);
  return out;
}

/** A copy of a sweep with the y axis explicit (specs are checked where they are made: keys.ts `sweepAxis`). */
function normalizeSweep(s: SweepSpec): SweepSpec {
  return { x: { ...s.x }, y: s.y ? { ...s.y } : null };
}

/** The two sides of a comparison (B = A with `cmp` fixes on `cmpk`), or null when the view compares nothing. */
export function compareSides(view: ViewState): { a: ViewState; b: ViewState } | null {
  const cmp = view.cmp ?? null;
  const cmpk = view.cmpk ?? null;
  if (cmp === null && cmpk === null) return null;
  const a: ViewState = { ...view };
  delete a.cmp;
  delete a.cmpk;
  delete a.sweep;
  return { a, b: { ...a, fixes: orderFixes(cmp ?? view.fixes), kernel: cmpk ?? view.kernel } };
}

/** The unbind start of this view's replay: `at` when the question fixes it, else `start`, else the scenario default. */
export function replayStart(view: Pick<ViewState, 'scenario' | 'params' | 'start'>): Micros {
  return view.params.at ?? view.start ?? scenarioDefaults(view.scenario).at;
}
