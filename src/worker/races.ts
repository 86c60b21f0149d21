/**
 * The pool's races (client.ts), in a chunk of their own that the page loads when a search first runs
 * RACE_AFTER_MS without a fault: an idle worker runs, beside such a search, the modular search that search needs if
 * the cap stops it (a verdict's, or a check over every start that looks for a fault; the headline's before the jobs
 * that wait once it has run HEADLINE_FIRST_MS, the others' once none waits), so that its answer then waits for the longer of the two, not for both
 * (src/cli/race.ts does the same on a second thread), and a Never it proves first is shown while the search counts.
 * The search's worker, stopped at the cap, says `capped` and waits: it gets the race's result when the race has
 * answered or as soon as it does, or null when there is no race (it then runs the modular search itself). The
 * modular search is deterministic and gets the same bound either way (modularRun.ts racedModular): the answer is
 * the same, sooner.
 */
import { questionOf, startsCheckWant } from '../sim/index.ts';
import type { RacedModular } from '../sim/modularRun.ts';
import type { AppStore } from '../store/index.ts';
import { verdictKey, type VerdictJobSpec } from '../store/selectors.ts';
import { provedWord, type VerdictProgress } from '../store/verdictSlice.ts';
import type { VerdictResponse } from './protocol.ts';

/**
 * A worker's job in the pool. `race`: it runs, beside the key's own search, the modular search that one needs. On a
 * search's own entry: `raceable` (it has run RACE_AFTER_MS without a fault), `raced` (a race was started for it),
 * `given` (the race's answer; null: it failed), `waiting` (it stopped at the cap and waits for that answer, since
 * the page's clock read `waiting`).
 */
export interface PoolJob {
  readonly id: number;
  readonly key: string;
  readonly job: VerdictJobSpec;
  readonly bound: number;
  readonly race: boolean;
  raceable?: true;
  /** The search's elapsed time in its last report past RACE_AFTER_MS. */
  searchedMs?: number;
  raced?: true;
  given?: RacedModular | null;
  /** A verdict's search (not a check over every start) whose race has proved Never: its progress says so (ExploreProgress.never). */
  provedNever?: true;
  waiting?: number;
  /** The search's elapsed time in its last report before it waited. */
  cappedMs?: number;
}

/**
 * How long the headline's search runs before its race goes ahead of the jobs that wait, and takes the worker of a
 * table row that only counts if no worker is free: a shorter search often ends soon anyway, and a race whose search
 * ends first is stopped with its worker (terminated, and started again for the next job), a cost the table's rows
 * would pay (two-reader tables took 0.1 to 0.4 s longer at half a second). The other races wait until no job does.
 */
export const HEADLINE_FIRST_MS = 2000;

/** What the races see of the pool (client.ts). */
export interface RacePool {
  readonly running: (PoolJob | null)[];
  readonly workers: (Worker | null)[];
  /** Jobs waiting for a worker. */
  waiting(): number;
  /** An idle slot, one whose worker is already started first; -1: none. */
  idleSlot(): number;
  /** May one more search of `bound` run beside those running? */
  fits(bound: number): boolean;
  /** Puts a job back at the head of the jobs that wait (one whose search was stopped: preempt). */
  requeue(job: VerdictJobSpec): void;
  /** Answers the `capped` of the search on `slot` with a race's result (null: none) and marks it raced. */
  answer(slot: number, given: RacedModular | null | undefined): void;
  post(slot: number, job: VerdictJobSpec, bound: number, isRace: boolean): void;
  /** A worker was freed: the next jobs go out. */
  freed(): void;
  readonly store: AppStore;
}

export type Races = ReturnType<typeof createRaces>;

/** A verdict's search, or a check over every start that looks for a fault: the searches the modular search may follow. */
function mayNeedModular(job: VerdictJobSpec): boolean {
  return !job.starts || startsCheckWant(questionOf(job.question), { verdict: job.starts, incomplete: false }) === 'fault';
}

export function createRaces(pool: RacePool) {
  const { running, workers } = pool;
  /** The slot of the key's own search (isRace false) or of its race. */
  const slotFor = (key: string, isRace: boolean) => running.findIndex((x) => x?.key === key && !x.race === !isRace);
  /** Stops the worker of `slot` (the explorer is synchronous: terminated) and frees the slot. */
  const stopSlot = (slot: number): void => {
    workers[slot]?.terminate();
    workers[slot] = null;
    running[slot] = null;
  };
  /** The key of the headline's verdict, the question the user asked (selectors.ts neededVerdicts' first job). */
  const headline = (): string => {
    const v = pool.store.getState().view;
    return verdictKey(v, v.fixes, v.mode);
  };
  /**
   * A slot for the headline's race of `bound` when none is idle: the worker of a search that has proved its verdict
   * and only counts (a table row; its word stays shown) is stopped, with its own race, and its job asked again first;
   * -1 when there is none, or the race would not fit in its place.
   */
  const preempt = (bound: number): number => {
    const progress = pool.store.getState().verdictProgress;
    const slot = running.findIndex((r) => r !== null && !r.race && provedWord(progress[r.key]) !== null);
    if (slot < 0) return -1;
    const r = running[slot]!;
    running[slot] = null;
    const fits = pool.fits(bound);
    running[slot] = r;
    if (!fits) return -1;
    races.ended(slot);
    stopSlot(slot);
    pool.requeue(r.job);
    return slot;
  };
  const races = {
    /**
     * Starts the races idle workers may run: the headline's before the jobs that wait once its search has run
     * HEADLINE_FIRST_MS (the pool asks here before it gives a freed worker the next job), on the worker of a row
     * that only counts if none is free; the others' only when no job waits.
     */
    race(): void {
      const head = headline();
      for (const r of running) {
        if (!r?.raceable || r.raced) continue;
        const first = r.key === head && (r.searchedMs ?? 0) >= HEADLINE_FIRST_MS;
        if (pool.waiting() && !first) continue;
        let slot = pool.idleSlot();
        if (slot < 0 && first) slot = preempt(r.bound);
        if (slot < 0 || !pool.fits(r.bound)) return;
        r.raced = true;
        pool.post(slot, r.job, r.bound, true);
      }
    },
    /** A report of the search of request `id` on `slot`, past RACE_AFTER_MS (it may have ended since): `p`, its progress. */
    raceable(slot: number, id: number, p: VerdictProgress): void {
      const r = running[slot];
      if (r?.id !== id) return;
      r.searchedMs = p.ms;
      // Not after a fault (then it proves Sometimes), nor once it runs the modular search itself (its views).
      if (p.sometimes || p.views !== undefined || !mayNeedModular(r.job)) { delete r.raceable; return; }
      const was = r.raceable;
      r.raceable = true;
      // Newly raceable, or now long enough to go ahead of the jobs that wait (the headline's).
      if (!was || (!r.raced && p.ms >= HEADLINE_FIRST_MS)) races.race();
    },
    /** The search of request `id` on `slot` stopped at the cap (and waits): the race's answer now, or when it comes. */
    capped(slot: number, id: number): void {
      const r = running[slot];
      if (r?.id !== id) return;
      if (r.raced && r.given === undefined) r.waiting = performance.now();
      // Answered (with null when no race ran: it searches itself); no race may start for it after this.
      else pool.answer(slot, r.given);
    },
    /** The search of `slot` ended: its race, if one still searches, is not needed. */
    ended(slot: number): void {
      const other = slotFor(running[slot]!.key, true);
      if (other >= 0) stopSlot(other);
    },
    /** A message from a race's worker: its progress (shown once the search waits for it), its answer, or its failure. */
    message(slot: number, m: VerdictResponse): void {
      if (m.type === 'done' || m.type === 'capped') return;
      const own = running[slotFor(m.key, false)];
      if (m.type === 'progress') {
        // With the search's counts, as the modular search after it shows.
        const s = pool.store.getState();
        const last = s.verdictProgress[m.key];
        // Its elapsed time goes on from the search's last report (the search itself reports no more while it waits).
        if (own?.waiting !== undefined && last && m.views !== undefined) {
          s.putProgress(m.key, { ...last, views: m.views, round: m.round ?? 1, ms: (own.cappedMs ??= last.ms) + performance.now() - own.waiting });
        }
        return;
      }
      running[slot] = null;
      if (own) {
        own.given = m.type === 'raced' ? m.given : null;
        if (own.waiting !== undefined) pool.answer(running.indexOf(own), own.given);
        else if (own.given?.result.proved && !own.job.starts) {
          // The verdict is Never whatever the search still counts: shown now, with its progress so far.
          own.provedNever = true;
          const s = pool.store.getState();
          const last = s.verdictProgress[m.key];
          if (last) s.putProgress(m.key, { ...last, never: true });
        }
      }
      pool.freed();
    },
  };
  return races;
}
