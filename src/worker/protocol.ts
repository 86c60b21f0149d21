/** Messages between the page and the verdict worker. */
import type { FixId, KernelId, Mode, ParamOverrides, ScenarioId, Verdict } from '../sim/index.ts';

export interface VerdictJob {
  readonly key: string;
  readonly fixes: readonly FixId[];
  readonly mode: Mode;
  /** Overrides the request's parameters for this job (the latency probe). */
  readonly params?: ParamOverrides;
}

export interface VerdictRequest {
  readonly id: number;
  readonly scenario: ScenarioId;
  readonly kernel: KernelId;
  readonly params: ParamOverrides;
  readonly maxStates: number;
  readonly jobs: readonly VerdictJob[];
}

export type VerdictResponse =
  | { readonly id: number; readonly type: 'result'; readonly key: string; readonly verdict: Verdict; readonly ms: number }
  | { readonly id: number; readonly type: 'progress'; readonly key: string; readonly states: number; readonly generated: number; readonly ms: number }
  | { readonly id: number; readonly type: 'error'; readonly key: string; readonly message: string }
  | { readonly id: number; readonly type: 'done' };
