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
import type { VerdictRequest, VerdictResponse } from './protocol.ts';
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
  onmessage: ((ev: MessageEvent<VerdictRequest>) => void) | null;
  postMessage(msg: VerdictResponse): void;
}

const scope = self as unknown as WorkerScope;
const PROGRESS_MS = 250;

/** Requests run one after another, in the order they came (a check may wait for its module). */
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (ev) => { queue = queue.then(() => answer(ev.data)); };

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
      if (job.starts) {
        const { symbolicStartsCheckOf, wantsStartsModular } = await startsRun();
        t0 = performance.now();
        const q = questionOf(job.question);
        let check = symbolicStartsCheckOf(q, { verdict: job.starts, incomplete: false }, { maxStates: req.maxStates, onProgress });
        if (!check) throw new Error('this question has no check over every start');
        if (wantsStartsModular(check)) check = (await modularRun()).startsWithModular(q, check, onProgress);
        scope.postMessage({ id: req.id, type: 'starts', key: job.key, check, ms: performance.now() - t0 });
        continue;
      }
      let verdict = stateVerdictOf(job.question, { maxStates: req.maxStates, onProgress, speedcheck: req.speedcheck });
      if (wantsModular(verdict)) {
        const { withModular } = await modularRun();
        verdict = withModular(job.question, verdict, onProgress);
      }
      scope.postMessage({ id: req.id, type: 'result', key: job.key, verdict, ms: performance.now() - t0 });
    } catch (err) {
      scope.postMessage({ id: req.id, type: 'error', key: job.key, message: err instanceof Error ? err.message : String(err) });
    }
  }
  scope.postMessage({ id: req.id, type: 'done' });
}
