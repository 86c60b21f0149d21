/**
 * The modular search (engine/modular.ts) behind a verdict, after a state
 * search the cap stopped without a fault (searchRun.ts wantsModular; it
 * proves Never in mode any, which covers a timed question too), and behind
 * a check over every start that the cap stopped looking for a fault
 * (startsCheckRun.ts wantsStartsModular): in the memory the search before it
 * was allowed at its cap, it proves Never or says why it could not. A module
 * of its own so that the page's worker loads it only when a search needs it.
 */
import { everyStartBound } from './engine/everyStartLayout.ts';
import { memoryBound } from './engine/memory.ts';
import { proveNeverModular, type ModularResult } from './engine/modular.ts';
import type { ExploreProgress, ModularAttempt, Verdict } from './engine/verdict.ts';
import type { Program } from './engine/program.ts';
import { EXPLORED_STARTS, memoryText, programOf, questionOf, type Question, type QuestionInput } from './question.ts';
import type { StartsCheck } from './startsCheck.ts';

/**
 * The verdict `v` of the question with the modular search's answer: Never when it proves it, else `v` with what it
 * did. It proves Never in mode any; a timed question's executions are each one of mode any step for step (at any
 * unbind start and in any latency window: engine/timedInAny.test.ts), so that Never is the timed question's too.
 */
export function withModular(input: QuestionInput, v: Verdict, onProgress?: (p: ExploreProgress) => void, given?: RacedModular | null): Verdict {
  const q = questionOf(input);
  const program = programOf(q);
  const maxBytes = modularBound(program, q.mode, v.maxStates);
  const r = givenFor(given, maxBytes) ?? run(program, maxBytes, v, onProgress);
  const modular = attempt(r, maxBytes, wordsOf(r, v, maxBytes, q.mode === 'timed'));
  return { ...v, verdict: r.proved ? 'Never' : v.verdict, modular };
}

/**
 * The check `c` of q over every start, which the cap stopped looking for a fault, with the modular search's answer:
 * it holds when the search proves Never in mode any. Every timed execution, at any unbind start and in any latency
 * window, is an execution of mode any step for step (its moves are moves of mode any, and they change the state
 * outside the clocks alike: engine.ts; engine/timedInAny.test.ts checks it), so none of them faults either.
 */
export function startsWithModular(q: Question, c: StartsCheck, onProgress?: (p: ExploreProgress) => void, given?: RacedModular | null): StartsCheck {
  const program = programOf(q);
  const maxBytes = startsModularBound(program, c.maxStates);
  const r = givenFor(given, maxBytes) ?? run(program, maxBytes, c, onProgress);
  const words = r.proved
    ? `Never for every unbind start too, not only the ${EXPLORED_STARTS}: the check with the start kept symbolic stopped at the state cap ` +
      `(${n(c.maxStates)} states), and the modular search then proved that no execution faults in mode any, where durations and the ` +
      `unbind start do not matter (${n(r.views)} views, ${memoryText(r.memoryBytes)} within the check's ${memoryText(maxBytes)}). ` +
      'Every execution at every start, in any latency window, is one of those.'
    : `The modular search did not prove it either: ${whyNot(r, maxBytes, "the check's")}.`;
  return { ...c, holds: r.proved ? true : null, modular: attempt(r, maxBytes, words) };
}

const n = (x: number): string => x.toLocaleString('en-US');

/**
 * The memory the modular search after a verdict's state search is allowed: what that search keeps at its cap; after
 * a check over every start, what the check keeps at its cap. Functions of the question and the cap alone, so a
 * modular search started alongside the search before it (racedModular) gets the same bound.
 */
function modularBound(program: Program, mode: Question['mode'], maxStates: number): number {
  return memoryBound(program, mode, maxStates);
}
function startsModularBound(program: Program, maxStates: number): number {
  return everyStartBound(program, maxStates);
}

/**
 * A modular search already run (on another thread, alongside the search before it: verdictRun.ts ModularRacer),
 * with the memory bound it ran within. The search is deterministic: on the same program within the same bound it
 * gives this result again.
 */
export interface RacedModular {
  readonly result: ModularResult;
  readonly maxBytes: number;
}

/** The raced result when it ran within the bound this search would have: the same search; else null (run it here). */
function givenFor(given: RacedModular | null | undefined, maxBytes: number): ModularResult | null {
  return given && given.maxBytes === maxBytes ? given.result : null;
}

/** The modular search on the program within maxBytes, reporting its views with the counts of the search before it. */
function run(program: Program, maxBytes: number, before: { states: number; generated: number }, onProgress?: (p: ExploreProgress) => void): ModularResult {
  return modularSearch(program, maxBytes, viewsProgress(before, onProgress));
}

/**
 * The modular search the search of q (its verdict, or with `starts` its check over every start) needs when the cap
 * stops it without a fault, run on its own, beside that search (the CLI's thread, src/cli/modularThread.ts; a page
 * worker's race job, src/worker/races.ts), within the bound it would have after it.
 */
export function racedModular(input: QuestionInput, starts: boolean, maxStates: number, onProgress?: (p: ExploreProgress) => void): RacedModular {
  const q = questionOf(input);
  const program = programOf(q);
  const maxBytes = starts ? startsModularBound(program, maxStates) : modularBound(program, q.mode, maxStates);
  // Its views, as progress of a search with no state counts of its own (the page shows them with its search's).
  return { result: modularSearch(program, maxBytes, viewsProgress({ states: 0, generated: 0 }, onProgress)), maxBytes };
}

/** The modular search of the program within maxBytes. */
function modularSearch(program: Program, maxBytes: number, onViews?: (views: number, round: number) => void): ModularResult {
  return proveNeverModular(program, { maxBytes, ...(onViews ? { onProgress: onViews } : {}) });
}

/** The modular search's progress (views, round) as a progress report of the search `before` it, which it follows. */
export function viewsProgress(before: { states: number; generated: number }, onProgress?: (p: ExploreProgress) => void): ((views: number, round: number) => void) | undefined {
  return onProgress && ((views, round) => onProgress({ states: before.states, generated: before.generated, views, round }));
}

const attempt = (r: ModularResult, maxBytes: number, words: string): ModularAttempt =>
  ({ proved: r.proved, reason: r.reason, faultAt: r.faultAt, classes: r.classes, views: r.views, rounds: r.rounds, memoryBytes: r.memoryBytes, maxBytes, words });

/** What the modular search did, in the words of the sentence under the answer (incomplete.ts incompleteSentence). */
function wordsOf(r: ModularResult, v: Verdict, maxBytes: number, timed: boolean): string {
  if (r.proved) {
    const same = r.classes.filter((k) => k > 1).reduce((a, k) => a + k, 0), alone = r.classes.filter((k) => k === 1).length;
    const tasks = [same && `${same} identical readers`, alone && `${alone} other task${alone > 1 ? 's' : ''}`].filter(Boolean).join(' and ');
    return `Never is proven by the modular search: the unbind kept exactly, every other task (${tasks}) seen one at a time with the rest only ` +
      `as what they hold (mutexes, SRCU and snapshot counts, reference counts); no move from any of its ${n(r.views)} views ` +
      `(${memoryText(r.memoryBytes)}, within the state search's ${memoryText(maxBytes)}) faults, so no execution does` +
      (timed ? ' in mode any, where durations and the unbind start do not matter, and each timed execution of this question is one of those, step for step, whatever its unbind start. ' : '. ') +
      `The state search that counts executions stopped at the state cap (${n(v.maxStates)} states) after exploring ${n(v.states)} states: ` +
      '0 faulting is exact, the no-fault count is a lower bound.';
  }
  return `The modular search did not prove Never either: ${whyNot(r, maxBytes, "the state search's")}.`;
}

/** Why the modular search did not prove Never; `whose`: the search whose memory it was allowed. */
function whyNot(r: ModularResult, maxBytes: number, whose: string): string {
  return r.reason === 'cap' ? `it reached its memory bound (${memoryText(maxBytes)}, ${whose}) at ${n(r.views)} views`
    : r.reason === 'fault' ? `in one of its views a move faults (${r.faultAt ?? 'a step'}); that view may be one no execution reaches, since it sees the other tasks only as counts`
    : 'it does not take this question';
}
