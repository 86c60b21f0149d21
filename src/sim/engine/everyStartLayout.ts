/**
 * The layout of everyStart's search (everyStart.ts), apart from the search
 * itself so that the page's own thread can bound its memory (the worker
 * pool's admission) without fetching the search, which only the worker and
 * the CLI run: the words of a state's key, how many chain states it
 * remembers, the most memory it keeps under a cap.
 */
import { Machine } from './engine.ts';
import type { Program } from './program.ts';
import { StateTable } from './stateTable.ts';
import { Canon } from './symmetry.ts';

/** How many states of forced chains the search remembers at most, under a cap of maxStates states with a choice. */
export const memoStates = (maxStates: number): number => Math.floor(maxStates / 2);

/** The most memory a search keeps under a cap of maxStates states: its states and its chain memo. */
export function everyStartBound(program: Program, maxStates: number): number {
  const keyLen = startsKeyLen(program);
  return StateTable.peakBytes(maxStates, keyLen) + StateTable.peakBytes(memoStates(maxStates), keyLen);
}

/** The words of a state's key (everyStart.ts keyOf): the canonical key of the low end, the high end's clocks (as the canonical key has them), two shifts. */
export function startsKeyLen(program: Program): number {
  const m = new Machine(program, 'timed');
  const canon = new Canon(m, program, true, true);
  return canon.keyLen + canon.clockWords + 2;
}
