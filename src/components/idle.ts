/**
 * The app-idle signal tests wait on (Perfetto waitForPerfettoIdle): nothing
 * playing, no verdict in flight, and two frames painted since. Exposed as
 * `window.__racelanes` and mirrored in `data-idle` on the app root;
 * `whenIdle()` also waits for the words of an incomplete answer to load.
 */
import type { AppStore } from '../store/index.ts';
import type { AppState } from '../store/types.ts';
import { faultIndex } from '../store/selectors.ts';
import { flushUrlSync } from '../store/urlSync.ts';
import { forceError } from './forcedErrors.ts';
import { incompleteSettled } from './useIncomplete.ts';

export interface RacelanesHook {
  /** The store itself, for benchmarks that time a cursor move (bench/page.ts). */
  store: AppStore;
  whenIdle(): Promise<void>;
  isIdle(): boolean;
  snapshot(): { cursor: number; events: number; fault: number; fragment: string; sched: readonly number[]; signature: string };
  /** Test hook: makes the named panel throw on its next render (its error boundary must hold). */
  forceError(panel: string): void;
}

declare global {
  interface Window {
    __racelanes?: RacelanesHook;
  }
}

export const isIdleState = (s: AppState) => !s.playing && s.verdictPending.length === 0;

/** FNV-1a over (task, type) of every event: equal iff the interleaving is the same. */
function signature(s: AppState): string {
  let h = 0x811c9dc5;
  for (const e of s.trace.events) {
    const k = `${e.task}${e.type};`;
    for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h.toString(16);
}

const frames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

export function installIdleHook(store: AppStore): RacelanesHook {
  const hook: RacelanesHook = {
    store,
    isIdle: () => isIdleState(store.getState()),
    async whenIdle() {
      flushUrlSync();
      for (;;) {
        await frames();
        if (isIdleState(store.getState())) {
          // The words under an answer that is not complete load with the first one: idle once they are drawn.
          await incompleteSettled();
          await frames();
          return;
        }
        await new Promise<void>((resolve) => {
          const stop = store.subscribe((s) => { if (isIdleState(s)) { stop(); resolve(); } });
        });
      }
    },
    forceError,
    snapshot() {
      const s = store.getState();
      flushUrlSync();
      return { cursor: s.cursor, events: s.trace.events.length, fault: faultIndex(s.trace), fragment: location.hash, sched: s.view.sched, signature: signature(s) };
    },
  };
  window.__racelanes = hook;
  return hook;
}
