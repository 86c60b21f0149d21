/**
 * What a search keeps at its state cap, known before it runs. Apart from the
 * explorer (explore.ts) so that the page, which says the bound next to every
 * answer, does not load the search itself before its first paint.
 */
import { Machine } from './engine.ts';
import { StateCounts, StateTable } from './stateTable.ts';
import { Canon } from './symmetry.ts';
import { ChainCache } from './chainCache.ts';
import type { Mode } from '../catalogue/source.ts';
import type { Program } from './program.ts';
import { DEFAULT_MAX_STATES } from './verdict.ts';

/**
 * The most memory a search of this question keeps at the state cap: the state
 * table and the counts at `maxStates` states, with the old copy of whichever
 * is growing, and the reduced explorer's chain memo (chainCache.ts). Each
 * state's key is canon.keyLen words, known before searching.
 * The page and the CLI say it next to the cap: a cap is a memory bound too.
 */
export function memoryBound(program: Program, mode: Mode, maxStates: number = DEFAULT_MAX_STATES): number {
  const keyLen = new Canon(new Machine(program, mode), program, mode === 'timed', true).keyLen;
  return StateTable.peakBytes(maxStates, keyLen) + StateCounts.peakBytes(maxStates) + ChainCache.peakBytes(maxStates, keyLen);
}
