/**
 * The sentence under an answer that is not complete (the state cap stopped
 * its search, or --speedcheck did): what is proven, what is not, and what the
 * question can give up to complete (smallerWays; nearer.ts links them). Not in
 * the index: the page loads it with the first such answer (store/incomplete.ts),
 * the CLI and the text blocks import it directly.
 */
import { SOMETIMES_PROVED, type Question } from './question.ts';
import type { Verdict } from './engine/verdict.ts';

/**
 * What a question can still give up to become smaller or narrower, in the order the words name them: fewer
 * readers (more than one), no eraser (one), a fixed start (timed, none fixed), no latency window (timed, one),
 * the timed question (mode any). In mode any the start and the durations do not enter the search, so narrowing
 * them would not help there; in mode timed a latency window makes moves at different instants real choices
 * (bench --survey: the timed questions that stop have one). incompleteSentence says them; nearer.ts links them.
 */
export type Smaller = 'readers' | 'eraser' | 'at' | 'lat' | 'timed';

export function smallerWays(q: Pick<Question, 'mode' | 'params'>): Smaller[] {
  const p = q.params, timed = q.mode === 'timed';
  const ways: (Smaller | false)[] = [p.readers > 1 && 'readers', p.erase !== null && 'eraser', timed && p.at === null && 'at', timed && p.lat > 0 && 'lat', !timed && 'timed'];
  return ways.filter((w) => w !== false);
}

const SMALLER_WORDS: Readonly<Record<Exclude<Smaller, 'timed'>, string>> = {
  readers: 'fewer readers', eraser: 'no eraser', at: 'a fixed at=', lat: 'no latency window: lat=0, where a woken task runs at once',
};

/** A plain sentence for a verdict that is not a complete answer; null when it is complete. */
export function incompleteSentence(v: Verdict, q: Pick<Question, 'mode' | 'params'>): string | null {
  if (!v.incomplete) return null;
  const explored = `after exploring ${v.states.toLocaleString('en-US')} states`;
  const cap = `the search stopped at the state cap (${v.maxStates.toLocaleString('en-US')} states) ${explored}`;
  const all = smallerWays(q);
  const ways = all.flatMap((w) => (w === 'timed' ? [] : [SMALLER_WORDS[w]]));
  const n = ways.length;
  const smaller = [n && `ask a smaller question (${n > 2 ? `${ways.slice(0, -1).join(', ')}, or ${ways[n - 1]}` : ways.join(' or ')})`,
    all.includes('timed') && 'the narrower timed question (mode=timed: the given durations), which completes larger ones'].filter(Boolean).join(', or ');
  const fix = `raise the cap (--max-states N, or the page's state cap setting)${smaller && ` or ${smaller}`}`;
  // --speedcheck stopped it once Sometimes was proved (Verdict.speedcheck), not the cap.
  const sc = v.speedcheck === true;
  if (v.verdict === 'Sometimes') {
    return `Sometimes is proven (${SOMETIMES_PROVED}), but ${sc ? `the search stopped there as asked (--speedcheck, or the page's Stop at the verdict) ${explored}` : cap}: ` +
      `the counts are lower bounds. To count every execution, ${sc ? 'ask without it' : fix}.`;
  }
  if (v.faulting > 0) return `A fault was found (see the counterexample), but ${cap} before a fault-free execution was found, so Sometimes and Always are both possible. To decide, ${fix}.`;
  // The modular search (modularRun.ts) says what it did: the whole sentence when it proved Never, else why not.
  const mod = v.modular;
  if (mod?.proved) return mod.words;
  return `Unknown: ${cap} without finding a fault. This is not Never.${mod ? ` ${mod.words}` : ''} To complete it, ${fix}.`;
}
