/**
 * Does a timed verdict hold for every unbind start? The counts cover the
 * starts at 0 and right after a step of another task (explore.ts); a start
 * between two of those steps can give an order none of them gives. For a
 * complete Never (or Always) of a timed question with `at` unset,
 * engine/everyStart.ts looks for a fault (or an end without one) at any
 * start, the start kept symbolic. A latency window is the question's at every
 * start (a woken task runs at once or right after another task's step in
 * it). A Sometimes needs no check (it already has both kinds); an Unknown or
 * a fixed start has nothing to check.
 * One module for the check's rules and its words: the page and the CLI say
 * the same. The search itself is startsCheckRun.ts (the worker and the CLI
 * import it from there: the page's first chunk does not carry it).
 */
import type { StartEnd } from './engine/everyStart.ts';
import { everyStartBound } from './engine/everyStartLayout.ts';
import type { Counterexample, Verdict } from './engine/explore.ts';
import type { ModularAttempt } from './engine/verdict.ts';
import { EXPLORED_STARTS, programOf, questionKey, WINDOW_TRIED, type Question } from './question.ts';
import { formatDuration } from './share/codecs.ts';
import type { ViewState } from './share/view.ts';
import { counterexampleView } from './api.ts';

export interface StartsCheck {
  /** What was looked for: a fault (the verdict is Never) or an end without one (Always). */
  readonly want: StartEnd;
  /** True: the verdict holds for every start; false: `witness` contradicts it; null: not settled (stopped at the cap). */
  readonly holds: boolean | null;
  /** A start and its schedule (run() with that `at`) that ends as looked for. */
  readonly witness: Counterexample | null;
  readonly states: number;
  readonly generated: number;
  readonly maxStates: number;
  readonly memoryBytes: number;
  /** The question's latency window (µs; 0: none), kept at every start: its delays are those the question tries. */
  readonly lat: number;
  /** The modular search, when the cap stopped the check looking for a fault (modularRun.ts startsWithModular): `holds` is true when it proved Never. */
  readonly modular?: ModularAttempt;
}

/** The verdict words a check over every start is asked about. */
export type StartsWord = 'Never' | 'Always';

/** What the check of (q, v) looks for, or null when there is nothing to check (see the file comment). */
export function startsCheckWant(q: Question, v: Pick<Verdict, 'verdict' | 'incomplete'>): StartEnd | null {
  if (q.mode !== 'timed' || q.params.at !== null || v.incomplete) return null;
  return v.verdict === 'Never' ? 'fault' : v.verdict === 'Always' ? 'clean' : null;
}

/** The most memory one check of q keeps at this state cap (its state table; the page's pool admits it like a search). */
export function startsCheckBound(q: Question, maxStates: number): number {
  return everyStartBound(programOf(q), maxStates);
}

/** The cache key of the check of q's verdict word (the page's store, next to the verdicts). */
export function startsCheckKey(q: Question, word: Verdict['verdict']): string {
  return `starts|${questionKey(q)}|${word}`;
}

/** The view that replays the check's witness (the same question, one replay): at its fault, or from the start for an end without one; null without a witness. */
export function startsWitnessView(view: ViewState, q: Question, c: StartsCheck): ViewState | null {
  if (!c.witness) return null;
  const v = counterexampleView(view, q, c.witness);
  return c.want === 'fault' ? v : { ...v, t: null };
}

/** One sentence: whether the verdict holds for every start (the page's line, the CLI's `Every start` line). */
export function startsCheckText(v: Pick<Verdict, 'verdict'>, c: StartsCheck): string {
  const also = `not only the ${EXPLORED_STARTS}`;
  if (c.modular?.proved) return c.modular.words;
  if (c.holds === true) {
    const window = c.lat > 0 ? `; at every start, as in the question, ${WINDOW_TRIED}` : '';
    return `${v.verdict} for every unbind start too, ${also}: checked with the start kept symbolic (${c.states.toLocaleString('en-US')} states)${window}.`;
  }
  if (c.holds === null) {
    return `Whether ${v.verdict} holds for every unbind start, ${also}, is not settled: the check with the start kept symbolic stopped at the state cap (${c.maxStates.toLocaleString('en-US')} states). To settle it, raise the cap (--max-states N, or the page's state cap setting).${c.modular ? ` ${c.modular.words}` : ''}`;
  }
  const what = c.want === 'fault' ? 'an execution faults' : 'an execution ends without a fault';
  return `Not for every unbind start: with the unbind started at ${formatDuration(c.witness!.at)}, ${what} (an order the counts do not include). Over every start the answer is Sometimes.`;
}
