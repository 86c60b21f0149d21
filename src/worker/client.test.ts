import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_VIEW, memoryBoundOf, questionKey, questionOf, startsCheckKey, type Verdict } from '../sim/index.ts';
import { verdictOf } from '../sim/verdictRun.ts';
import { startsCheckOf } from '../sim/verdictRun.ts';
import { createAppStore } from '../store/index.ts';
import { neededVerdicts, sweepJobs } from '../store/selectors.ts';
import { POOL_MEMORY_BYTES, SPAWN_AFTER_MS, poolSlots, startVerdictWorker } from './client.ts';
import type { VerdictJob, VerdictRequest, VerdictResponse } from './protocol.ts';

/** A worker stand-in that answers synchronously when flushed (the jobs it is given meanwhile too). */
class FakeWorker {
  onmessage: ((ev: MessageEvent<VerdictResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  queue: VerdictRequest[] = [];
  /** Every job it was given, in order. */
  given: VerdictJob[] = [];
  terminated = false;
  postMessage(req: VerdictRequest) { this.queue.push(req); this.given.push(...req.jobs); }
  terminate() { this.terminated = true; }
  /** Answers its oldest request with `verdict` for every job. */
  reply(verdict: Verdict) {
    const req = this.queue.shift()!;
    for (const job of req.jobs) this.onmessage?.({ data: { id: req.id, type: 'result', key: job.key, verdict, ms: 1 } } as MessageEvent<VerdictResponse>);
    this.onmessage?.({ data: { id: req.id, type: 'done' } } as MessageEvent<VerdictResponse>);
  }
  flush() {
    while (this.queue.length) {
      const req = this.queue.shift()!;
      for (const job of req.jobs) {
        if (job.starts) {
          const check = startsCheckOf(questionOf(job.question), { verdict: job.starts, incomplete: false }, { maxStates: req.maxStates })!;
          this.onmessage?.({ data: { id: req.id, type: 'starts', key: job.key, check, ms: 1 } } as MessageEvent<VerdictResponse>);
          continue;
        }
        const verdict = verdictOf(job.question, { maxStates: req.maxStates, speedcheck: req.speedcheck });
        this.onmessage?.({ data: { id: req.id, type: 'result', key: job.key, verdict, ms: 1 } } as MessageEvent<VerdictResponse>);
      }
      this.onmessage?.({ data: { id: req.id, type: 'done' } } as MessageEvent<VerdictResponse>);
    }
  }
}

/** Flushes the workers until none has anything left. */
const flushAll = (workers: FakeWorker[]) => {
  while (workers.some((w) => w.queue.length)) for (const w of workers) w.flush();
};

describe('verdict worker client', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('asks for every needed verdict once, caches them, and only asks for new keys later', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const workers: FakeWorker[] = [];
    const stop = startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 1);
    expect(store.getState().verdictPending).toHaveLength(10);
    workers[0]!.flush();
    expect(store.getState().verdictPending).toEqual([]);
    expect(Object.keys(store.getState().verdicts)).toHaveLength(10);
    expect(workers[0]!.given).toHaveLength(10);
    // A fix combination outside the table: one more pair of jobs on the same worker.
    store.getState().toggleFix('notifier-sleep');
    store.getState().toggleFix('srcu-drain');
    expect(workers).toHaveLength(1);
    workers[0]!.flush();
    expect(workers[0]!.given.slice(10).map((j) => j.question.fixes.join('+'))).toEqual(['notifier-sleep+srcu-drain', 'notifier-sleep+srcu-drain']);
    for (const j of neededVerdicts(store.getState().view)) expect(store.getState().verdicts[j.key]).toBeDefined();
    stop();
  });

  it('once a timed headline is a complete Never, checks it over every unbind start, apart from the verdicts', () => {
    const view = { ...DEFAULT_VIEW, fixes: ['srcu-drain'], mode: 'timed' as const };
    const store = createAppStore(view);
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 1);
    // Asked only once the verdict is in: the first request holds no check.
    expect(workers[0]!.given.some((j) => j.starts)).toBe(false);
    flushAll(workers);
    const q = questionOf(view);
    const key = startsCheckKey(q, 'Never');
    expect(store.getState().verdicts[questionKey(q)]!.verdict.verdict).toBe('Never');
    expect(workers[0]!.given.filter((j) => j.starts).map((j) => [j.key, j.starts])).toEqual([[key, 'Never']]);
    expect(store.getState().startsChecks[key]!.check.holds).toBe(true);
    expect(key in store.getState().verdicts).toBe(false);
    expect(store.getState().verdictPending).toEqual([]);
  });

  it('a job that failed is not asked again on every later answer, only when the view changes', () => {
    const view = { ...DEFAULT_VIEW, fixes: ['srcu-drain'], mode: 'timed' as const };
    const store = createAppStore(view);
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 1);
    const w = workers[0]!;
    // The check fails in the worker; every verdict is answered (one request at a time).
    while (w.queue.length) {
      const req = w.queue.shift()!;
      const job = req.jobs[0]!;
      const data: VerdictResponse = job.starts
        ? { id: req.id, type: 'error', key: job.key, message: 'boom' }
        : { id: req.id, type: 'result', key: job.key, verdict: verdictOf(job.question), ms: 1 };
      w.onmessage?.({ data } as MessageEvent<VerdictResponse>);
      w.onmessage?.({ data: { id: req.id, type: 'done' } } as MessageEvent<VerdictResponse>);
    }
    const checks = () => workers.flatMap((x) => x.given).filter((j) => j.starts).length;
    expect(checks()).toBe(1);
    expect(store.getState().verdictError).toMatch(/boom/);
    expect(store.getState().verdictPending).toEqual([]);
    // Another answer arrives: the failed check is not asked again.
    store.getState().putVerdict('elsewhere', { verdict: verdictOf(view), ms: 1 });
    expect(checks()).toBe(1);
    // A change of the view asks again.
    store.getState().setParam('read', '6ms');
    store.getState().setParam('read', '5ms');
    flushAll(workers);
    expect(checks()).toBe(2);
  });

  it('when the view changes, stops only the searches nobody needs any more, and asks the rest in the new order', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 1);
    // The headline's question (mode any) is being searched; `at` changes every timed question and none in mode any.
    expect(workers[0]!.given.map((j) => j.question.mode)).toEqual(['any']);
    store.getState().setParam('at', '700us');
    expect(workers[0]!.terminated).toBe(false);
    flushAll(workers);
    const needed = neededVerdicts(store.getState().view);
    expect(workers[0]!.given.map((j) => j.key)).toEqual(needed.map((j) => j.key));
    expect(store.getState().verdictPending).toEqual([]);
    // A change of kernel changes every question: the search in flight is stopped, and its late answer ignored.
    store.getState().setKernel('6.12.117');
    expect(workers[0]!.given).toHaveLength(11);
    store.getState().setKernel('mainline');
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    workers[0]!.flush();
    expect(Object.keys(store.getState().verdicts)).toHaveLength(10);
    workers[1]!.flush();
    expect(store.getState().verdictPending).toEqual([]);
    expect(Object.keys(store.getState().verdicts)).toHaveLength(20);
    for (const j of neededVerdicts(store.getState().view)) expect(store.getState().verdicts[j.key]).toBeDefined();
  });

  it('a view change that needs nothing new still stops what is not needed and gives the new headline first to the worker it freed', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'devres-order', fixes: ['notifier-sleep', 'srcu-drain'] });
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 1);
    expect(workers[0]!.given.map((j) => j.question.fixes.join('+'))).toEqual(['notifier-sleep+srcu-drain']);
    // The new headline's question (notifier-sleep alone) is a row of the table, already asked.
    store.getState().toggleFix('srcu-drain');
    expect(workers[0]!.terminated).toBe(true);
    const needed = neededVerdicts(store.getState().view);
    expect(workers[1]!.given.map((j) => j.key)).toEqual([needed[0]!.key]);
    flushAll(workers);
    expect(workers[1]!.given.map((j) => j.key)).toEqual(needed.map((j) => j.key));
    expect(store.getState().verdictPending).toEqual([]);
    for (const j of needed) expect(store.getState().verdicts[j.key]).toBeDefined();
  });

  it('gives a worker its next job on its answer, before the store (and the page drawing it) hears the answer', () => {
    const canned = verdictOf({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 1);
    const jobsWhenHeard: number[] = [];
    const unsubscribe = store.subscribe((s, prev) => { if (s.verdicts !== prev.verdicts) jobsWhenHeard.push(workers[0]!.given.length); });
    workers[0]!.reply(canned);
    workers[0]!.reply(canned);
    unsubscribe();
    // Each answer's store update found the worker already given the job after it.
    expect(jobsWhenHeard).toEqual([2, 3]);
    // The `done` that follows each answer gave nothing twice: one request each.
    expect(workers[0]!.queue).toHaveLength(1);
    expect(new Set(workers[0]!.given.map((j) => j.key)).size).toBe(workers[0]!.given.length);
  });

  it('starts another worker only when no search has ended for SPAWN_AFTER_MS; Cancel stops everything', () => {
    vi.useFakeTimers();
    const canned = verdictOf({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 2);
    vi.advanceTimersByTime(SPAWN_AFTER_MS - 50);
    workers[0]!.reply(canned); // a search ends: the first worker takes the next job, and the wait starts again
    expect(workers[0]!.given).toHaveLength(2);
    vi.advanceTimersByTime(SPAWN_AFTER_MS - 1);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.given).toHaveLength(1);
    // Cancel stops both searches; every cell left says cancelled, and nothing runs.
    store.getState().cancelVerdicts();
    expect(workers.map((w) => w.terminated)).toEqual([true, true]);
    expect(store.getState().verdictPending).toEqual([]);
    expect(store.getState().verdictCancelled).toHaveLength(9);
    store.getState().retryVerdicts();
    vi.useRealTimers();
    flushAll(workers);
    expect(store.getState().verdictPending).toEqual([]);
    for (const j of neededVerdicts(store.getState().view)) expect(store.getState().verdicts[j.key]).toBeDefined();
  });

  it('a search cancelled after its progress said Sometimes keeps that answer, until it is asked again', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 1);
    const req = workers[0]!.queue[0]!;
    const key = req.jobs[0]!.key;
    const progress = (sometimes: boolean) => workers[0]!.onmessage?.({ data: { id: req.id, type: 'progress', key, states: 10, generated: 20, ms: 300, sometimes } } as MessageEvent<VerdictResponse>);
    progress(false);
    expect(store.getState().verdictProgress[key]).toEqual({ states: 10, generated: 20, ms: 300, sometimes: false });
    progress(true);
    expect(store.getState().verdictProgress[key]?.sometimes).toBe(true);
    store.getState().cancelVerdicts();
    // Only the search that said so; the others were cancelled with nothing proved.
    expect(store.getState().cancelledProved).toEqual({ [key]: 'Sometimes' });
    expect(store.getState().verdictCancelled.length).toBeGreaterThan(1);
    expect(store.getState().verdictProgress).toEqual({});
    store.getState().retryVerdicts();
    expect(store.getState().cancelledProved).toEqual({});
    // Said and cancelled again on the new worker, then a new cap: asked again, and forgotten.
    const w = workers.at(-1)!;
    const again = w.queue[0]!;
    w.onmessage?.({ data: { id: again.id, type: 'progress', key: again.jobs[0]!.key, states: 1, generated: 1, ms: 300, sometimes: true } } as MessageEvent<VerdictResponse>);
    store.getState().cancelVerdicts();
    expect(store.getState().cancelledProved).toEqual({ [again.jobs[0]!.key]: 'Sometimes' });
    store.getState().setMaxStates(5_000_000);
    expect(store.getState().cancelledProved).toEqual({});
  });

  it('stopping at the verdict asks every search again with it; turning it off asks again only what it cut short', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'qspi-unbind', params: { readers: 2 } });
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 1);
    const given = () => workers.reduce((n, w) => n + w.given.length, 0);
    flushAll(workers);
    const full = store.getState().verdicts;
    expect(Object.values(full).some((r) => r.verdict.speedcheck)).toBe(false);
    // On: every answer stays true, so nothing is asked again; what a new view needs is asked with it.
    const before = given();
    store.getState().setSpeedcheck(true);
    flushAll(workers);
    expect(given()).toBe(before);
    expect(store.getState().verdicts).toEqual(full);
    // Mainline: the fixes' rows are Nevers there, the others Sometimes.
    store.getState().setKernel('mainline');
    for (const r of workers.flatMap((w) => w.queue)) expect(r.speedcheck).toBe(true);
    flushAll(workers);
    const fast = Object.entries(store.getState().verdicts).filter(([k]) => !(k in full));
    const cut = fast.filter(([, r]) => r.verdict.speedcheck === true);
    expect(cut.length).toBeGreaterThan(0);
    // Only a Sometimes stops early; a Never is the whole search either way.
    for (const [, r] of fast) if (r.verdict.speedcheck) expect(r.verdict).toMatchObject({ verdict: 'Sometimes', incomplete: true });
    expect(fast.some(([, r]) => r.verdict.verdict === 'Never' && !r.verdict.incomplete)).toBe(true);
    // Off: the answers it cut short are dropped and asked again as whole searches; the others stay.
    const at = given();
    store.getState().setSpeedcheck(false);
    const kept = store.getState().verdicts;
    for (const [k, r] of fast) expect(k in kept).toBe(r.verdict.speedcheck !== true);
    for (const r of workers.flatMap((w) => w.queue)) expect(r.speedcheck).toBe(false);
    flushAll(workers);
    expect(given() - at).toBe(cut.length);
    for (const [k] of cut) expect(store.getState().verdicts[k]!.verdict.speedcheck).toBeUndefined();
  });

  it('a stop starts the wait for more workers again', () => {
    vi.useFakeTimers();
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 2);
    vi.advanceTimersByTime(SPAWN_AFTER_MS - 50);
    store.getState().cancelVerdicts();
    // Asked again: one new worker at once, a second only after a whole new wait.
    store.getState().retryVerdicts();
    expect(workers).toHaveLength(2);
    vi.advanceTimersByTime(SPAWN_AFTER_MS - 1);
    expect(workers).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(workers).toHaveLength(3);
  });

  it('a worker that stops on an error stops the searches and says so; a late error from a stopped worker changes nothing', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const workers: FakeWorker[] = [];
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 1);
    workers[0]!.onerror?.({ message: 'out of memory' } as ErrorEvent);
    expect(workers[0]!.terminated).toBe(true);
    expect(store.getState().verdictError).toBe('The verdict worker stopped: out of memory');
    expect(store.getState().verdictPending).toEqual([]);
    // A change of view asks again, on a new worker; the dead one's late error is ignored.
    store.getState().setKernel('6.12.117');
    store.getState().setVerdictError(null);
    workers[0]!.onerror?.({ message: 'late' } as ErrorEvent);
    expect(store.getState().verdictError).toBeNull();
    expect(store.getState().verdictPending).toHaveLength(10);
    flushAll(workers);
    expect(store.getState().verdictPending).toEqual([]);
    for (const j of neededVerdicts(store.getState().view)) expect(store.getState().verdicts[j.key]).toBeDefined();
  });

  it('deals the headline, the table, side B of a comparison and a sweep\'s cells over the pool, in that order, the headline first on the first worker', () => {
    const view = { ...DEFAULT_VIEW, scenario: 'devres-order' as const, mode: 'timed' as const, cmp: ['devres-group' as const], sweep: { x: { param: 'at' as const, from: 0, to: 2000, steps: 4 }, y: null } };
    const store = createAppStore(view);
    const workers: FakeWorker[] = [];
    vi.useFakeTimers();
    startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 3);
    const needed = neededVerdicts(view);
    // The headline's question on the first worker; more workers only once it has searched for SPAWN_AFTER_MS.
    expect(workers.map((w) => w.given.map((j) => j.key))).toEqual([[needed[0]!.key]]);
    vi.advanceTimersByTime(SPAWN_AFTER_MS - 1);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    vi.useRealTimers();
    // One job per worker at a time: the first three needed.
    expect(workers.map((w) => w.given.map((j) => j.key))).toEqual(needed.slice(0, 3).map((j) => [j.key]));
    // Whichever worker is free takes the next: the second worker finishing first is given the fourth.
    workers[1]!.flush();
    // (With side B's check over every start, asked once its Never came in, in its place in the order needed.)
    const now = neededVerdicts(view, store.getState().verdicts);
    expect(now).toHaveLength(needed.length + 1);
    expect(workers[1]!.given.map((j) => j.key)).toEqual(now.slice(1).filter((_, i) => i !== 1).map((j) => j.key));
    flushAll(workers);
    // Side B and every cell were given once each; then, its Never in, side B's check over every start.
    const given = workers.flatMap((w) => w.given.map((j) => j.key));
    const checks = workers.flatMap((w) => w.given.filter((j) => j.starts));
    expect(checks.map((j) => [j.question.fixes.join(), j.starts])).toEqual([['devres-group', 'Never']]);
    expect([...given].sort()).toEqual([...needed.map((j) => j.key), ...checks.map((j) => j.key)].sort());
    expect(store.getState().startsChecks[checks[0]!.key]!.check.holds).toBe(true);
    expect(needed.some((j) => j.question.fixes.join() === 'devres-group' && j.question.mode === 'timed')).toBe(true);
    const cells = new Set(sweepJobs(view).map((j) => j.key));
    expect(needed.filter((j) => cells.has(j.key)).map((j) => j.question.params.at)).toEqual([0, 667, 1333, 2000]);
    expect(store.getState().verdictPending).toEqual([]);
    for (const j of neededVerdicts(store.getState().view)) expect(store.getState().verdicts[j.key]).toBeDefined();
  });

  it('never runs more searches at once than POOL_MEMORY_BYTES allows for the largest of them at the cap', () => {
    const sweep = { x: { param: 'at' as const, from: 0, to: 3000, steps: 4 }, y: null };
    // Every job answered with one canned verdict (the searches themselves are not what is tested), one at a time.
    const canned = verdictOf({ ...DEFAULT_VIEW, scenario: 'devres-order' });
    const dealt = (view: typeof DEFAULT_VIEW, cap: number) => {
      const store = createAppStore(view);
      store.getState().setMaxStates(cap);
      const workers: FakeWorker[] = [];
      vi.useFakeTimers();
      const stop = startVerdictWorker(store, () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, 4);
      let most = 0;
      // Before each answer the searches running have lasted long enough for the pool to grow.
      const inFlight = () => { vi.advanceTimersByTime(SPAWN_AFTER_MS); return workers.filter((w) => w.queue.length); };
      for (let busy = inFlight(); busy.length; busy = inFlight()) {
        const largest = Math.max(...busy.map((w) => memoryBoundOf(questionOf(w.queue[0]!.jobs[0]!.question), cap)));
        expect(busy.length).toBeLessThanOrEqual(poolSlots(4, largest));
        most = Math.max(most, busy.length);
        busy[0]!.reply(canned);
      }
      vi.useRealTimers();
      expect(store.getState().verdictPending).toEqual([]);
      expect(Object.keys(store.getState().verdicts)).toHaveLength(neededVerdicts(view).length);
      stop();
      return { most, bound: memoryBoundOf(questionOf(view), cap) };
    };
    // Eight readers and an eraser, timed, at the largest cap: each search may keep gigabytes.
    const big = dealt({ ...DEFAULT_VIEW, scenario: 'qspi-unbind', mode: 'timed', params: { readers: 8, erase: 2_000_000 }, sweep }, 20_000_000);
    expect(big.bound).toBeGreaterThan(POOL_MEMORY_BYTES / 2);
    expect(big.most).toBe(poolSlots(4, big.bound));
    expect(big.most).toBeLessThan(4);
    // One reader at the default cap: every worker.
    const small = dealt({ ...DEFAULT_VIEW, scenario: 'qspi-unbind', mode: 'timed', sweep }, 1_000_000);
    expect(small.most).toBe(4);
  });
});
