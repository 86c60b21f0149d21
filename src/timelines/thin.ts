/**
 * Level of detail for the marks (Perfetto's idiom): what the plot cannot show
 * apart is drawn once. Pure: items in, fewer items out, in pixels of a scale.
 *
 * - Marks wholly outside the plot are dropped (the clip hid them anyway).
 * - Spans: a run of spans narrower than a pixel, side by side in one row and
 *   drawn alike (same class, so the same colour), becomes one span covering
 *   the same pixels; the caller builds it and says in its tooltip how many
 *   calls it stands for. Spans a pixel wide or more are never merged: the
 *   built-in first views on the step axis (75 to 319 events in a 604-px plot
 *   at 1280x720) draw as before.
 * - Points: of the ticks of one row in one pixel column, one is drawn, the
 *   one of highest rank (a bad access over a good one), else the last, which
 *   is the one that was on top.
 *
 * Why: a step with 10,000+ events on screen repainted 25,000 SVG elements,
 * most of them a fraction of a pixel wide (issue 9 §2).
 */

export interface SpanThinning<T> {
  /** Unclamped pixel extent [x0, x1] of an item. */
  readonly px: (d: T) => readonly [number, number];
  /** Items of one row may merge (they never overlap one another). */
  readonly row: (d: T) => string;
  /** Items merge only with items drawn alike. */
  readonly look: (d: T) => string;
  /** The item that stands for `members` (two or more, in order along the row). */
  readonly merge: (members: readonly T[]) => T;
}

/** Spans closer than this (px) count as side by side. */
const TOUCH = 0.5;

/** Whether [x0, x1] shows in the plot [left, right] (a span is drawn at least 1px wide). */
const visible = (x0: number, x1: number, plot: readonly [number, number]) => Math.max(x1, x0 + 1) >= plot[0] && x0 <= plot[1];

export function thinSpans<T>(items: readonly T[], plot: readonly [number, number], o: SpanThinning<T>): T[] {
  const rows = new Map<string, { d: T; x0: number; x1: number; i: number }[]>();
  items.forEach((d, i) => {
    const [x0, x1] = o.px(d);
    if (!visible(x0, x1, plot)) return;
    const k = o.row(d);
    const r = rows.get(k);
    if (r) r.push({ d, x0, x1, i });
    else rows.set(k, [{ d, x0, x1, i }]);
  });
  const out: { d: T; i: number }[] = [];
  for (const r of rows.values()) {
    r.sort((a, b) => a.x0 - b.x0 || a.i - b.i);
    let run: typeof r = [];
    let look = '';
    let end = -Infinity;
    const close = () => {
      if (run.length === 1) out.push(run[0]!);
      else if (run.length > 1) out.push({ d: o.merge(run.map((m) => m.d)), i: run[0]!.i });
      run = [];
    };
    for (const m of r) {
      const narrow = m.x1 - m.x0 < 1;
      const l = narrow ? o.look(m.d) : '';
      if (narrow && run.length > 0 && l === look && m.x0 <= end + TOUCH) {
        run.push(m);
        end = Math.max(end, m.x0 + 1, m.x1);
        continue;
      }
      close();
      if (narrow) {
        run = [m];
        look = l;
        end = Math.max(m.x0 + 1, m.x1);
      } else out.push(m);
    }
    close();
  }
  // Input order is paint order: keep it.
  return out.sort((a, b) => a.i - b.i).map((m) => m.d);
}

export interface PointThinning<T> {
  readonly px: (d: T) => number;
  readonly row: (d: T) => string;
  /** Higher is kept over lower in the same pixel; equal ranks keep the last. */
  readonly rank: (d: T) => number;
}

export function thinPoints<T>(items: readonly T[], plot: readonly [number, number], o: PointThinning<T>): T[] {
  const best = new Map<string, { d: T; i: number; rank: number }>();
  items.forEach((d, i) => {
    const x = o.px(d);
    if (x < plot[0] - 2 || x > plot[1] + 2) return;
    const k = `${o.row(d)}\u0000${Math.round(x)}`;
    const rank = o.rank(d);
    const had = best.get(k);
    if (!had || rank >= had.rank) best.set(k, { d, i, rank });
  });
  return [...best.values()].sort((a, b) => a.i - b.i).map((m) => m.d);
}
