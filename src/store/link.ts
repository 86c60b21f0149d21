/**
 * The one place the store turns a view into a URL fragment and back: the
 * canonical link format of src/sim/share (`#1.<model>.<head>...`). Reading
 * accepts everything `decodeFragment` does: canonical, the hand-editable long
 * form, a full URL, a wrapped or quoted URL, a whole "Copy as text" block.
 */
import {
  DEFAULT_VIEW, LINK_FORMAT, VIEW_KEYS as SIM_VIEW_KEYS, decodeFragment, encodeView, fragmentOf, parseTextBlock, type DecodeResult, type LinkError, type ViewState,
} from '../sim/index.ts';

/** The fragment (without `#`) the address bar shows for a view. */
export function viewToFragment(view: ViewState): string {
  return encodeView(view);
}

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

function usable(r: DecodeResult, text: string): boolean {
  if (r.errors.length === 0) return true;
  const known = r.version === null || Number(r.version) === LINK_FORMAT;
  if (!known) return false;
  if (!isEmptyView(r.view)) return true;
  if (r.form === 'canonical') return !r.errors.some((e) => e.key === 's' || e.key === 'v');
  const frag = /[\r\n]/.test(text.trim()) ? parseTextBlock(text) : text;
  return frag !== null && longFormApplied(frag, r.errors);
}

/** Said first when a single line holds nothing shaped like a link (prose, a word, markup). */
export const NOT_A_LINK: LinkError = {
  key: 'link',
  message: 'this is not a racelanes link: expected an address ending in #1.<model>.<run>, or a fragment like #s=flash-unbind&t=fault',
};

/**
 * Parses whatever was opened or pasted: a full URL, `#...`, a bare fragment or
 * a text block. Never throws.
 */
export function fragmentToView(text: string): OpenedLink {
  const input = typeof text === 'string' ? text : '';
  const r = decodeFragment(input);
  const known = r.version === null || Number(r.version) === LINK_FORMAT;
  const ok = usable(r, input);
  const line = input.trim();
  const shapeless = !ok && !/[\r\n]/.test(line) && !/[#=]/.test(line) && !/^\d/.test(line);
  const notes = r.notices.filter((n) => !n.startsWith('This link was made with model'));
  return { view: r.view, errors: shapeless ? [NOT_A_LINK, ...r.errors] : r.errors, model: known ? r.model : null, usable: ok, notes };
}

/** Identity of a run without its cursor: a change here is a new history entry. */
export function runKey(view: ViewState): string {
  return encodeView({ ...view, t: null });
}
