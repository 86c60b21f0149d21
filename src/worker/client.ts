/**
 * Asks the verdict workers for whatever the page needs and is not cached yet
 * (src/store/selectors.ts `neededVerdicts`: the headline, the table, side B of
 * a comparison, the latency probe, the sweep's cells). The headline and the
 * table go to the first worker, in order; a sweep's cells are spread over a
 * pool as large as the cores the browser reports (at most 4), so they stream
 * in side by side. A change that makes a search in flight unneeded, and the
 * user's Cancel, terminate the workers (the explorer is synchronous and
 * cannot be interrupted); what is still needed is asked again.
 */
import { memoryBoundOf, questionOf, type QuestionInput } from '../sim/index.ts';
import type { AppStore } from '../store/index.ts';
import { neededVerdicts, type VerdictJobSpec } from '../store/selectors.ts';
import type { AppState } from '../store/types.ts';
import type { VerdictRequest, VerdictResponse } from './protocol.ts';
import workerUrl from 'virtual:verdict-worker-url';

export type WorkerFactory = () => Worker;

/** The worker is a chunk of the page's build (vite.config.ts: verdictWorkerUrl), sharing the simulation chunk. */
export const defaultWorker: WorkerFactory = () => new Worker(workerUrl, { type: 'module' });

/**
 * What the searches of a sweep running side by side may keep together at the
 * state cap. Past it a sweep runs on fewer workers, down to one: slower, and
 * never more than one search's own bound (shown next to the cap), which at the
 * largest caps is itself past this.
 */
export const SWEEP_MEMORY_BYTES = 2 * 1024 ** 3;

/** The workers a sweep may use: as many as there are, while each may keep `boundBytes` and together they stay within SWEEP_MEMORY_BYTES; at least one. */
export function sweepSlots(workers: number, boundBytes: number): number {
  return Math.max(1, Math.min(workers, Math.floor(SWEEP_MEMORY_BYTES / Math.max(1, boundBytes))));
}

/** The most one search of any of these questions keeps at the cap; 0 for one that does not compile (its worker reports why). */
function largestBound(questions: readonly QuestionInput[], cap: number): number {
  let most = 0;
  for (const input of questions) {
    try { most = Math.max(most, memoryBoundOf(questionOf(input), cap)); } catch { /* counted as 0 */ }
  }
  return most;
}

/** The most workers a sweep runs side by side. */
export const MAX_WORKERS = 4;

/** Workers for a sweep: the cores the browser reports, between 1 and MAX_WORKERS. */
export function poolSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 1;
  return Math.max(1, Math.min(MAX_WORKERS, Number.isFinite(n) ? n : 1));
}

export function startVerdictWorker(store: AppStore, make: WorkerFactory = defaultWorker, size: number = poolSize()): () => void {
  const workers: (Worker | null)[] = Array.from({ length: Math.max(1, size) }, () => null);
  let nextId = 0;
  let cap = store.getState().maxStates;
  /** Requests in flight (id -> worker slot) and every key asked and not answered. */
  const live = new Map<number, number>();
  const asked = new Set<string>();
  let rr = 0;

  const onMessage = (ev: MessageEvent<VerdictResponse>) => {
    const m = ev.data;
    if (!live.has(m.id)) return;
    const s = store.getState();
    if (m.type === 'result') { asked.delete(m.key); s.putVerdict(m.key, { verdict: m.verdict, ms: m.ms }); }
    else if (m.type === 'progress') s.putProgress(m.key, { states: m.states, generated: m.generated, ms: m.ms });
    else if (m.type === 'error') {
      asked.delete(m.key);
      s.setVerdictError(`The explorer failed: ${m.message}`);
      s.setVerdictPending(s.verdictPending.filter((k) => k !== m.key));
    } else {
      live.delete(m.id);
      if (live.size === 0) s.setVerdictPending([]);
    }
  };

  const spawn = (): Worker => {
    const w = make();
    w.onmessage = onMessage;
    w.onerror = (e) => {
      store.getState().setVerdictError(`The verdict worker stopped: ${e.message}`);
      store.getState().setVerdictPending([]);
    };
    return w;
  };

  /** Drops every worker with something in flight, and what they were asked. */
  const stopAll = () => {
    const busy = new Set(live.values());
    for (const slot of busy) { workers[slot]?.terminate(); workers[slot] = null; }
    live.clear();
    asked.clear();
  };

  const post = (slot: number, jobs: readonly VerdictJobSpec[]) => {
    if (jobs.length === 0) return;
    const w = (workers[slot] ??= spawn());
    const id = ++nextId;
    live.set(id, slot);
    const req: VerdictRequest = { id, maxStates: cap, jobs: jobs.map((j) => ({ key: j.key, question: j.question })) };
    w.postMessage(req);
  };

  const request = (s: AppState) => {
    const needed = neededVerdicts(s.view);
    const keys = new Set(needed.map((j) => j.key));
    // A search nobody needs any more (or one under another cap) is stopped; the rest is asked again.
    if (s.maxStates !== cap || [...asked].some((k) => !keys.has(k))) {
      stopAll();
      cap = s.maxStates;
    }
    const cancelled = new Set(s.verdictCancelled);
    const jobs = needed.filter((j) => !(j.key in s.verdicts) && !asked.has(j.key) && !cancelled.has(j.key));
    const pending = [...asked].filter((k) => !(k in s.verdicts));
    if (jobs.length === 0) {
      if (s.verdictPending.length !== pending.length) s.setVerdictPending(pending);
      return;
    }
    for (const j of jobs) asked.add(j.key);
    s.setVerdictPending([...pending, ...jobs.map((j) => j.key)]);
    post(0, jobs.filter((j) => j.pool === 'main'));
    const cells = jobs.filter((j) => j.pool === 'sweep');
    if (cells.length) {
      // One request per worker, cells dealt round-robin so each row fills from the left on every core,
      // on as many workers as the memory their searches may keep together allows (the first one also runs the table).
      const n = sweepSlots(workers.length, largestBound(cells.map((c) => c.question), cap));
      const shares: VerdictJobSpec[][] = workers.map(() => []);
      for (const c of cells) shares[rr++ % n]!.push(c);
      shares.forEach((share, slot) => post(slot, share));
    }
  };

  request(store.getState());
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.cancelToken !== prev.cancelToken) { stopAll(); return; }
    if (s.view !== prev.view || s.maxStates !== prev.maxStates || s.verdictCancelled !== prev.verdictCancelled) request(s);
  });
  return () => {
    unsubscribe();
    for (const w of workers) w?.terminate();
  };
}
