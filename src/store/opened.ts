/**
 * What the store opens from a decoded link or text block (`OpenedLink`): the
 * view, its errors, the model, whether anything in it is usable. One reading
 * for a link (link.ts) and a pasted block (blockText.ts, loaded on first use).
 */
import {
  DEFAULT_VIEW, LINK_FORMAT, VIEW_KEYS as SIM_VIEW_KEYS, fragmentOf, isTextBlock, type DecodeResult, type LinkError, type ViewState,
} from '../sim/index.ts';

/** What opening a link gives the store. */
export interface OpenedLink {
  readonly view: ViewState;
  readonly errors: readonly LinkError[];
  /** The model fingerprint the link was made with (null: none, or a format we do not replay). */
  readonly model: string | null;
  /** False when nothing in the text could be applied: keep whatever is on screen. */
  readonly usable: boolean;
  /** Facts about how it was read (e.g. rebuilt from a text block's header), beside the model notice. */
  readonly notes: readonly string[];
}

/** Long-form keys that name part of the view, from the one key table (`v` and `m` only describe the link). */
const LONG_KEYS: ReadonlySet<string> = new Set(SIM_VIEW_KEYS.map((k) => k.key));

const isEmptyView = (v: ViewState): boolean =>
  v.scenario === DEFAULT_VIEW.scenario && v.kernel === DEFAULT_VIEW.kernel && v.fixes.length === 0 && Object.keys(v.params).length === 0 &&
  v.mode === DEFAULT_VIEW.mode && v.sched.length === 0 && v.t === null && !v.cmp && !v.cmpk && !v.sweep;

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

/** Did a long-form link name at least one part of the view without an error? */
function longFormApplied(text: string, errors: readonly LinkError[]): boolean {
  const bad = new Set(errors.map((e) => e.key));
  return fragmentOf(text.slice(0, 8192)).split(/[&;]/).some((part) => {
    const key = safeDecode(part.split('=')[0] ?? '').trim().toLowerCase();
    return LONG_KEYS.has(key) && !bad.has(key);
  });
}

/** `frag`: the link the text holds (the text itself, or a block's Link: line; null: none). */
function usable(r: DecodeResult, frag: string | null): boolean {
  if (r.errors.length === 0) return true;
  const known = r.version === null || Number(r.version) === LINK_FORMAT;
  if (!known) return false;
  if (!isEmptyView(r.view)) return true;
  if (r.form === 'canonical') return !r.errors.some((e) => e.key === 's' || e.key === 'v');
  return frag !== null && longFormApplied(frag, r.errors);
}


/** Said first when a single line holds nothing shaped like a link (prose, a word, markup). */
export const NOT_A_LINK: LinkError = {
  key: 'link',
  message: 'this is not a racelanes link: expected an address ending in #1.<model>.<run>, or a fragment like #s=flash-unbind&t=fault',
};

/** What the store opens from a decoded text (`frag`: the link in it, as usable() reads it). Never throws. */
export function openedOf(r: DecodeResult, input: string, frag: string | null): OpenedLink {
  const known = r.version === null || Number(r.version) === LINK_FORMAT;
  const ok = usable(r, frag);
  const line = input.trim();
  const shapeless = !ok && !isTextBlock(line) && !/[#=]/.test(line) && !/^\d/.test(line);
  const notes = r.notices.filter((n) => !n.startsWith('This link was made with model'));
  return { view: r.view, errors: shapeless ? [NOT_A_LINK, ...r.errors] : r.errors, model: known ? r.model : null, usable: ok, notes };
}

