/**
 * The modular search behind a verdict (engine/modular.ts), after a state
 * search the cap stopped in mode any without a fault (searchRun.ts
 * wantsModular): in the memory the state search was allowed at its cap, it
 * proves Never or says why it could not. A module of its own so that the
 * page's worker loads it only when a search needs it.
 */
import { memoryBound } from './engine/memory.ts';
import { proveNeverModular, type ModularResult } from './engine/modular.ts';
import type { ExploreProgress, Verdict } from './engine/verdict.ts';
import { memoryText, programOf, questionOf, type QuestionInput } from './question.ts';

/** The verdict `v` of the question with the modular search's answer: Never when it proves it, else `v` with what it did. */
export function withModular(input: QuestionInput, v: Verdict, onProgress?: (p: ExploreProgress) => void): Verdict {
  const program = programOf(questionOf(input));
  const maxBytes = memoryBound(program, 'any', v.maxStates);
  const r = proveNeverModular(program, {
    maxBytes, ...(onProgress ? { onProgress: (views: number, round: number) => onProgress({ states: v.states, generated: v.generated, views, round }) } : {}),
  });
  const modular = { proved: r.proved, reason: r.reason, faultAt: r.faultAt, classes: r.classes, views: r.views, rounds: r.rounds, memoryBytes: r.memoryBytes, maxBytes, words: wordsOf(r, v, maxBytes) };
  return { ...v, verdict: r.proved ? 'Never' : v.verdict, modular };
}

const n = (x: number): string => x.toLocaleString('en-US');

/** What the modular search did, in the words of the sentence under the answer (question.ts incompleteSentence). */
function wordsOf(r: ModularResult, v: Verdict, maxBytes: number): string {
  if (r.proved) {
    const same = r.classes.filter((k) => k > 1).reduce((a, k) => a + k, 0), alone = r.classes.filter((k) => k === 1).length;
    const tasks = [same && `${same} identical readers`, alone && `${alone} other task${alone > 1 ? 's' : ''}`].filter(Boolean).join(' and ');
    return `Never is proven by the modular search: the unbind kept exactly, every other task (${tasks}) seen one at a time with the rest only ` +
      `as what they hold (mutexes, SRCU and snapshot counts, reference counts); no move from any of its ${n(r.views)} views ` +
      `(${memoryText(r.memoryBytes)}, within the state search's ${memoryText(maxBytes)}) faults, so no execution does. ` +
      `The state search that counts executions stopped at the state cap (${n(v.maxStates)} states) after exploring ${n(v.states)} states: ` +
      '0 faulting is exact, the no-fault count is a lower bound.';
  }
  const why = r.reason === 'cap' ? `it reached its memory bound (${memoryText(maxBytes)}, the state search's) at ${n(r.views)} views`
    : r.reason === 'fault' ? `in one of its views a move faults (${r.faultAt ?? 'a step'}); that view may be one no execution reaches, since it sees the other tasks only as counts`
    : 'it does not take this question';
  return `The modular search did not prove Never either: ${why}.`;
}
