/**
 * The search behind a verdict: `verdictOf` (what `racelanes check` prints and
 * the page's worker computes: the state search, searchRun.ts, then where the
 * cap stopped it without a fault, the modular search, modularRun.ts, in mode
 * any, which covers a timed question's executions too), the verdict table,
 * and `startsCheckOf`, the check of a timed verdict over every start
 * (startsCheckRun.ts, then the modular search where the cap stopped it
 * looking for a fault). Imported by the verdict
 * worker, the CLI and the tests from this module, not the src/sim barrel: the
 * explorer (engine/explore.ts, traces.ts, footprint.ts) then stays out of the
 * chunk the page fetches before its first paint. The question and the words
 * that state its answer are in question.ts.
 */
import { MODES, type KernelId, type ScenarioId } from './catalogue/source.ts';
import { FIX_SETS } from './api.ts';
import { DEFAULT_MAX_STATES, type ExploreProgress, type Verdict } from './engine/verdict.ts';
import { startsWithModular, viewsProgress, withModular, type RacedModular } from './modularRun.ts';
import { questionOf, type Question, type QuestionInput, type VerdictOptions } from './question.ts';
import { startsCheckWant } from './startsCheck.ts';
import { stateVerdictOf, wantsModular } from './searchRun.ts';
import type { StartsCheck } from './startsCheck.ts';
import { symbolicStartsCheckOf, wantsStartsModular, type StartsCheckOptions } from './startsCheckRun.ts';
import type { ParamOverrides } from './share/view.ts';

/**
 * Every execution the question allows: the verdict `racelanes check` prints.
 * @example verdictOf(questionOf({ ...DEFAULT_VIEW, fixes: ['srcu-drain'] })).verdict === 'Never'
 */
export function verdictOf(input: QuestionInput, opts: VerdictOptions & RaceOption = {}): Verdict {
  const q = questionOf(input);
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES;
  const race = opts.race?.(q, false, maxStates) ?? null;
  // The cap stopped the search without a fault: try to prove Never task by task (in mode any), in the same memory.
  const { result: v, want, given } = raced(race, opts, (o) => stateVerdictOf(q, o), wantsModular);
  return want ? withModular(q, v, opts.onProgress, given) : v;
}

/**
 * The modular search a search may need after it (when its cap stops it without a fault), started on another thread
 * while that search runs (src/cli/race.ts; none in src/sim, which stays single-threaded), so that it is done or
 * under way when the search ends: modularRun.ts `racedModular` of q, for its verdict or (`starts`) its check over
 * every start, at `maxStates`: the same search on the same program within the same memory bound, and
 * deterministic, so the answer is the one it would give run after the search, sooner. A racer that is not given,
 * or never starts it, leaves the search to run after, here.
 */
export type ModularRacer = (q: Question, starts: boolean, maxStates: number) => ModularRace;

export interface ModularRace {
  /** Sees each progress report of the search before it (the racer decides when to start: not after a fault). */
  readonly onProgress: (p: ExploreProgress) => void;
  /** Has it already proved Never, while the search before it runs (what it heard by that search's last progress report)? */
  readonly proved: () => boolean;
  /**
   * That search ended. `want`: it needs the modular search: its result, waiting for it (its progress reported to
   * `onViews`), or null when it was not started or failed (then it runs here). Not wanted: stops it.
   */
  finish(want: boolean, onViews?: (views: number, round: number) => void): RacedModular | null;
}

export interface RaceOption {
  readonly race?: ModularRacer;
}

/**
 * The search before the modular search, with its race (if any) seeing its progress: its result, whether it `want`s
 * the modular search after it, and the race's result then (null: none; the modular search runs here). A race not
 * wanted, or whose search throws, is stopped. Once the race has proved Never, the search's progress says so
 * (ExploreProgress.never) while it goes on.
 */
function raced<O extends { readonly onProgress?: (p: ExploreProgress) => void }, T extends { states: number; generated: number } | null>(
  race: ModularRace | null, opts: O, search: (o: O) => T, wants: (r: NonNullable<T>) => boolean,
): { result: T; want: boolean; given: RacedModular | null } {
  if (!race) { const result = search(opts); return { result, want: result !== null && wants(result), given: null }; }
  const tee = opts.onProgress;
  let result: T;
  try {
    const seen = (p: ExploreProgress): void => {
      race.onProgress(p);
      tee?.(race.proved() ? { ...p, never: true } : p);
    };
    result = search({ ...opts, onProgress: seen });
  } catch (e) {
    race.finish(false);
    throw e;
  }
  const want = result !== null && wants(result);
  return { result, want, given: race.finish(want, result ? viewsProgress(result, tee) : undefined) };
}

/**
 * Whether the verdict v of q holds for every unbind start (startsCheck.ts), or null when there is nothing to check:
 * what `racelanes check` prints after a timed Never or Always and the page's worker computes.
 */
export function startsCheckOf(q: Question, v: Pick<Verdict, 'verdict' | 'incomplete'>, opts: StartsCheckOptions & RaceOption = {}): StartsCheck | null {
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES;
  // Only a check that looks for a fault may need the modular search.
  const race = startsCheckWant(q, v) === 'fault' ? opts.race?.(q, true, maxStates) ?? null : null;
  // The cap stopped the check without a fault: try to prove Never in mode any, which covers every start, in the same memory.
  const { result: c, want, given } = raced(race, opts, (o) => symbolicStartsCheckOf(q, v, o), wantsStartsModular);
  return c && want ? startsWithModular(q, c, opts.onProgress, given) : c;
}

export interface VerdictRow {
  readonly question: Question;
  readonly result: Verdict;
}

/** Verdicts for every fix set in both modes, for one scenario, kernel and parameters. */
export function verdictTable(scenario: ScenarioId, kernel: KernelId, params: ParamOverrides, opts: VerdictOptions = {}): VerdictRow[] {
  const rows: VerdictRow[] = [];
  for (const fixes of FIX_SETS) {
    for (const mode of MODES) {
      const question = questionOf({ scenario, kernel, fixes: [...fixes], params, mode });
      rows.push({ question, result: verdictOf(question, opts) });
    }
  }
  return rows;
}
