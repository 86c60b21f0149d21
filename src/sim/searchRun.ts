/**
 * The state search behind a verdict, without the modular search: what the
 * page's worker runs first (the modular search, modularRun.ts, loads there
 * only when a search needs it). `verdictOf` (verdictRun.ts) runs both.
 */
import { explore } from './engine/explore.ts';
import type { Verdict } from './engine/verdict.ts';
import { programOf, questionOf, type QuestionInput, type VerdictOptions } from './question.ts';

/** Every execution the question allows, counted up to the cap (engine/explore.ts). */
export function stateVerdictOf(input: QuestionInput, opts: VerdictOptions = {}): Verdict {
  const q = questionOf(input);
  return explore({
    program: programOf(q), mode: q.mode, at: q.params.at,
    ...(opts.maxStates === undefined ? {} : { maxStates: opts.maxStates }),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.speedcheck ? { speedcheck: true } : {}),
  });
}

/**
 * The cap stopped a search without a fault: the modular search (modularRun.ts) may still prove Never, in mode
 * any, which covers a timed question too (each of its executions is one of mode any step for step:
 * engine/timedInAny.test.ts).
 */
export function wantsModular(v: Verdict): boolean {
  return v.verdict === 'Unknown' && v.faulting === 0;
}
