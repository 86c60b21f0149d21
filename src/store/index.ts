/**
 * One store from four slices (zustand slices pattern, STYLE.md 8). The
 * vanilla store is what tests, the URL sync, the worker client and the
 * timeline's transient playhead use; `useApp` is the React hook.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_VIEW, type LinkError, type ViewState } from '../sim/index.ts';
import { createShareSlice } from './shareSlice.ts';
import { createSimSlice } from './simSlice.ts';
import type { AppState } from './types.ts';
import { createVerdictSlice } from './verdictSlice.ts';
import { createViewSlice, lookOf } from './viewSlice.ts';

export type { AppState } from './types.ts';
export type AppStore = StoreApi<AppState>;

/**
 * `errors`, `model` and `usable` come from the link the page was opened with
 * (none for a bare open; see link.ts `OpenedLink`).
 */
export function createAppStore(initial: ViewState = DEFAULT_VIEW, errors: readonly LinkError[] = [], model: string | null = null, usable = true): AppStore {
  const store = createStore<AppState>()((...a) => ({
    ...createSimSlice(initial, errors, model, usable)(...a),
    ...createViewSlice(...a),
    ...createVerdictSlice(...a),
    ...createShareSlice(...a),
  }));
  // What the link says about the look: axis, full stacks, the selected event.
  const sel = initial.sel !== null && initial.sel < store.getState().trace.events.length ? initial.sel : null;
  store.setState({ ...lookOf(initial), selected: sel });
  return store;
}

let appStore: AppStore | null = null;

/** The page's store; main.tsx creates it from the URL before the first render. */
export function initAppStore(initial: ViewState = DEFAULT_VIEW, errors: readonly LinkError[] = [], model: string | null = null, usable = true): AppStore {
  appStore = createAppStore(initial, errors, model, usable);
  return appStore;
}

export function getAppStore(): AppStore {
  if (!appStore) appStore = createAppStore();
  return appStore;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(getAppStore(), selector);
}
