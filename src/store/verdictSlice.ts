/**
 * Verdicts computed off the main thread. The store only holds results keyed
 * by `verdictKey`; src/worker/client.ts asks the worker for missing keys.
 */
import type { StateCreator } from 'zustand';
import type { Verdict } from '../sim/index.ts';
import type { AppState } from './types.ts';

export interface VerdictResult {
  readonly verdict: Verdict;
  /** Wall time the explorer took in the worker (ms). */
  readonly ms: number;
}

export interface VerdictSlice {
  verdicts: Readonly<Record<string, VerdictResult>>;
  /** Keys asked for and not answered yet. */
  verdictPending: readonly string[];
  verdictError: string | null;
  putVerdict(key: string, result: VerdictResult): void;
  setVerdictPending(keys: readonly string[]): void;
  setVerdictError(message: string | null): void;
}

export const createVerdictSlice: StateCreator<AppState, [], [], VerdictSlice> = (set, get) => ({
  verdicts: {},
  verdictPending: [],
  verdictError: null,
  putVerdict(key, result) {
    set({ verdicts: { ...get().verdicts, [key]: result }, verdictPending: get().verdictPending.filter((k) => k !== key) });
  },
  setVerdictPending(keys) {
    set({ verdictPending: keys });
  },
  setVerdictError(message) {
    set({ verdictError: message });
  },
});
