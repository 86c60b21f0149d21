/**
 * The one entry for anything a user pastes or opens: a link (canonical or
 * long form, full URL or bare fragment) or a whole "Copy as text" block.
 */
import { decodeLink, noLink, type DecodeResult } from './canonical.ts';
import { isTextBlock } from './codecs.ts';
import { parseHeader, parseTextBlock } from './paste.ts';

/** Said when a view was rebuilt from a text block's header. */
export const HEADER_NOTICE = 'The pasted block had no Link: line: the view was rebuilt from its header (question, start and schedule)';

/**
 * Decodes a link, or the link inside a pasted text block. Never throws.
 * @example decodeFragment('#s=flash-unbind&t=fault').view.t === 'fault'
 */
export function decodeFragment(input: string): DecodeResult {
  const text = typeof input === 'string' ? input : '';
  if (!isTextBlock(text)) return decodeLink(text);
  const found = parseTextBlock(text);
  if (found !== null) return decodeLink(found);
  // No link at all: a block whose Link: line was cut still names its question and replay in its header.
  const header = parseHeader(text);
  if (header === null) return noLink('no link found in the pasted text: expected a line "Link: https://...#1...." or a fragment');
  const r = decodeLink(header);
  return { ...r, notices: [HEADER_NOTICE, ...r.notices] };
}
