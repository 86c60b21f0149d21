/**
 * A way for tests to make one panel throw while rendering, to prove its
 * error boundary holds (e2e: `window.__racelanes.forceError('timeline')`).
 * Nothing in the page calls it.
 */
import { useSyncExternalStore } from 'react';

const forced = new Set<string>();
const listeners = new Set<() => void>();
let version = 0;

/** Makes the named panel throw on its next render. */
export function forceError(name: string): void {
  forced.add(name);
  version++;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => { listeners.add(l); return () => { listeners.delete(l); }; };

/** Lets the named panel render again (its boundary's "Try again"). */
export function clearForcedError(name: string): void {
  if (forced.delete(name)) version++;
}

/** Throws while `name` is asked to fail (every render: React's synchronous retry fails too). */
export function useForcedError(name: string): void {
  useSyncExternalStore(subscribe, () => version, () => version);
  if (forced.has(name)) throw new Error(`forced error in the ${name} panel (test hook)`);
}
