import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, verdictOf } from '../sim/index.ts';
import { createAppStore } from '../store/index.ts';
import { neededVerdicts } from '../store/selectors.ts';
import { startVerdictWorker } from './client.ts';
import type { VerdictRequest, VerdictResponse } from './protocol.ts';

/** A worker stand-in that answers synchronously when flushed. */
class FakeWorker {
  onmessage: ((ev: MessageEvent<VerdictResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  queue: VerdictRequest[] = [];
  terminated = false;
  postMessage(req: VerdictRequest) { this.queue.push(req); }
  terminate() { this.terminated = true; }
  flush() {
    for (const req of this.queue.splice(0)) {
      for (const job of req.jobs) {
        const verdict = verdictOf({ scenario: req.scenario, kernel: req.kernel, fixes: [...job.fixes], params: req.params, mode: job.mode }, { maxStates: req.maxStates });
        this.onmessage?.({ data: { id: req.id, type: 'result', key: job.key, verdict, ms: 1 } } as MessageEvent<VerdictResponse>);
      }
      this.onmessage?.({ data: { id: req.id, type: 'done' } } as MessageEvent<VerdictResponse>);
    }
  }
}

describe('verdict worker client', () => {
  it('asks for every needed verdict once, caches them, and only asks for new keys later', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const workers: FakeWorker[] = [];
    const stop = startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; });
    expect(store.getState().verdictPending).toHaveLength(10);
    workers[0]!.flush();
    expect(store.getState().verdictPending).toEqual([]);
    expect(Object.keys(store.getState().verdicts)).toHaveLength(10);
    // A fix combination outside the table: one more pair of jobs on the same worker.
    store.getState().toggleFix('notifier-sleep');
    store.getState().toggleFix('srcu-drain');
    expect(workers).toHaveLength(1);
    expect(workers[0]!.queue.at(-1)!.jobs.map((j) => j.fixes.join('+'))).toEqual(['notifier-sleep+srcu-drain', 'notifier-sleep+srcu-drain']);
    workers[0]!.flush();
    for (const j of neededVerdicts(store.getState().view)) expect(store.getState().verdicts[j.key]).toBeDefined();
    stop();
  });

  it('cancels work in flight when the parameters change', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; });
    store.getState().setParam('at', '700us');
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    workers[0]!.flush(); // stale answers are ignored
    expect(Object.keys(store.getState().verdicts)).toHaveLength(0);
    workers[1]!.flush();
    expect(store.getState().verdictPending).toEqual([]);
    expect(Object.keys(store.getState().verdicts)).toHaveLength(10);
  });
});
