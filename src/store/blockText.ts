/**
 * A pasted "Copy as text" block (several lines) to a view: its Link: line, or
 * its header when the link was cut. Loaded on first use (link.ts textToView):
 * the page opens links at once without it.
 */
import { decodeFragment } from '../sim/share/decode.ts';
import { parseTextBlock } from '../sim/share/paste.ts';
import { openedOf, type OpenedLink } from './opened.ts';

export function blockToView(text: string): OpenedLink {
  return openedOf(decodeFragment(text), text, parseTextBlock(text));
}
