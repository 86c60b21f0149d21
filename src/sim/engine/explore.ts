/**
 * The explorer: every execution the model allows, for one scenario, fix set
 * and parameters, counted over the state graph (memoised on states, never by
 * enumerating paths). Verdicts use herd7/LKMM wording: Never / Sometimes /
 * Always a fault.
 *
 * - mode `any`: at every scheduling point any enabled task may move next.
 * - mode `timed`: durations as given; ties (incl. every mutex hand-off order)
 *   branch; with `at` unset the unbind starts at 0 or right after a visible
 *   step of another task (engine.ts WILD). Only those starts: one between two
 *   of their steps shifts the unbind's later steps against their later ones
 *   and can give an interleaving none of these gives (starts.test.ts). A
 *   latency window likewise lets a woken task run at once or right after a
 *   step of another task inside it, not at the instants between.
 * Executions are counted up to the reordering of invisible steps. explore()
 * sends both modes to the reduced explorer (traces.ts), which counts traces;
 * interleavings.ts counts interleavings, memoised on states up to renaming
 * identical readers: the cross-check (the tests).
 */
import { exploreTraces } from './traces.ts';
import type { ExploreOptions, Verdict } from './verdict.ts';

export {
  DEFAULT_MAX_STATES, PROGRESS_EVERY, COUNTING, verdictWord,
  type Counterexample, type Counting, type ExploreOptions, type ExploreProgress, type Verdict, type VerdictWord,
} from './verdict.ts';
export { exploreTraces, type TraceOptions } from './traces.ts';

/**
 * Every execution of the question, counted as traces in both modes (the
 * reduced explorer, traces.ts). Mode any counted interleavings until the
 * chain memo (chainCache.ts) made the reduced explorer fast enough there: it
 * keeps three to six times fewer states (qspi-unbind 6.14-rc7 srcu-drain
 * readers=3: 492,157 against 2,311,321 for interleavings with symmetry, 13.9 s
 * against 7.2 s), so with three readers, or two and an eraser, the questions
 * whose answer is Never complete under the default cap where the
 * interleavings stop; where both complete it can be about twice as slow
 * (three questions of one or two readers measured: 0.4-2.4 s against
 * 0.2-1.1 s). The tests call exploreInterleavings
 * (interleavings.ts) themselves: it is in neither the page's nor the CLI's bundle.
 */
export function explore(opts: ExploreOptions): Verdict {
  return exploreTraces(opts);
}
