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
import type { Verdict } from './engine/verdict.ts';
import { FIX_SETS } from './api.ts';
import { startsWithModular, withModular } from './modularRun.ts';
import { questionOf, type Question, type QuestionInput, type VerdictOptions } from './question.ts';
import { stateVerdictOf, wantsModular } from './searchRun.ts';
import type { StartsCheck } from './startsCheck.ts';
import { symbolicStartsCheckOf, wantsStartsModular, type StartsCheckOptions } from './startsCheckRun.ts';
import type { ParamOverrides } from './share/view.ts';

/**
 * Every execution the question allows: the verdict `racelanes check` prints.
 * @example verdictOf(questionOf({ ...DEFAULT_VIEW, fixes: ['srcu-drain'] })).verdict === 'Never'
 */
export function verdictOf(input: QuestionInput, opts: VerdictOptions = {}): Verdict {
  const q = questionOf(input);
  const v = stateVerdictOf(q, opts);
  // The cap stopped the search without a fault: try to prove Never task by task (in mode any), in the same memory.
  return wantsModular(v) ? withModular(q, v, opts.onProgress) : v;
}

/**
 * Whether the verdict v of q holds for every unbind start (startsCheck.ts), or null when there is nothing to check:
 * what `racelanes check` prints after a timed Never or Always and the page's worker computes.
 */
export function startsCheckOf(q: Question, v: Pick<Verdict, 'verdict' | 'incomplete'>, opts: StartsCheckOptions = {}): StartsCheck | null {
  const c = symbolicStartsCheckOf(q, v, opts);
  // The cap stopped the check without a fault: try to prove Never in mode any, which covers every start, in the same memory.
  return c && wantsStartsModular(c) ? startsWithModular(q, c, opts.onProgress) : c;
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
