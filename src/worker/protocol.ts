/** Messages between the page and a verdict worker. */
import type { QuestionInput, StartsCheck, StartsWord, Verdict } from '../sim/index.ts';
import type { RacedModular } from '../sim/modularRun.ts';
import type { VerdictProgress } from '../store/verdictSlice.ts';

export interface VerdictJob {
  readonly key: string;
  readonly question: QuestionInput;
  /** Not the verdict: whether this verdict word of the question holds for every unbind start. */
  readonly starts?: StartsWord;
  /**
   * Not the search of this key: the modular search it needs if the cap stops it without a fault, run on another
   * worker beside it (answered with `raced`), within the memory bound it would have after it.
   */
  readonly race?: true;
}

/**
 * The page's answer to a worker's `capped` (outside the requests, which a worker runs one after another): the
 * modular search another worker ran for that key (client.ts races), or null when none did (the worker runs it).
 */
export interface RaceAnswer {
  readonly type: 'given';
  readonly key: string;
  readonly given: RacedModular | null;
}

export interface VerdictRequest {
  readonly id: number;
  readonly maxStates: number;
  /** Stop each verdict's search once it is settled (VerdictOptions.speedcheck). */
  readonly speedcheck: boolean;
  readonly jobs: readonly VerdictJob[];
}

export type VerdictResponse =
  | { readonly id: number; readonly type: 'result'; readonly key: string; readonly verdict: Verdict; readonly ms: number }
  | { readonly id: number; readonly type: 'starts'; readonly key: string; readonly check: StartsCheck; readonly ms: number }
  | ({ readonly id: number; readonly type: 'progress'; readonly key: string } & VerdictProgress)
  | { readonly id: number; readonly type: 'error'; readonly key: string; readonly message: string }
  /** A race job's answer: the modular search's result and the bound it ran within. */
  | { readonly id: number; readonly type: 'raced'; readonly key: string; readonly given: RacedModular }
  /** The search stopped at the cap without a fault and needs the modular search: the worker waits for a RaceAnswer. */
  | { readonly id: number; readonly type: 'capped'; readonly key: string }
  | { readonly id: number; readonly type: 'done' };
