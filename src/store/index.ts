/**
 * One store from three slices (zustand slices pattern, STYLE.md 8). The
 * vanilla store is what tests, the URL sync, the worker client and the
 * timeline's transient playhead use; `useApp` is the React hook.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_VIEW, type LinkError, type ViewState } from '../sim/index.ts';
import { createSimSlice } from './simSlice.ts';
import type { AppState } from './types.ts';
import { createVerdictSlice } from './verdictSlice.ts';
import { createViewSlice } from './viewSlice.ts';

export type { AppState } from './types.ts';
export type AppStore = StoreApi<AppState>;

export function createAppStore(initial: ViewState = DEFAULT_VIEW, errors: readonly LinkError[] = []): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createSimSlice(initial, errors)(...a),
    ...createViewSlice(...a),
    ...createVerdictSlice(...a),
  }));
}

let appStore: AppStore | null = null;

/** The page's store; main.tsx creates it from the URL before the first render. */
export function initAppStore(initial: ViewState = DEFAULT_VIEW, errors: readonly LinkError[] = []): AppStore {
  appStore = createAppStore(initial, errors);
  return appStore;
}

export function getAppStore(): AppStore {
  if (!appStore) appStore = createAppStore();
  return appStore;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(getAppStore(), selector);
}
