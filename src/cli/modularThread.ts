/**
 * The modular search on a thread of its own (race.ts): the question, which search it races and the cap come in workerData; its
 * progress and its result go out on the port, each waking the main thread through the shared counter (which may be
 * blocked in Atomics.wait, waiting for the result).
 */
import { workerData } from 'node:worker_threads';
import { racedModular } from '../sim/modularRun.ts';
import type { ThreadData, ThreadMessage } from './race.ts';

const { q, starts, maxStates, port, wake } = workerData as ThreadData;
const counter = new Int32Array(wake);

function post(m: ThreadMessage): void {
  port.postMessage(m);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
}

post({ type: 'ready' });
try {
  post({ type: 'result', given: racedModular(q, starts, maxStates, (p) => post({ type: 'views', views: p.views ?? 0, round: p.round ?? 1 })) });
} catch (e) {
  post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
