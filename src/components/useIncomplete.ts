/**
 * The words under an answer that is not complete (store/incomplete.ts: the
 * sentence and the nearer questions), loaded while a search runs long enough to
 * report progress (it may stop at the cap), or the first time the verdict panel
 * shows such an answer: a first visit needs neither.
 */
import { useEffect, useState } from 'react';
import type * as Incomplete from '../store/incomplete.ts';

type Module = typeof Incomplete;

let loaded: Module | null = null;
let loading: Promise<Module> | null = null;

/** Resolves once the module asked for so far has loaded (or failed to): the idle signal waits for it (idle.ts). */
export function incompleteSettled(): Promise<unknown> {
  return loading?.catch(() => {}) ?? Promise.resolve();
}

/** The module once `need` (an incomplete answer is shown) has loaded it; null until then (and when its chunk fails to load). */
export function useIncomplete(need: boolean): Module | null {
  const [mod, setMod] = useState(loaded);
  useEffect(() => {
    if (!need || mod) return;
    let live = true;
    // A chunk that fails to load leaves the answer without its sentence; the next component that needs it asks again.
    loading ??= import('../store/incomplete.ts').then((m) => (loaded = m), (err: unknown) => { loading = null; throw err; });
    loading.then((m) => { if (live) setMod(m); }, () => {});
    return () => { live = false; };
  }, [need, mod]);
  return mod ?? loaded;
}
