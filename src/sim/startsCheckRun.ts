/**
 * Runs the check of a timed verdict over every unbind start (startsCheck.ts
 * says when there is one and what it means). Imported by the verdict worker
 * and the CLI from this module, not the src/sim barrel: the search
 * (engine/everyStart.ts) then stays out of the chunk the page fetches before
 * its first paint.
 */
import { everyStart } from './engine/everyStart.ts';
import type { ExploreProgress, Verdict } from './engine/explore.ts';
import { counterexampleOf } from './engine/run.ts';
import { DEFAULT_MAX_STATES } from './engine/verdict.ts';
import { programOf, type Question } from './question.ts';
import { startsCheckWant, type StartsCheck } from './startsCheck.ts';

export interface StartsCheckOptions {
  readonly maxStates?: number;
  readonly onProgress?: (p: ExploreProgress) => void;
}

/** The check of the verdict v of question q, or null when there is nothing to check. */
export function startsCheckOf(q: Question, v: Pick<Verdict, 'verdict' | 'incomplete'>, opts: StartsCheckOptions = {}): StartsCheck | null {
  const want = startsCheckWant(q, v);
  if (!want) return null;
  const program = programOf(q);
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES;
  const e = everyStart(program, { want, maxStates, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  const witness = e.found ? counterexampleOf(program, 'timed', e.found.at, e.found.path) : null;
  return {
    want, holds: e.found ? false : e.complete ? true : null, witness,
    states: e.states, generated: e.generated, maxStates, memoryBytes: e.memoryBytes, lat: q.params.lat,
  };
}
