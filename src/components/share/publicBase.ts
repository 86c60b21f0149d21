/**
 * The public page address, remembered in localStorage. A page served from
 * localhost or a file: URL writes links nobody else can open; with a public
 * address set, Copy link and Copy as text write links against it instead.
 */
import { checkBase, isLocalBase } from '../../sim/index.ts';
import type { AppStore } from '../../store/index.ts';
import { pageBase } from '../../store/share.ts';

const KEY = 'racelanes.publicBase';

/** This page's own address. */
export const thisPage = (): string => pageBase(window.location);

/** The remembered public address, if any (never throws: storage may be off). */
export function loadPublicBase(): string | null {
  try {
    const v = window.localStorage.getItem(KEY);
    if (v === null) return null;
    const c = checkBase(v);
    return c.ok ? c.base : null;
  } catch {
    return null;
  }
}

/** Remembers (or forgets, with null) the public address and applies it. */
export function savePublicBase(store: AppStore, base: string | null): void {
  try {
    if (base === null) window.localStorage.removeItem(KEY); else window.localStorage.setItem(KEY, base);
  } catch { /* storage off: it still applies for this session */ }
  store.getState().setPublicBase(base);
}

/** The address links are written against, and whether it points at this machine only. */
export function linkTarget(store: AppStore): { base: string; local: boolean } {
  const base = store.getState().publicBase ?? thisPage();
  return { base, local: isLocalBase(base) };
}
