/**
 * The search behind a verdict: `verdictOf` (what `racelanes check` prints and
 * the page's worker computes: the state search, searchRun.ts, then where the
 * cap stopped it without a fault in mode any, the modular search,
 * modularRun.ts) and the verdict table. Imported by the verdict
 * worker, the CLI and the tests from this module, not the src/sim barrel: the
 * explorer (engine/explore.ts, traces.ts, footprint.ts) then stays out of the
 * chunk the page fetches before its first paint. The question and the words
 * that state its answer are in question.ts.
 */
import { MODES, type KernelId, type ScenarioId } from './catalogue/source.ts';
import type { Verdict } from './engine/verdict.ts';
import { FIX_SETS } from './api.ts';
import { withModular } from './modularRun.ts';
import { questionOf, type Question, type QuestionInput, type VerdictOptions } from './question.ts';
import { stateVerdictOf, wantsModular } from './searchRun.ts';
import type { ParamOverrides } from './share/view.ts';

/**
 * Every execution the question allows: the verdict `racelanes check` prints.
 * @example verdictOf(questionOf({ ...DEFAULT_VIEW, fixes: ['srcu-drain'] })).verdict === 'Never'
 */
export function verdictOf(input: QuestionInput, opts: VerdictOptions = {}): Verdict {
  const q = questionOf(input);
  const v = stateVerdictOf(q, opts);
  // The cap stopped the search without a fault: in mode any, try to prove Never task by task, in the same memory.
  return wantsModular(q, v) ? withModular(q, v, opts.onProgress) : v;
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
