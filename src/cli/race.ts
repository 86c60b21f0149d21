/**
 * The modular search alongside the search before it, on a second thread (src/sim/verdictRun.ts ModularRacer).
 *
 * When the cap stops a state search (or a check over every start) without a fault, the modular search runs next.
 * Here it starts on a thread of its own once that search has run `startMs` without meeting a fault, so on a machine
 * with two cores the two run side by side and the answer comes after the longer of the two, not after both. The
 * modular search is deterministic and gets the same program and memory bound either way: what is printed does not
 * depend on the thread (tested: race.test.ts, and `--one-thread` prints the same). A search that ends without
 * needing it stops the thread; a thread that fails leaves the search to run after, on the main thread.
 *
 * The main thread stays synchronous (main.ts is a function of its arguments): it waits for the result in
 * Atomics.wait and reads the thread's messages with receiveMessageOnPort.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { RacedModular } from '../sim/modularRun.ts';
import type { ExploreProgress } from '../sim/engine/verdict.ts';
import { RACE_AFTER_MS, type Question } from '../sim/question.ts';
import type { ModularRace, ModularRacer } from '../sim/verdictRun.ts';

/** What the thread gets (modularThread.ts). */
export interface ThreadData {
  readonly q: Question;
  /** Which search it races: the verdict's, or (true) the check over every start's (modularRun.ts racedModular). */
  readonly starts: boolean;
  readonly maxStates: number;
  readonly port: MessagePort;
  /** An Int32 the thread increments after each message. */
  readonly wake: SharedArrayBuffer;
}

export type ThreadMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'views'; readonly views: number; readonly round: number }
  | { readonly type: 'result'; readonly given: RacedModular }
  | { readonly type: 'error'; readonly message: string };


/**
 * How long finish() waits without a word from the thread before it gives up on it and runs the search here (the
 * same answer, later): one that has not loaded its module in LOAD_MS failed to; one that loaded posts its result or
 * its error, and its views every 32,768, so STALL_MS of silence means it died without a word (out of memory: its
 * 'exit' event would reach a main thread that is blocked here).
 */
const LOAD_MS = 20_000;
const STALL_MS = 120_000;

/**
 * The code a thread starts with: it imports the thread's module, the bundle's sibling (scripts/build-cli.mjs), or
 * while developing the TypeScript through tsx; a module that fails to load is posted as the thread's error, like a
 * failure of the search (modularThread.ts).
 */
function bootstrap(entryOverride?: string): string {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = entryOverride ?? new URL(fromSource ? './modularThread.ts' : './modularThread.mjs', import.meta.url).href;
  const register = fromSource ? `(await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})).register();` : '';
  return `const { workerData } = require('node:worker_threads');
(async () => { ${register} await import(${JSON.stringify(entry)}); })().catch((e) => {
  workerData.port.postMessage({ type: 'error', message: String(e && e.message || e) });
  const c = new Int32Array(workerData.wake); Atomics.add(c, 0, 1); Atomics.notify(c, 0);
});`;
}

/** What threadRacer may be told: all for the tests (`onStart`: a thread is started; `entry`: the thread's module). */
interface RacerOptions {
  readonly cores?: number;
  readonly afterMs?: number;
  readonly stallMs?: number;
  readonly entry?: string;
  readonly onStart?: () => void;
}

/** A racer on a second thread, or undefined on a machine with one core (the two searches would share it: no sooner). */
export function threadRacer(opts: RacerOptions = {}): ModularRacer | undefined {
  if ((opts.cores ?? availableParallelism()) < 2) return undefined;
  return (q, starts, maxStates) => threadRace({ q, starts, maxStates }, opts);
}

function threadRace(job: Pick<ThreadData, 'q' | 'starts' | 'maxStates'>, opts: RacerOptions): ModularRace {
  const afterMs = opts.afterMs ?? RACE_AFTER_MS;
  const stallMs = opts.stallMs ?? STALL_MS;
  const t0 = performance.now();
  let thread: { worker: Worker; port: MessagePort; counter: Int32Array; ready: boolean } | null = null;
  let failed = false;
  /** The thread's last word, read while the search before it still runs: its result, or null for its error; undefined: none yet. */
  let early: RacedModular | null | undefined;
  /** When the thread last posted anything (finish gives up on it after a silence: LOAD_MS, STALL_MS). */
  let heard = 0;
  const start = (): void => {
    try {
      opts.onStart?.();
      const wake = new SharedArrayBuffer(4);
      const { port1, port2 } = new MessageChannel();
      const data: ThreadData = { ...job, port: port2, wake };
      const worker = new Worker(bootstrap(opts.entry), { eval: true, workerData: data, transferList: [port2], stdout: true, stderr: true });
      // A thread left running must not keep the process alive, nor its failure end it: finish() reads what it posted.
      worker.unref();
      worker.on('error', () => {});
      thread = { worker, port: port1, counter: new Int32Array(wake), ready: false };
    } catch {
      failed = true;
    }
  };
  const stop = (): void => {
    if (!thread) return;
    thread.port.close();
    void thread.worker.terminate();
  };
  /**
   * Reads what the thread has posted, without waiting, up to its last word (a result or an error), which goes to
   * `early`. Its views go to `onViews` (finish, while the main thread waits for it), not while the search before it
   * runs (they would read as that search's cap).
   */
  const drain = (t: NonNullable<typeof thread>, onViews?: (views: number, round: number) => void): void => {
    for (let m = receiveMessageOnPort(t.port); m; m = receiveMessageOnPort(t.port)) {
      heard = performance.now();
      const msg = m.message as ThreadMessage;
      if (msg.type === 'ready') t.ready = true;
      else if (msg.type === 'views') onViews?.(msg.views, msg.round);
      else { early = msg.type === 'result' ? msg.given : null; return; }
    }
  };
  return {
    onProgress(p: ExploreProgress): void {
      if (thread) { if (early === undefined) drain(thread); return; }
      if (failed || p.sometimes || p.views !== undefined) return;
      if (performance.now() - t0 >= afterMs) start();
    },
    proved: () => early?.result.proved === true,
    finish(want, onViews) {
      const t = thread;
      if (!t || !want) { stop(); return null; }
      heard = performance.now();
      try {
        for (;;) {
          const seen = Atomics.load(t.counter, 0);
          if (early === undefined) drain(t, onViews);
          if (early !== undefined) return early;
          if (performance.now() - heard > (t.ready ? stallMs : LOAD_MS)) return null;
          // Nothing new: sleep until the thread posts again (or a quarter second, and look again).
          Atomics.wait(t.counter, 0, seen, 250);
        }
      } finally {
        stop();
      }
    },
  };
}
