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
import { questionKey, questionOf } from '../sim/index.ts';
import { toChromeTrace, toCompareChromeTrace } from '../sim/share/chromeTrace.ts';
import { compareText } from '../sim/share/compareText.ts';
import { textBlock } from '../sim/share/textBlock.ts';
import { currentVerdict, shareUrl } from './share.ts';
import type { AppState } from './types.ts';
import { answeredCheck } from './verdictSlice.ts';

/** The "Copy as text" block: 72 columns, ASCII, CPUn columns, a `Link:` line. */
export function shareText(s: Pick<AppState, 'view' | 'trace' | 'compare' | 'cursor' | 'verdicts' | 'startsChecks' | 'axis' | 'stackRows' | 'selected'>, base: string): string {
  const c = s.compare;
  if (c) {
    const v = (q: typeof c.a.question) => s.verdicts[questionKey(q)]?.verdict ?? null;
    // Each side's check over every unbind start, once the worker has it.
    return compareText(c, { a: v(c.a.question), b: v(c.b.question) }, shareUrl(s, base), { a: answeredCheck(s, c.a.question), b: answeredCheck(s, c.b.question) });
  }
  const q = questionOf(s.view);
  // The headline's check over every unbind start, once the worker has it.
  return textBlock(s.trace, q, currentVerdict(s), shareUrl(s, base), answeredCheck(s, q));
}

/** The trace as Chrome trace-event JSON (opens in Perfetto and chrome://tracing). */
export function traceJson(s: Pick<AppState, 'trace' | 'compare'>): string {
  return JSON.stringify(s.compare ? toCompareChromeTrace(s.compare.a.trace, s.compare.b.trace) : toChromeTrace(s.trace));
}
