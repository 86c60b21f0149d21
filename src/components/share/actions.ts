/**
 * What the share buttons do, against the vanilla store: copy the link or the
 * text block (falling back to a read-only box when the clipboard refuses),
 * export, and open pasted text. The text-block and export code are separate
 * chunks loaded on first use, to keep the first load small.
 */
import { DEFAULT_VIEW, encodeView } from '../../sim/index.ts';
import type { AppStore } from '../../store/index.ts';
import { textToView } from '../../store/link.ts';
import type * as ShareText from '../../store/shareText.ts';
import { shareUrl } from '../../store/share.ts';
import { flushUrlSync } from '../../store/urlSync.ts';
import { copyText } from './clipboard.ts';
import { linkTarget } from './publicBase.ts';
import type { ExportKind } from './exportFile.ts';

export type { ExportKind } from './exportFile.ts';

const base = (store: AppStore) => linkTarget(store).base;

type TextModule = typeof ShareText;
let textModule: TextModule | null = null;

/**
 * Loads the text-block code. The share group calls this on hover and focus,
 * so by the click it is there and the clipboard write still happens inside
 * the click (Safari and Firefox want a user gesture).
 */
export async function preloadShareText(): Promise<TextModule> {
  textModule ??= await import('../../store/shareText.ts');
  return textModule;
}

/** Said after a copy whose link points at this machine only. */
export const LOCAL_WARNING = 'it points at this machine: set a public address so others can open it';

async function copy(store: AppStore, text: string, what: string, done: string): Promise<void> {
  // The address bar shows what was shared, even right after a step.
  flushUrlSync();
  const r = await copyText(text);
  const s = store.getState();
  if (r.ok && linkTarget(store).local) s.setShareStatus(`${done}, but ${LOCAL_WARNING}`, 'bad');
  else if (r.ok) s.setShareStatus(done);
  else {
    s.setShareStatus(`Could not copy the ${what} automatically: copy it from the box`, 'bad');
    s.setCopyFallback({ title: `Copy the ${what}`, text, reason: r.reason });
  }
}

export function copyLink(store: AppStore): Promise<void> {
  return copy(store, shareUrl(store.getState(), base(store)), 'link', 'Link copied');
}

export async function copyAsText(store: AppStore): Promise<void> {
  const m = textModule ?? await preloadShareText();
  const text = m.shareText(store.getState(), base(store));
  const lines = text.trimEnd().split('\n').length;
  return copy(store, text, 'text block', `Text copied: ${lines} lines for a plain-text mail, with the Link: line`);
}

export async function exportAs(store: AppStore, kind: ExportKind): Promise<void> {
  flushUrlSync();
  try {
    const { exportFile } = await import('./exportFile.ts');
    store.getState().setShareStatus(await exportFile(store, kind));
  } catch (e) {
    store.getState().setShareStatus(`Export failed: ${e instanceof Error ? e.message : String(e)}`, 'bad');
  }
}

/** Longest text taken from a paste: a mail thread is fine, a core dump is not. */
export const MAX_PASTE = 200_000;
export const clip = (raw: string) => (raw.length > MAX_PASTE ? raw.slice(0, MAX_PASTE) : raw);

/**
 * A link or text block pasted onto the page: opened, or, when nothing in it
 * is usable, a notice says why and the view stays. Returns whether it opened.
 */
export async function openPasted(store: AppStore, raw: string): Promise<boolean> {
  const opened = await textToView(clip(raw));
  const s = store.getState();
  const ok = s.loadOpened(opened);
  if (ok) s.setShareStatus(store.getState().notices.some((n) => n.kind === 'link') ? 'Opened the pasted link; see the notice for what was wrong in it' : 'Opened the pasted link');
  else s.setShareStatus('Nothing was opened from the pasted text: see the notice', 'bad');
  return ok;
}

/**
 * Text typed or pasted into the "Open link or text" box. Returns the problems
 * when nothing in it was usable (the view stays, the box keeps the text), or
 * null when it was opened.
 */
export async function openEntered(store: AppStore, raw: string): Promise<readonly string[] | null> {
  const text = clip(raw);
  if (!text.trim()) return ['Paste a racelanes link or a "Copy as text" block into the box first.'];
  const opened = await textToView(text);
  if (!opened.usable) return opened.errors.length ? opened.errors.map((e) => e.message) : ['no racelanes link was found in the text'];
  const s = store.getState();
  s.loadView(opened.view, opened.errors, opened.model, opened.notes);
  s.setShareStatus(opened.errors.length ? 'Opened the link; see the notice for what was wrong in it' : 'Opened the link');
  return null;
}

/** A canonical fragment to show as an example in the Open dialog. */
export const exampleFragment = (): string => encodeView({ ...DEFAULT_VIEW, scenario: 'flash-unbind', t: 'fault' });
