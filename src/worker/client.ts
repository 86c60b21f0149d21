/**
 * Asks the verdict worker for whatever the verdict panel needs and is not
 * cached yet. A new scenario, parameter set or state cap cancels the jobs in
 * flight by terminating the worker (the explorer is synchronous and cannot be
 * interrupted), and so does the user's Cancel.
 */
import type { AppStore } from '../store/index.ts';
import { neededVerdicts } from '../store/selectors.ts';
import type { AppState } from '../store/types.ts';
import type { VerdictRequest, VerdictResponse } from './protocol.ts';

export type WorkerFactory = () => Worker;

export const defaultWorker: WorkerFactory = () => new Worker(new URL('./verdict.worker.ts', import.meta.url), { type: 'module' });

export function startVerdictWorker(store: AppStore, make: WorkerFactory = defaultWorker): () => void {
  let worker: Worker | null = null;
  let nextId = 0;
  /** Scenario + params + cap the live requests are for, their ids, and every key asked. */
  let base = '';
  const live = new Set<number>();
  const asked = new Set<string>();

  const baseOf = (s: AppState) => `${s.view.scenario}|${s.view.kernel}|${JSON.stringify(s.view.params)}|${s.maxStates}`;

  const onMessage = (ev: MessageEvent<VerdictResponse>) => {
    const m = ev.data;
    if (!live.has(m.id)) return;
    const s = store.getState();
    if (m.type === 'result') s.putVerdict(m.key, { verdict: m.verdict, ms: m.ms });
    else if (m.type === 'progress') s.putProgress(m.key, { states: m.states, generated: m.generated, ms: m.ms });
    else if (m.type === 'error') {
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

  /** Drops the worker and everything in flight. */
  const stopAll = () => {
    if (live.size) { worker?.terminate(); worker = null; }
    live.clear();
    asked.clear();
  };

  const request = (s: AppState) => {
    const b = baseOf(s);
    if (b !== base) {
      stopAll();
      base = b;
    }
    const cancelled = new Set(s.verdictCancelled);
    const jobs = neededVerdicts(s.view).filter((j) => !(j.key in s.verdicts) && !asked.has(j.key) && !cancelled.has(j.key));
    const pending = [...asked].filter((k) => !(k in s.verdicts));
    if (jobs.length === 0) {
      if (s.verdictPending.length !== pending.length) s.setVerdictPending(pending);
      return;
    }
    worker ??= spawn();
    const id = ++nextId;
    for (const j of jobs) asked.add(j.key);
    live.add(id);
    s.setVerdictPending([...pending, ...jobs.map((j) => j.key)]);
    const req: VerdictRequest = {
      id, scenario: s.view.scenario, kernel: s.view.kernel, params: s.view.params, maxStates: s.maxStates, jobs: jobs.map(({ key, fixes, mode, params }) => (params ? { key, fixes, mode, params } : { key, fixes, mode })),
    };
    worker.postMessage(req);
  };

  request(store.getState());
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.cancelToken !== prev.cancelToken) { stopAll(); return; }
    if (s.view !== prev.view || s.maxStates !== prev.maxStates || s.verdictCancelled !== prev.verdictCancelled) request(s);
  });
  return () => {
    unsubscribe();
    worker?.terminate();
  };
}
