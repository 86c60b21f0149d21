/**
 * The one place the store turns a view into a URL fragment and back: the
 * canonical link format of src/sim/share (`#1.<model>.<head>...`). Reading
 * accepts everything `decodeFragment` does: canonical, the hand-editable long
 * form, a full URL, a wrapped or quoted URL (`fragmentToView`, at once), a
 * whole "Copy as text" block (`textToView`: its reader, blockText.ts, is
 * loaded on first use, as an address bar never holds one).
 */
import { decodeLink, encodeView, isTextBlock, type ViewState } from '../sim/index.ts';
import { openedOf, type OpenedLink } from './opened.ts';

export { NOT_A_LINK, type OpenedLink } from './opened.ts';

/** The fragment (without `#`) the address bar shows for a view. */
export function viewToFragment(view: ViewState): string {
  return encodeView(view);
}

/**
 * Parses a link: a full URL, `#...` or a bare fragment (what an address bar
 * holds), at once. A text block (several lines) is textToView's. Never throws.
 */
export function fragmentToView(text: string): OpenedLink {
  const input = typeof text === 'string' ? text : '';
  return openedOf(decodeLink(input), input, input);
}

/** Parses whatever was opened or pasted: a link at once, or a text block through blockText.ts (loaded on first use). Never throws. */
export async function textToView(text: string): Promise<OpenedLink> {
  const input = typeof text === 'string' ? text : '';
  if (!isTextBlock(input)) return fragmentToView(input);
  const { blockToView } = await import('./blockText.ts');
  return blockToView(input);
}

/** Identity of a run without its cursor: a change here is a new history entry. */
export function runKey(view: ViewState): string {
  return encodeView({ ...view, t: null });
}
