/**
 * The heavier share outputs, loaded on demand by the page (dynamic import):
 * the "Copy as text" block and the Chrome trace-event JSON, both from
 * src/sim/share. Pure; unit-tested in Node.
 *
 * Imported from their modules, not the src/sim barrel. textBlock.ts (with
 * interleaving.ts, ascii.ts) is re-exported by the barrel and imports it back,
 * and rolldown keeps it in the first-load chunk for that; once the barrel
 * stops re-exporting it, it moves to this lazy chunk (about -2.7 KB gzipped).
 */
import { questionOf } from '../sim/index.ts';
import { toChromeTrace } from '../sim/share/chromeTrace.ts';
import { textBlock } from '../sim/share/textBlock.ts';
import { currentVerdict, shareUrl } from './share.ts';
import type { AppState } from './types.ts';

/** The "Copy as text" block: 72 columns, ASCII, CPUn columns, a `Link:` line. */
export function shareText(s: Pick<AppState, 'view' | 'trace' | 'cursor' | 'verdicts' | 'axis' | 'stackRows' | 'selected'>, base: string): string {
  return textBlock(s.trace, questionOf(s.view), currentVerdict(s), shareUrl(s, base));
}

/** The trace as Chrome trace-event JSON (opens in Perfetto and chrome://tracing). */
export function traceJson(s: Pick<AppState, 'trace'>): string {
  return JSON.stringify(toChromeTrace(s.trace));
}
