/** Messages between the page and a verdict worker. */
import type { QuestionInput, Verdict } from '../sim/index.ts';

export interface VerdictJob {
  readonly key: string;
  readonly question: QuestionInput;
}

export interface VerdictRequest {
  readonly id: number;
  readonly maxStates: number;
  readonly jobs: readonly VerdictJob[];
}

export type VerdictResponse =
  | { readonly id: number; readonly type: 'result'; readonly key: string; readonly verdict: Verdict; readonly ms: number }
  | { readonly id: number; readonly type: 'progress'; readonly key: string; readonly states: number; readonly generated: number; readonly ms: number }
  | { readonly id: number; readonly type: 'error'; readonly key: string; readonly message: string }
  | { readonly id: number; readonly type: 'done' };
