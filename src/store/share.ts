/**
 * What the share tools copy and download, from the store's state (pure:
 * unit-tested in Node). The link is always the canonical one the address bar
 * shows. The text block and the trace are in shareText.ts, which the page
 * loads on demand.
 */
import { linkAt, type Verdict } from '../sim/index.ts';
import { fixSetLabel, verdictKey } from './selectors.ts';
import type { AppState } from './types.ts';
import { currentFragment } from './urlSync.ts';

/** `origin + pathname` of a location: the page's address without query or fragment. */
export function pageBase(loc: { readonly origin: string; readonly pathname: string }): string {
  return `${loc.origin}${loc.pathname}`;
}

/** The full re-shareable URL of what is on screen (the CLI's `--base` writes the same). */
export function shareUrl(s: Pick<AppState, 'view' | 'trace' | 'cursor' | 'axis' | 'stackRows' | 'selected'>, base: string): string {
  return linkAt(base, currentFragment(s));
}

/** The address links are written against: the public one the user set, else this page's. */
export function linkBase(s: Pick<AppState, 'publicBase'>, page: string): string {
  return s.publicBase ?? page;
}

/** The verdict for the current fixes and mode, if the worker has it already. */
export function currentVerdict(s: Pick<AppState, 'view' | 'verdicts'>): Verdict | null {
  const v = s.view;
  return s.verdicts[verdictKey(v, v.fixes, v.mode)]?.verdict ?? null;
}

/** A download name that says what it is: `racelanes-flash-unbind+notifier-sleep-step57.svg`. */
export function exportName(s: Pick<AppState, 'view' | 'cursor'>, ext: string): string {
  const fixes = s.view.fixes.length ? `+${s.view.fixes.join('+')}` : '';
  const mode = s.view.mode === 'timed' ? '-timed' : '';
  return `racelanes-${s.view.scenario}${fixes}${mode}-step${s.cursor}.${ext}`;
}

/** The title an exported image carries. */
export function exportTitle(s: Pick<AppState, 'view' | 'trace' | 'cursor'>): string {
  const last = Math.max(0, s.trace.events.length - 1);
  const fault = s.trace.fault ? `faults (${s.trace.fault.kind})` : 'no fault';
  return `racelanes: ${s.view.scenario}, ${fixSetLabel(s.view.fixes)}, mode ${s.view.mode}; step ${s.cursor}/${last}; ${fault}`;
}
