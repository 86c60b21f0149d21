/**
 * What an exploration answers (explore.ts re-exports these): the verdict in
 * herd7's words, the counts, and a counterexample that run() replays.
 */
import type { Micros, Mode } from '../catalogue/source.ts';
import type { ModularResult } from './modular.ts';
import type { Program } from './program.ts';

/**
 * herd7's words, plus `Unknown`: the search stopped at the state cap before
 * it could prove Never (no fault found) or Always (no fault-free execution
 * found). A fault found before the cap, next to a fault-free execution, is a
 * proven Sometimes with lower-bound counts. In mode any, a search the cap
 * stopped without a fault is followed by the modular search (modular.ts),
 * which may prove Never (Verdict.modular).
 */
export type VerdictWord = 'Never' | 'Sometimes' | 'Always' | 'Unknown';

/**
 * What `faulting`, `executions` and `hung` count.
 * - `interleavings`: every order of the visible steps (invisible steps run
 *   eagerly, so their order is not counted); an execution ends at its first fault.
 * - `traces`: executions up to reordering of adjacent independent steps
 *   (Mazurkiewicz traces: two executions are one when they differ only in
 *   the order of steps that commute, see footprint.ts), with every task counted
 *   by its identity (permuting identical readers gives other executions), and
 *   an execution ends as soon as a fault is certain and can happen at once:
 *   a task that may move next would, by moving, touch something already
 *   dead (what the others could still do before it is not counted apart);
 *   in timed mode "next" is at the earliest instant a task can move, and an
 *   unbind whose start is still open can start now.
 */
export type Counting = 'interleavings' | 'traces';

/**
 * What every question's counts count, in both modes: traces (explore.ts says
 * why). The interleaving explorer stays as a cross-check (tests, `counting`).
 */
export const COUNTING: Counting = 'traces';

export interface Counterexample {
  /** Unbind start of the faulting execution (µs). */
  readonly at: Micros;
  /** Task index per decision point of `run()` with that `at`. */
  readonly schedule: readonly number[];
  /** Visible moves on the shortest faulting path. */
  readonly moves: number;
}

export interface Verdict {
  readonly verdict: VerdictWord;
  readonly faulting: number;
  readonly executions: number;
  /** What the three counts count (see Counting). */
  readonly counting: Counting;
  /** True when the counts exceed 2^53 and are floating-point approximations. */
  readonly approximate: boolean;
  readonly hung: number;
  /** Distinct states stored. */
  readonly states: number;
  /** States generated (moves executed), TLC's "states generated". */
  readonly generated: number;
  /** The search stopped at the state cap: counts are lower bounds. */
  readonly incomplete: boolean;
  /** The cap the search ran under. */
  readonly maxStates: number;
  /** Memory the search kept (the state table and each state's counts), in bytes. */
  readonly memoryBytes: number;
  /** The counterexample is the shortest (false when the search was cut short: shortest found). */
  readonly shortest: boolean;
  /**
   * The search stopped once Sometimes was proved, before the cap (herd7's
   * -speedcheck, ExploreOptions.speedcheck): `incomplete` is true too (the
   * counts are lower bounds, the counterexample the shortest found so far). Absent otherwise.
   */
  readonly speedcheck?: true;
  readonly counterexample: Counterexample | null;
  /**
   * The modular search (modular.ts), run when the state search stopped at the cap in mode any without finding
   * a fault. When it proved Never, `verdict` is Never: 0 faulting executions is exact, and the other counts stay
   * the state search's lower bounds (`incomplete` stays true). Absent when it did not run.
   */
  readonly modular?: ModularAttempt;
}

/** What the modular search (modular.ts, ModularResult) did for a verdict, with the memory it was allowed and its words. */
export interface ModularAttempt extends Pick<ModularResult, 'proved' | 'reason' | 'faultAt' | 'classes' | 'views' | 'rounds' | 'memoryBytes'> {
  /** The memory it may keep: the state search's bound at its cap (memory.ts). */
  readonly maxBytes: number;
  /**
   * What it did, as the answer's sentence says it (modularRun.ts, loaded only with the search): when it proved
   * Never, the whole sentence under the answer; else why it did not, which the sentence of the Unknown includes.
   */
  readonly words: string;
}

/** What a long search reports while it runs. */
export interface ExploreProgress {
  readonly states: number;
  readonly generated: number;
  /**
   * The counting explorer (traces.ts) has met an execution that faults and
   * one that ends without a fault: the verdict is Sometimes whatever the rest
   * of the search finds, at any cap (verdictWord); only the counts and the
   * shortest faulting execution are still being made. Absent: not known yet,
   * or a search that does not say (the check over every start).
   */
  readonly sometimes?: boolean;
  /**
   * The modular search run beside this search (a race: src/cli/race.ts, src/worker/races.ts) has proved Never, in
   * mode any, which covers a timed question's executions too: no execution of the question faults, so the verdict
   * is Never whatever the rest of the search finds; only the counts are still being made (for a check over every
   * start that looks for a fault, the command line's: it holds). Set by the race's caller (verdictRun.ts, the
   * page's worker pool for a verdict), never by an explorer.
   */
  readonly never?: boolean;
  /** The state search stopped at the cap without a fault and the modular search (modular.ts) now runs: its views so far, in its round. */
  readonly views?: number;
  readonly round?: number;
}

export interface ExploreOptions {
  readonly program: Program;
  readonly mode: Mode;
  /** Fixed unbind start, or null for the starts at 0 and right after each step of the others (timed) / irrelevant (any). */
  readonly at: Micros | null;
  /** Stop after this many distinct states and answer "incomplete". */
  readonly maxStates?: number;
  /** Symmetry over identical tasks (default true; symmetry.ts): off only to check it. */
  readonly symmetry?: boolean;
  /** Called every PROGRESS_EVERY generated states. */
  readonly onProgress?: (p: ExploreProgress) => void;
  /**
   * Stop as soon as the verdict is settled, like herd7's `-speedcheck true`:
   * once an execution that faults and one that does not were met (Sometimes;
   * a Never or an Always needs the whole search, so those are unchanged).
   */
  readonly speedcheck?: boolean;
}

export const PROGRESS_EVERY = 1 << 16;

export const DEFAULT_MAX_STATES = 1_000_000;

/**
 * The verdict the counts prove. A complete search decides; a cut-short one
 * proves Sometimes only when it met both a faulting and a fault-free execution.
 */
export function verdictWord(faulting: number, executions: number, incomplete: boolean): VerdictWord {
  if (incomplete) return faulting > 0 && executions > faulting ? 'Sometimes' : 'Unknown';
  return faulting === 0 ? 'Never' : faulting === executions ? 'Always' : 'Sometimes';
}
