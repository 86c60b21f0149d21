/**
 * The pool with the real worker (verdict.worker.ts on Node threads, through tsx) and the real client: a search that
 * runs past RACE_AFTER_MS gets a race on an idle worker, and every answer of the table is the one verdictOf gives
 * without any race.
 */
import { Worker as NodeWorker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { DEFAULT_VIEW, questionKey, questionOf } from '../sim/index.ts';
import { verdictOf } from '../sim/verdictRun.ts';
import { createAppStore } from '../store/index.ts';
import { neededVerdicts } from '../store/selectors.ts';
import { startVerdictWorker } from './client.ts';
import type { VerdictRequest } from './protocol.ts';

/** verdict.worker.ts on a Node thread, as a browser Worker to the client: `self` is the thread's port. */
function nodeWorker(posted: VerdictRequest[]): Worker {
  const entry = new URL('./verdict.worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const t = new NodeWorker(`const { parentPort } = require('node:worker_threads');
globalThis.self = { postMessage: (m) => parentPort.postMessage(m), onmessage: null };
const early = [];
parentPort.on('message', (data) => (self.onmessage ? self.onmessage({ data }) : early.push(data)));
(async () => {
  (await import(${JSON.stringify(tsx)})).register();
  await import(${JSON.stringify(entry)});
  for (const data of early) self.onmessage({ data });
})();`, { eval: true });
  const w = {
    onmessage: null as ((ev: MessageEvent) => void) | null,
    onerror: null,
    postMessage(m: VerdictRequest) { if ('jobs' in m) posted.push(m); t.postMessage(m); },
    terminate() { void t.terminate(); },
  };
  t.on('message', (data) => w.onmessage?.({ data } as MessageEvent));
  return w as unknown as Worker;
}

it('races on real workers: a long search gets its modular search beside it, and the table is the one verdictOf gives', async () => {
  // Four readers at a 60,000-state cap, stopping at the verdict: the Sometimes rows end at once; the drain's rows
  // (Never) search to the cap, then need the modular search.
  const view = { ...DEFAULT_VIEW, scenario: 'flash-unbind' as const, kernel: 'mainline' as const, fixes: ['srcu-drain'], params: { readers: 4 } };
  const store = createAppStore(view);
  store.getState().setMaxStates(60_000);
  store.getState().setSpeedcheck(true);
  const posted: VerdictRequest[] = [];
  const stop = startVerdictWorker(store, () => nodeWorker(posted), 3);
  try {
    const jobs = neededVerdicts(store.getState().view, {});
    for (let i = 0; i < 1200 && !jobs.every((j) => j.key in store.getState().verdicts); i++) await new Promise((r) => setTimeout(r, 50));
    const races = posted.flatMap((r) => r.jobs).filter((j) => j.race);
    expect(races.map((j) => j.key)).toContain(questionKey(questionOf(view)));
    for (const j of jobs) expect(store.getState().verdicts[j.key]?.verdict).toEqual(verdictOf(j.question, { maxStates: 60_000, speedcheck: true }));
  } finally {
    stop();
  }
}, 120_000);
