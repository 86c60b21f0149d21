/**
 * Runs the check of a timed verdict over every unbind start with the start
 * kept symbolic (startsCheck.ts says when there is one and what it means);
 * where the cap stops it looking for a fault, the modular search may still
 * settle it (modularRun.ts startsWithModular; verdictRun.ts startsCheckOf runs
 * both). Imported by the verdict worker from this module, not the src/sim
 * barrel: the search (engine/everyStart.ts) then stays out of the chunk the
 * page fetches before its first paint.
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

/** The check of the verdict v of question q with the start kept symbolic, or null when there is nothing to check. */
export function symbolicStartsCheckOf(q: Question, v: Pick<Verdict, 'verdict' | 'incomplete'>, opts: StartsCheckOptions = {}): StartsCheck | null {
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

/** The cap stopped the check looking for a fault (a Never): the modular search (modularRun.ts) may still prove it holds. */
export function wantsStartsModular(c: StartsCheck): boolean {
  return c.holds === null && c.want === 'fault';
}
