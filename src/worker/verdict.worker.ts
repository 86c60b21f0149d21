/**
 * Runs the explorer off the main thread, one verdict (or one check of a
 * verdict over every unbind start, startsCheck.ts, whose module loads with
 * the first check) at a time, posting each
 * as soon as it is known so the table fills in progressively, and the
 * progress of a long search (states so far, elapsed, whether it has proved
 * Sometimes yet) every quarter second.
 * The explorer is synchronous: cancelling is the client terminating this worker.
 */
import { questionOf, type ExploreProgress } from '../sim/index.ts';
// Not from the barrel: the searches then stay out of the page's first chunk (searchRun.ts, startsCheckRun.ts).
import { stateVerdictOf, wantsModular } from '../sim/searchRun.ts';
import type { RaceAnswer, VerdictRequest, VerdictResponse } from './protocol.ts';
import type * as StartsRun from '../sim/startsCheckRun.ts';
import type * as ModularRun from '../sim/modularRun.ts';

/** A module loaded on first use; one that failed to load is that job's error, and is fetched again for the next. */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= load().catch((err: unknown) => { p = null; throw err; }));
}
/** The check over every start, loaded with its first job: a view in mode any never asks for one. */
const startsRun = lazy<typeof StartsRun>(() => import('../sim/startsCheckRun.ts'));
/** The modular search, loaded when a search or a check over every start first stops at the cap without a fault. */
const modularRun = lazy<typeof ModularRun>(() => import('../sim/modularRun.ts'));

interface WorkerScope {
  onmessage: ((ev: MessageEvent<VerdictRequest | RaceAnswer>) => void) | null;
  postMessage(msg: VerdictResponse): void;
}

const scope = self as unknown as WorkerScope;
const PROGRESS_MS = 250;

/** The search waiting for the page's answer to its `capped` (one at a time: requests run one after another), and its key. */
let waiting: ((given: RaceAnswer['given']) => void) | undefined;
let waitingKey = '';

/** Requests run one after another, in the order they came (a check may wait for its module); an answer to `capped` at once. */
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (ev) => {
  const m = ev.data;
  if (!('type' in m)) queue = queue.then(() => answer(m));
  else if (m.key === waitingKey) { waiting?.(m.given); waiting = undefined; }
};

/**
 * The search of `key` stopped at the cap without a fault: the modular search another worker may have run (or be
 * running) beside it, which the page hands over (client.ts, races.ts), or null: run it here.
 */
function racedFor(id: number, key: string): Promise<RaceAnswer['given']> {
  return new Promise((resolve) => {
    waiting = resolve;
    waitingKey = key;
    scope.postMessage({ id, type: 'capped', key });
  });
}

async function answer(req: VerdictRequest): Promise<void> {
  for (const job of req.jobs) {
    let t0 = performance.now();
    let next = PROGRESS_MS;
    const onProgress = (p: ExploreProgress) => {
      const ms = performance.now() - t0;
      if (ms < next) return;
      next = ms + PROGRESS_MS;
      scope.postMessage({ id: req.id, type: 'progress', key: job.key, ...p, ms });
    };
    try {
      if (job.race) {
        // The modular search alone, within the bound the search of this key would give it after the cap.
        const given = (await modularRun()).racedModular(job.question, !!job.starts, req.maxStates, onProgress);
        scope.postMessage({ id: req.id, type: 'raced', key: job.key, given });
        continue;
      }
      if (job.starts) {
        const { symbolicStartsCheckOf, wantsStartsModular } = await startsRun();
        t0 = performance.now();
        const q = questionOf(job.question);
        let check = symbolicStartsCheckOf(q, { verdict: job.starts, incomplete: false }, { maxStates: req.maxStates, onProgress });
        if (!check) throw new Error('this question has no check over every start');
        if (wantsStartsModular(check)) {
          const given = await racedFor(req.id, job.key);
          check = (await modularRun()).startsWithModular(q, check, onProgress, given);
        }
        scope.postMessage({ id: req.id, type: 'starts', key: job.key, check, ms: performance.now() - t0 });
        continue;
      }
      let verdict = stateVerdictOf(job.question, { maxStates: req.maxStates, onProgress, speedcheck: req.speedcheck });
      if (wantsModular(verdict)) {
        const given = await racedFor(req.id, job.key);
        const { withModular } = await modularRun();
        verdict = withModular(job.question, verdict, onProgress, given);
      }
      scope.postMessage({ id: req.id, type: 'result', key: job.key, verdict, ms: performance.now() - t0 });
    } catch (err) {
      scope.postMessage({ id: req.id, type: 'error', key: job.key, message: err instanceof Error ? err.message : String(err) });
    }
  }
  scope.postMessage({ id: req.id, type: 'done' });
}
