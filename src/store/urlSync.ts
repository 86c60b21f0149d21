/**
 * Keeps the address bar a re-shareable link (PRODUCT.md "Sharing"):
 * - a new run (scenario, fixes, params, mode, schedule) is a new history entry (pushState);
 * - a cursor move only rewrites the current entry (replaceState), at most once
 *   per `delay` ms while stepping (the page: 200 ms; replaceState costs a few
 *   ms, a step must repaint in 16); `flushUrlSync()` writes a pending one now;
 * - back/forward and hand-edited fragments load through the same link parser,
 *   and the address bar is then rewritten to the canonical link of what is
 *   shown (a broken fragment never stays in the address bar).
 */
import type { AppStore } from './index.ts';
import { runKey, viewToFragment } from './link.ts';
import { cursorToT } from './selectors.ts';
import type { ViewState } from '../sim/index.ts';
import type { AppState } from './types.ts';

/** The parts of `window` the sync needs (a fake one in unit tests). */
export interface BrowserLike {
  readonly location: { readonly hash: string };
  readonly history: {
    pushState(data: unknown, unused: string, url?: string): void;
    replaceState(data: unknown, unused: string, url?: string): void;
  };
  addEventListener(type: 'hashchange' | 'popstate', fn: () => void): void;
  removeEventListener(type: 'hashchange' | 'popstate', fn: () => void): void;
}

/** The view the address bar describes: the run, the cursor, and what changes what a recipient sees. */
export function currentView(s: Pick<AppState, 'view' | 'trace' | 'cursor' | 'axis' | 'stackRows' | 'selected'>): ViewState {
  return { ...s.view, t: cursorToT(s.trace, s.cursor), axis: s.axis, full: s.stackRows === null, sel: s.selected };
}

export function currentFragment(s: Pick<AppState, 'view' | 'trace' | 'cursor' | 'axis' | 'stackRows' | 'selected'>): string {
  return viewToFragment(currentView(s));
}

/** Writes the address bar now if a cursor move is still waiting (the idle hook calls it). */
let pending: (() => void) | null = null;
export function flushUrlSync(): void {
  pending?.();
}

/** Starts syncing; returns a function that stops it. `delay` (ms) spaces out the writes of cursor moves. */
export function startUrlSync(store: AppStore, win: BrowserLike, delay = 0): () => void {
  let lastFrag = currentFragment(store.getState());
  let lastRun = runKey(store.getState().view);
  let loading = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  win.history.replaceState(null, '', `#${lastFrag}`);

  const write = (s: AppState) => {
    if (timer !== null) { clearTimeout(timer); timer = null; }
    pending = null;
    const frag = currentFragment(s);
    if (frag === lastFrag) return;
    const run = runKey(s.view);
    if (run !== lastRun && !loading) win.history.pushState(null, '', `#${frag}`);
    else win.history.replaceState(null, '', `#${frag}`);
    lastFrag = frag;
    lastRun = run;
  };

  const unsubscribe = store.subscribe((s, prev) => {
    const other = s.view !== prev.view || s.trace !== prev.trace || s.axis !== prev.axis || s.stackRows !== prev.stackRows;
    const moved = s.cursor !== prev.cursor || s.selected !== prev.selected;
    if (!other && !moved) return;
    if (other || delay <= 0) { write(s); return; }
    // Only the cursor or the selection moved: write once the stepping pauses.
    pending = () => write(store.getState());
    timer ??= setTimeout(() => { timer = null; pending?.(); }, delay);
  });

  const onNavigate = () => {
    const frag = win.location.hash.replace(/^#/, '');
    if (frag === lastFrag) return;
    loading = true;
    try {
      lastFrag = frag;
      store.getState().loadLink(frag);
    } finally {
      loading = false;
    }
    const canonical = currentFragment(store.getState());
    if (win.location.hash !== `#${canonical}`) win.history.replaceState(null, '', `#${canonical}`);
    lastFrag = canonical;
    lastRun = runKey(store.getState().view);
  };
  win.addEventListener('hashchange', onNavigate);
  win.addEventListener('popstate', onNavigate);
  return () => {
    if (timer !== null) clearTimeout(timer);
    pending = null;
    unsubscribe();
    win.removeEventListener('hashchange', onNavigate);
    win.removeEventListener('popstate', onNavigate);
  };
}
