/**
 * Asks the verdict workers for whatever the page needs and is not cached yet
 * (src/store/selectors.ts `neededVerdicts`: the headline, its check over
 * every unbind start once its verdict is in, the table, side B of a
 * comparison and then its check, the latency probe, the sweep's cells and
 * then theirs), in that order, on a
 * pool as large as the cores the browser reports (at most 4): each idle worker
 * takes the next job, so the table's rows and a sweep's cells are searched
 * side by side and a slow search holds up nothing behind it. A change that
 * makes a search in flight unneeded, and the user's Cancel, terminate the
 * workers (the explorer is synchronous and cannot be interrupted); what is
 * still needed is asked again.
 */
import { RACE_AFTER_MS, memoryBoundOf, questionOf, startsCheckBound } from '../sim/index.ts';
import type { AppStore } from '../store/index.ts';
import { neededVerdicts, type VerdictJobSpec } from '../store/selectors.ts';
import type { AppState } from '../store/types.ts';
import type { RacedModular } from '../sim/modularRun.ts';
import type { RaceAnswer, VerdictJob, VerdictRequest, VerdictResponse } from './protocol.ts';
import type { PoolJob, RacePool, Races } from './races.ts';
import workerUrl from 'virtual:verdict-worker-url';

export type WorkerFactory = () => Worker;

/** The worker is a chunk of the page's build (vite.config.ts: verdictWorkerUrl), sharing the simulation chunk. */
export const defaultWorker: WorkerFactory = () => new Worker(workerUrl, { type: 'module' });

/**
 * What the searches running side by side may keep together at the state cap.
 * Past it the jobs run on fewer workers, down to one: slower, and never more
 * than one search's own bound (shown next to the cap), which at the largest
 * caps is itself past this.
 */
export const POOL_MEMORY_BYTES = 2 * 1024 ** 3;

/** How many searches may run at once: as many as there are workers, while each may keep `boundBytes` and together they stay within POOL_MEMORY_BYTES; at least one. */
export function poolSlots(workers: number, boundBytes: number): number {
  return Math.max(1, Math.min(workers, Math.floor(POOL_MEMORY_BYTES / Math.max(1, boundBytes))));
}

/** The most workers that search side by side. */
export const MAX_WORKERS = 4;

/**
 * How long jobs must wait with no search ending before more workers are
 * started: a worker takes a while to start (it loads and compiles the
 * simulation), longer than a whole table of quick questions takes on one, so
 * only a slow search makes the pool grow.
 */
export const SPAWN_AFTER_MS = 250;

/** The pool: the cores the browser reports, between 1 and MAX_WORKERS. */
export function poolSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 1;
  return Math.max(1, Math.min(MAX_WORKERS, Number.isFinite(n) ? n : 1));
}

export function startVerdictWorker(store: AppStore, make: WorkerFactory = defaultWorker, size: number = poolSize()): () => void {
  const workers: (Worker | null)[] = Array.from({ length: Math.max(1, size) }, () => null);
  let nextId = 0;
  let cap = store.getState().maxStates;
  let speedcheck = store.getState().speedcheck;
  /** The job each worker is searching (by slot; null: idle): its request id, the job, the memory its search may keep, and its race (races.ts). */
  const running: (PoolJob | null)[] = workers.map(() => null);
  /** The races (races.ts), loaded when a search first runs RACE_AFTER_MS or stops at the cap. */
  let races: Races | null = null;
  // A chunk that fails to load (a redeploy, offline) only means no race.
  const withRaces = (f: (r: Races) => void) => void import('./races.ts').then((r) => f(races ??= r.createRaces(pool)), () => {});
  /** Jobs asked and not given to a worker yet, in the order needed, and every key asked and not answered. */
  const queue: VerdictJobSpec[] = [];
  const asked = new Set<string>();
  /** Keys whose search failed: asked again only when the view, the cap or the cancelled set changes, not on every later answer. */
  const failed = new Set<string>();

  /** The most one search of this question keeps at the cap; 0 for one that does not compile (its worker reports why). */
  const boundOf = (j: VerdictJobSpec): number => {
    try { return j.starts ? startsCheckBound(questionOf(j.question), cap) : memoryBoundOf(questionOf(j.question), cap); } catch { return 0; }
  };

  /** The pending start of more workers (pump), and whether pump may start them now. */
  let spawnTimer: ReturnType<typeof setTimeout> | null = null;
  let grow = false;
  /** A search ended or was stopped: the wait for more workers starts again (pump arms it anew if jobs still wait). */
  const restartWait = () => {
    if (spawnTimer !== null) { clearTimeout(spawnTimer); spawnTimer = null; }
  };

  /**
   * Gives the next jobs to idle workers, one each, while the searches running
   * together (the new one included) number at most poolSlots for the largest
   * bound among them: a worker that finishes takes the next job, so a slow
   * search never holds up the rest of the table behind it. Workers already
   * started come first; more are started when no search has ended for
   * SPAWN_AFTER_MS.
   */
  const pump = () => {
    // The headline's race goes before the jobs that wait (races.ts).
    races?.race();
    while (queue.length) {
      // An idle worker already started first; a new one only when no search has ended for SPAWN_AFTER_MS.
      const slot = idleSlot();
      if (slot < 0) return;
      if (workers[slot] === null) {
        if (running.some((r) => r !== null) && !grow) {
          spawnTimer ??= setTimeout(() => {
            spawnTimer = null;
            grow = true;
            try { pump(); } finally { grow = false; }
          }, SPAWN_AFTER_MS);
          return;
        }
      }
      const bound = boundOf(queue[0]!);
      if (!fits(bound)) return;
      post(slot, queue.shift()!, bound, false);
    }
    races?.race();
  };

  /** An idle slot, one whose worker is already started first (a new one loads the simulation); -1: none. */
  const idleSlot = () => {
    const started = running.findIndex((r, i) => r === null && workers[i] !== null);
    return started < 0 ? running.indexOf(null) : started;
  };

  /** The answer to the `capped` of the search on `slot` (null: no race, it searches itself); no race starts for it after. */
  const answer = (slot: number, given: RacedModular | null | undefined) => {
    const r = running[slot]!;
    r.raced = true;
    workers[slot]?.postMessage({ type: 'given', key: r.key, given: given ?? null } satisfies RaceAnswer);
  };

  /** May one more search of `bound` run beside those running: poolSlots for the largest bound among them? */
  const fits = (bound: number) => {
    let busy = 1;
    let most = bound;
    for (const r of running) if (r) { busy++; most = Math.max(most, r.bound); }
    return busy <= poolSlots(workers.length, most);
  };

  /** Gives the job to the worker of `slot` (started if need be): its own search, or (`isRace`) the race beside it. */
  const post = (slot: number, job: VerdictJobSpec, bound: number, isRace: boolean) => {
    const w = (workers[slot] ??= spawn());
    const id = ++nextId;
    const spec: VerdictJob = isRace ? { ...job, race: true } : job;
    running[slot] = { id, key: job.key, job, bound, race: isRace };
    const req: VerdictRequest = { id, maxStates: cap, speedcheck, jobs: [spec] };
    w.postMessage(req);
  };

  const slotOf = (id: number): number => running.findIndex((r) => r?.id === id);

  /**
   * A request holds one job: its answer (or error) means the worker is free.
   * The next job is posted before the answer goes to the store, so the
   * worker searches while the page draws the answer; the request's `done`
   * that follows then finds no job of its id.
   */
  const finished = (slot: number) => {
    running[slot] = null;
    restartWait();
    pump();
  };

  const onMessage = (ev: MessageEvent<VerdictResponse>) => {
    const m = ev.data;
    const slot = slotOf(m.id);
    if (slot < 0) return;
    if (running[slot]!.race) { races?.message(slot, m); return; }
    const s = store.getState();
    if (m.type === 'progress') {
      const { id, type, key, ...p } = m;
      // Once its race has proved Never, the search's progress says so (races.ts).
      s.putProgress(key, running[slot]!.provedNever ? { ...p, never: true } : p);
      // Past RACE_AFTER_MS, a search may get a race (races.ts, loaded then).
      if (p.ms >= RACE_AFTER_MS) withRaces((r) => r.raceable(slot, m.id, p));
      return;
    }
    // Stopped at the cap: the race's answer, or null (it runs the modular search itself).
    if (m.type === 'capped') {
      // With no race yet (none loaded): null at once, so a worker never waits on the chunk.
      if (races) races.capped(slot, m.id);
      else answer(slot, null);
      return;
    }
    races?.ended(slot);
    finished(slot);
    if (m.type === 'result') { asked.delete(m.key); s.putVerdict(m.key, { verdict: m.verdict, ms: m.ms }); }
    else if (m.type === 'starts') { asked.delete(m.key); s.putStartsCheck(m.key, { check: m.check, ms: m.ms }); }
    else if (m.type === 'error') {
      asked.delete(m.key);
      failed.add(m.key);
      s.setVerdictError(`The explorer failed: ${m.message}`);
      s.setVerdictPending(s.verdictPending.filter((k) => k !== m.key));
    }
    if (queue.length === 0 && running.every((r) => r === null)) s.setVerdictPending([]);
  };

  const spawn = (): Worker => {
    const w = make();
    w.onmessage = onMessage;
    w.onerror = (e) => {
      // Only a worker of the pool counts (a terminated one's late error does not).
      const slot = workers.indexOf(w);
      if (slot < 0) return;
      w.terminate();
      workers[slot] = null;
      // Nothing more is searched: what was asked is dropped (a change of the view asks again).
      stopAll();
      store.getState().setVerdictError(`The verdict worker stopped: ${e.message}`);
      store.getState().setVerdictPending([]);
    };
    return w;
  };

  const pool: RacePool = { running, workers, store, waiting: () => queue.length, requeue: (j) => queue.unshift(j), idleSlot, fits, post, answer, freed: () => { restartWait(); pump(); } };

  /**
   * Drops the jobs not started and stops the searches (terminating their
   * workers) whose keys `keep` does not hold. Like a search ending, it starts
   * the wait for more workers again.
   */
  const stop = (keep: (key: string) => boolean) => {
    running.forEach((r, slot) => {
      if (!r || keep(r.key)) return;
      workers[slot]?.terminate();
      workers[slot] = null;
      running[slot] = null;
      asked.delete(r.key);
    });
    for (let i = queue.length - 1; i >= 0; i--) {
      if (keep(queue[i]!.key)) continue;
      asked.delete(queue[i]!.key);
      queue.splice(i, 1);
    }
    restartWait();
  };
  const stopAll = () => stop(() => false);

  /** Is the job's answer in the store (a verdict, or a check over every start)? */
  const answered = (s: AppState, key: string) => key in s.verdicts || key in s.startsChecks;

  const request = (s: AppState) => {
    const needed = neededVerdicts(s.view, s.verdicts);
    const keys = new Set(needed.map((j) => j.key));
    // Under another cap, or with stopping at the verdict turned on or off, every search is asked again; otherwise only those nobody needs any more are stopped.
    if (s.maxStates !== cap || s.speedcheck !== speedcheck) {
      stopAll();
      cap = s.maxStates;
      speedcheck = s.speedcheck;
    } else stop((k) => keys.has(k));
    const cancelled = new Set(s.verdictCancelled);
    const jobs = needed.filter((j) => !answered(s, j.key) && !asked.has(j.key) && !cancelled.has(j.key) && !failed.has(j.key));
    const pending = [...asked].filter((k) => !answered(s, k));
    for (const j of jobs) asked.add(j.key);
    const all = [...pending, ...jobs.map((j) => j.key)];
    if (jobs.length > 0 || s.verdictPending.length !== all.length) s.setVerdictPending(all);
    // The jobs not started, new or not, in the order needed now (a new headline goes before the table's rows),
    // given to the workers a stop left idle.
    const waiting = new Set([...queue, ...jobs].map((j) => j.key));
    queue.splice(0, queue.length, ...needed.filter((j) => waiting.has(j.key)));
    pump();
  };

  request(store.getState());
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.cancelToken !== prev.cancelToken) { stopAll(); return; }
    if (s.view !== prev.view || s.maxStates !== prev.maxStates || s.speedcheck !== prev.speedcheck || s.verdictCancelled !== prev.verdictCancelled) {
      failed.clear();
      request(s);
    } else if (s.verdicts !== prev.verdicts) request(s); // the headline's verdict may need its check over every start
  });
  return () => {
    unsubscribe();
    restartWait();
    for (const w of workers) w?.terminate();
  };
}
