/**
 * Verdicts computed off the main thread. The store only holds results keyed
 * by the question (`verdictKey`), the progress of searches still running,
 * and the ones the user cancelled; src/worker/client.ts asks the worker for
 * what is missing.
 */
import type { StateCreator } from 'zustand';
import { DEFAULT_MAX_STATES, questionKey, startsCheckKey, startsCheckWant, type ExploreProgress, type Question, type StartsCheck, type Verdict } from '../sim/index.ts';
import type { AppState } from './types.ts';

export interface VerdictResult {
  readonly verdict: Verdict;
  /** Wall time the explorer took in the worker (ms). */
  readonly ms: number;
}

/** Whether a verdict holds for every unbind start (startsCheck.ts), keyed by startsCheckKey. */
export interface StartsCheckResult {
  readonly check: StartsCheck;
  /** Wall time the check took in the worker (ms). */
  readonly ms: number;
}

/**
 * A search's progress as the worker posts it: the explorer's (ExploreProgress: states, whether it has proved
 * Sometimes and is still counting, the modular search's views after a cap) and the wall time so far (ms).
 */
export interface VerdictProgress extends ExploreProgress {
  readonly ms: number;
}

/** What a search may prove before it ends (ExploreProgress.sometimes, .never): the verdict, while its counts are still being made. */
export type ProvedWord = 'Sometimes' | 'Never';

/** The verdict a search in progress has already proved, or null. */
export function provedWord(p: Pick<VerdictProgress, 'sometimes' | 'never'> | undefined): ProvedWord | null {
  return p?.sometimes ? 'Sometimes' : p?.never ? 'Never' : null;
}

/** The state caps the page offers. */
export const STATE_CAPS: readonly number[] = [DEFAULT_MAX_STATES, 5_000_000, 20_000_000];

export interface VerdictSlice {
  verdicts: Readonly<Record<string, VerdictResult>>;
  /** The checks over every unbind start, by startsCheckKey. */
  startsChecks: Readonly<Record<string, StartsCheckResult>>;
  /** Keys asked for and not answered yet. */
  verdictPending: readonly string[];
  /** Progress of the searches in flight, by key. */
  verdictProgress: Readonly<Record<string, VerdictProgress>>;
  /** Keys whose search the user cancelled (asked again on Retry). */
  verdictCancelled: readonly string[];
  /** Of those, the searches that had already proved their verdict (their progress said so: Sometimes, or Never by the race beside them), by key: what they proved stays shown. */
  cancelledProved: Readonly<Record<string, ProvedWord>>;
  verdictError: string | null;
  /** The explorer's state cap. */
  maxStates: number;
  /** Stop each search once its verdict is settled (herd7's -speedcheck; ExploreOptions.speedcheck): a Sometimes as soon as it is proved. */
  speedcheck: boolean;
  /** Bumped to ask the worker client to cancel everything in flight. */
  cancelToken: number;
  putVerdict(key: string, result: VerdictResult): void;
  putStartsCheck(key: string, result: StartsCheckResult): void;
  setVerdictPending(keys: readonly string[]): void;
  putProgress(key: string, p: VerdictProgress): void;
  setVerdictError(message: string | null): void;
  /** Stops every search in flight; their cells say "cancelled". */
  cancelVerdicts(): void;
  /** Asks again for what was cancelled. */
  retryVerdicts(): void;
  /** A new cap: answers cut short by the old one are asked again. */
  setMaxStates(n: number): void;
  /** Turns stopping at the verdict on or off; off asks again what it cut short. */
  setSpeedcheck(on: boolean): void;
}

/** The key of the check over every start of q's verdict, once that verdict is in and needs one (startsCheckWant); else null. */
export function startsKeyOf(s: Pick<VerdictSlice, 'verdicts'>, q: Question): string | null {
  const v = s.verdicts[questionKey(q)]?.verdict;
  return v && startsCheckWant(q, v) ? startsCheckKey(q, v.verdict) : null;
}

/**
 * Where the check over every start of q's verdict is: none needed
 * (undefined), its answer, or asked and not in yet, cancelled, or failed
 * (neither answered, asked nor cancelled: the worker failed on it, and the
 * verdict panel says why). The one reading of a check's state for the page.
 */
export type CheckState = StartsCheck | 'asked' | 'cancelled' | 'failed' | undefined;

export function checkState(s: Pick<VerdictSlice, 'verdicts' | 'startsChecks' | 'verdictPending' | 'verdictCancelled'>, q: Question): CheckState {
  const k = startsKeyOf(s, q);
  if (k === null) return undefined;
  const r = s.startsChecks[k];
  if (r) return r.check;
  if (s.verdictCancelled.includes(k)) return 'cancelled';
  return s.verdictPending.includes(k) ? 'asked' : 'failed';
}

/** The answered check over every start of q's verdict, or null (none needed, or not in). */
export function answeredCheck(s: Pick<VerdictSlice, 'verdicts' | 'startsChecks'>, q: Question): StartsCheck | null {
  const k = startsKeyOf(s, q);
  return k === null ? null : s.startsChecks[k]?.check ?? null;
}

/** Nothing cancelled: retry, a new cap and stopping at the verdict turned on or off ask everything again, and forget what cancelled searches had proved. */
const UNCANCELLED: Pick<VerdictSlice, 'verdictCancelled' | 'cancelledProved'> = { verdictCancelled: [], cancelledProved: {} };

/** What an answer to `key` (a verdict or a check) clears: its place among the pending keys, and its progress. */
function answered(s: VerdictSlice, key: string): Pick<VerdictSlice, 'verdictPending' | 'verdictProgress'> {
  const progress = { ...s.verdictProgress };
  delete progress[key];
  return { verdictPending: s.verdictPending.filter((k) => k !== key), verdictProgress: progress };
}

export const createVerdictSlice: StateCreator<AppState, [], [], VerdictSlice> = (set, get) => ({
  verdicts: {},
  startsChecks: {},
  verdictPending: [],
  verdictProgress: {},
  verdictCancelled: [],
  cancelledProved: {},
  verdictError: null,
  maxStates: DEFAULT_MAX_STATES,
  speedcheck: false,
  cancelToken: 0,
  putVerdict(key, result) {
    set({ verdicts: { ...get().verdicts, [key]: result }, ...answered(get(), key) });
  },
  putStartsCheck(key, result) {
    set({ startsChecks: { ...get().startsChecks, [key]: result }, ...answered(get(), key) });
  },
  setVerdictPending(keys) {
    set({ verdictPending: keys });
  },
  putProgress(key, p) {
    set({ verdictProgress: { ...get().verdictProgress, [key]: p } });
  },
  setVerdictError(message) {
    set({ verdictError: message });
  },
  cancelVerdicts() {
    const s = get();
    if (s.verdictPending.length === 0) return;
    const proved: Record<string, ProvedWord> = { ...s.cancelledProved };
    for (const k of s.verdictPending) {
      const word = provedWord(s.verdictProgress[k]);
      if (word) proved[k] = word;
    }
    set({
      verdictCancelled: [...new Set([...s.verdictCancelled, ...s.verdictPending])],
      cancelledProved: proved,
      verdictPending: [], verdictProgress: {}, cancelToken: s.cancelToken + 1,
    });
  },
  retryVerdicts() {
    // The worker client watches `verdictCancelled` and asks again for what left it.
    set(UNCANCELLED);
  },
  setMaxStates(n) {
    const s = get();
    if (n === s.maxStates) return;
    const kept: Record<string, VerdictResult> = {};
    for (const [k, r] of Object.entries(s.verdicts)) if (!r.verdict.incomplete) kept[k] = r;
    const settled: Record<string, StartsCheckResult> = {};
    for (const [k, r] of Object.entries(s.startsChecks)) if (r.check.holds !== null) settled[k] = r;
    // Every search starts again under the new cap: no progress of the old ones stays shown (a Never proved beside
    // one, within the old cap's memory bound, may not be proved within the new one's).
    set({ maxStates: n, verdicts: kept, startsChecks: settled, verdictProgress: {}, ...UNCANCELLED });
  },
  setSpeedcheck(on) {
    const s = get();
    if (on === s.speedcheck) return;
    // Every answer stays true either way; off, those it cut short (their counts) are asked again.
    const kept: Record<string, VerdictResult> = {};
    for (const [k, r] of Object.entries(s.verdicts)) if (on || r.verdict.speedcheck !== true) kept[k] = r;
    set({ speedcheck: on, verdicts: kept, verdictProgress: {}, ...UNCANCELLED });
  },
});
