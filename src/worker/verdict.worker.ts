/**
 * Runs the explorer off the main thread, one verdict at a time, posting each
 * as soon as it is known so the table fills in progressively.
 */
import { verdictOf } from '../sim/index.ts';
import type { VerdictRequest, VerdictResponse } from './protocol.ts';

interface WorkerScope {
  onmessage: ((ev: MessageEvent<VerdictRequest>) => void) | null;
  postMessage(msg: VerdictResponse): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (ev) => {
  const req = ev.data;
  for (const job of req.jobs) {
    const t0 = performance.now();
    try {
      const verdict = verdictOf({ scenario: req.scenario, fixes: [...job.fixes], params: req.params, mode: job.mode });
      scope.postMessage({ id: req.id, type: 'result', key: job.key, verdict, ms: performance.now() - t0 });
    } catch (err) {
      scope.postMessage({ id: req.id, type: 'error', key: job.key, message: err instanceof Error ? err.message : String(err) });
    }
  }
  scope.postMessage({ id: req.id, type: 'done' });
};
