import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, memoryBoundOf, questionOf, verdictOf } from '../sim/index.ts';
import { createAppStore } from '../store/index.ts';
import { neededVerdicts } from '../store/selectors.ts';
import { SWEEP_MEMORY_BYTES, startVerdictWorker, sweepSlots } from './client.ts';
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
        const verdict = verdictOf(job.question, { maxStates: req.maxStates });
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
    const stop = startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 1);
    expect(store.getState().verdictPending).toHaveLength(10);
    workers[0]!.flush();
    expect(store.getState().verdictPending).toEqual([]);
    expect(Object.keys(store.getState().verdicts)).toHaveLength(10);
    // A fix combination outside the table: one more pair of jobs on the same worker.
    store.getState().toggleFix('notifier-sleep');
    store.getState().toggleFix('srcu-drain');
    expect(workers).toHaveLength(1);
    expect(workers[0]!.queue.at(-1)!.jobs.map((j) => j.question.fixes.join('+'))).toEqual(['notifier-sleep+srcu-drain', 'notifier-sleep+srcu-drain']);
    workers[0]!.flush();
    for (const j of neededVerdicts(store.getState().view)) expect(store.getState().verdicts[j.key]).toBeDefined();
    stop();
  });

  it('cancels work in flight when the parameters change', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 1);
    store.getState().setParam('at', '700us');
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    workers[0]!.flush(); // stale answers are ignored
    expect(Object.keys(store.getState().verdicts)).toHaveLength(0);
    workers[1]!.flush();
    expect(store.getState().verdictPending).toEqual([]);
    expect(Object.keys(store.getState().verdicts)).toHaveLength(10);
  });

  it('spreads a sweep\'s cells over the pool, the table on the first worker, and asks side B of a comparison', () => {
    const view = { ...DEFAULT_VIEW, scenario: 'devres-order' as const, mode: 'timed' as const, cmp: ['devres-group' as const], sweep: { x: { param: 'at' as const, from: 0, to: 2000, steps: 4 }, y: null } };
    const store = createAppStore(view);
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 3);
    expect(workers).toHaveLength(3);
    const main = workers[0]!.queue[0]!.jobs;
    expect(main.some((j) => j.question.fixes.join() === 'devres-group' && j.question.mode === 'timed')).toBe(true);
    const cells = workers.flatMap((w) => w.queue.slice(w === workers[0] ? 1 : 0).flatMap((r) => r.jobs));
    expect(cells.map((j) => j.question.params.at).sort((a, b) => Number(a) - Number(b))).toEqual([0, 667, 1333, 2000]);
    for (const w of workers) w.flush();
    expect(store.getState().verdictPending).toEqual([]);
    for (const j of neededVerdicts(store.getState().view)) expect(store.getState().verdicts[j.key]).toBeDefined();
  });

  it('runs a sweep on fewer workers when their searches at the cap would keep more than SWEEP_MEMORY_BYTES together', () => {
    const sweep = { x: { param: 'at' as const, from: 0, to: 3000, steps: 4 }, y: null };
    const dealt = (view: typeof DEFAULT_VIEW, cap: number) => {
      const store = createAppStore(view);
      store.getState().setMaxStates(cap);
      const workers: FakeWorker[] = [];
      const stop = startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 4);
      const cells = new Set(neededVerdicts(store.getState().view).filter((j) => j.pool === 'sweep').map((j) => j.key));
      expect(cells.size).toBe(4);
      const used = workers.filter((w) => w.queue.some((r) => r.jobs.some((j) => cells.has(j.key)))).length;
      stop();
      return { used, bound: memoryBoundOf(questionOf(view), cap) };
    };
    // Eight readers and an eraser, timed, at the largest cap: each search may keep gigabytes.
    const big = dealt({ ...DEFAULT_VIEW, scenario: 'qspi-unbind', mode: 'timed', params: { readers: 8, erase: 2_000_000 }, sweep }, 20_000_000);
    expect(big.bound).toBeGreaterThan(SWEEP_MEMORY_BYTES / 2);
    expect(big.used).toBe(sweepSlots(4, big.bound));
    expect(big.used).toBeLessThan(4);
    // One reader at the default cap: every worker.
    const small = dealt({ ...DEFAULT_VIEW, scenario: 'qspi-unbind', mode: 'timed', sweep }, 1_000_000);
    expect(small.used).toBe(4);
  });
});
