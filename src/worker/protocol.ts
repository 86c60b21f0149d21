/** Messages between the page and a verdict worker. */
import type { QuestionInput, StartsCheck, StartsWord, Verdict } from '../sim/index.ts';
import type { VerdictProgress } from '../store/verdictSlice.ts';

export interface VerdictJob {
  readonly key: string;
  readonly question: QuestionInput;
  /** Not the verdict: whether this verdict word of the question holds for every unbind start. */
  readonly starts?: StartsWord;
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
  | { readonly id: number; readonly type: 'done' };
