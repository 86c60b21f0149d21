/**
 * The one entry for anything a user pastes or opens: a link (canonical or
 * long form, full URL or bare fragment) or a whole "Copy as text" block.
 */
import { decodeLink, noLink, type DecodeResult } from './canonical.ts';
import { parseTextBlock } from './paste.ts';

/**
 * Decodes a link, or the link inside a pasted text block. Never throws.
 * @example decodeFragment('#s=flash-unbind&t=fault').view.t === 'fault'
 */
export function decodeFragment(input: string): DecodeResult {
  const text = typeof input === 'string' ? input : '';
  if (!/[\r\n]/.test(text.trim())) return decodeLink(text);
  const found = parseTextBlock(text);
  return found === null ? noLink('no link found in the pasted text: expected a line "Link: https://...#1...." or a fragment') : decodeLink(found);
}
