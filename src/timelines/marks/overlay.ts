/**
 * Cross-lane marks in one overlay layer (Perfetto Overlay, STYLE.md 7): the
 * fault with its cause arrow, the selection, and the playhead, which moves
 * on every step through `movePlayhead` without redrawing anything else.
 */
import type { FaultRows } from '../scene.ts';
import { pointX, plotRange, type Dims, type Scales } from '../scales.ts';
import { fitText, type G } from './common.ts';

/** Approximate text width at the band's 11px font, for placing labels inside the plot. */
const CHAR_W = 6.4;

/**
 * Where a label of `text` goes in the band: starting at its point, else ending
 * at it, else pinned to the plot edge; cut with `…` if the plot is narrower.
 */
export function bandLabel(text: string, x: number, left: number, right: number): { x: number; anchor: 'start' | 'end'; text: string } {
  const room = right - left - 8;
  const fitted = text.length * CHAR_W <= room ? text : fitText(text, room, CHAR_W);
  const w = fitted.length * CHAR_W;
  if (x + 6 + w <= right) return { x: Math.max(left + 4, x + 6), anchor: 'start', text: fitted };
  if (x - 6 - w >= left) return { x: x - 6, anchor: 'end', text: fitted };
  return { x: right - 4, anchor: 'end', text: fitted };
}

export function drawFault(g: G, rows: FaultRows | null, sc: Scales, dims: Dims): void {
  const data = rows ? [rows] : [];
  const sel = g.selectAll<SVGGElement, FaultRows>('g.fault')
    .data(data, () => 'fault')
    .join((e) => {
      const s = e.append('g').attr('class', 'fault').attr('data-testid', 'timeline.fault');
      s.append('path').attr('class', 'leader fault-leader');
      s.append('path').attr('class', 'leader cause-leader');
      s.append('path').attr('class', 'cause-arrow').attr('marker-end', 'url(#arrowhead)');
      s.append('circle').attr('class', 'cause-dot').attr('r', 3.5);
      s.append('g').attr('class', 'res-x');
      s.append('path').attr('class', 'fault-x').attr('data-testid', 'timeline.fault-x');
      s.append('text').attr('class', 'callout cause-label').attr('data-testid', 'timeline.cause-label');
      s.append('text').attr('class', 'callout fault-label').attr('data-testid', 'timeline.fault-label');
      s.append('title');
      return s;
    });
  if (!rows) return;
  const [left, right] = plotRange(dims);
  const fx = pointX(sc, rows.fault);
  const fy = rows.faultY;
  const cross = (x: number, y: number, r: number) => `M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`;
  sel.select('path.fault-x').attr('d', cross(fx, fy, 6));
  sel.select<SVGGElement>('g.res-x').selectAll('path').data(rows.resYs).join('path').attr('class', 'fault-x small').attr('d', (y) => cross(fx, y, 4));
  // Both labels live in the callout band above the tasks: they never cover a frame.
  const fy0 = rows.bandY + 13;
  const f = bandLabel(`✖ ${rows.label}`, fx, left, right);
  sel.select('text.fault-label').attr('x', f.x).attr('y', fy0).attr('text-anchor', f.anchor).text(f.text);
  sel.select('path.fault-leader').attr('d', `M${fx},${rows.bandY + 16}V${fy - 8}`);
  sel.select('title').text(rows.causeLabel ? `${rows.label}\ncaused by: ${rows.causeLabel}` : rows.label);
  const c = rows.fault.cause;
  if (!c || rows.causeY === null) {
    sel.select('text.cause-label').text('');
    sel.select('path.cause-arrow').attr('d', null);
    sel.select('path.cause-leader').attr('d', null);
    sel.select('circle.cause-dot').attr('cx', -99).attr('cy', -99);
    return;
  }
  const cx = pointX(sc, c);
  const cy = rows.causeY;
  // A curve that leaves the cause sideways so it stays visible even when the
  // two events are neighbours on the step axis; it bends towards the side with room.
  const bend = Math.max(40, Math.abs(fy - cy) * 0.35);
  const side = fx > (left + right) / 2 ? -1 : 1;
  const endY = fy + (cy > fy ? 8 : -8);
  sel.select('path.cause-arrow').attr('d', `M${cx},${cy}C${cx + side * bend},${cy} ${fx + side * bend * 0.6},${endY} ${fx + 2 * side},${endY}`);
  sel.select('circle.cause-dot').attr('cx', cx).attr('cy', cy);
  const cy0 = rows.bandY + 29;
  const cl = bandLabel(`● ${rows.causeLabel}`, cx, left, right);
  sel.select('text.cause-label').attr('x', cl.x).attr('y', cy0).attr('text-anchor', cl.anchor).text(cl.text);
  sel.select('path.cause-leader').attr('d', `M${cx},${rows.bandY + 32}V${cy - 4}`);
}

export interface SelectionRows {
  readonly seq: number | null;
  readonly t: number;
}

export function drawSelection(g: G, rows: SelectionRows, sc: Scales, dims: Dims): void {
  const data = rows.seq === null ? [] : [rows];
  g.selectAll<SVGLineElement, SelectionRows>('line.selection')
    .data(data, () => 'sel')
    .join('line')
    .attr('class', 'selection')
    .attr('x1', (d) => pointX(sc, { seq: d.seq ?? 0, t: d.t }))
    .attr('x2', (d) => pointX(sc, { seq: d.seq ?? 0, t: d.t }))
    .attr('y1', 0)
    .attr('y2', dims.height);
}

/** Creates the playhead and the shade over the future once. */
export function drawPlayhead(g: G, _rows: unknown, _sc: Scales, dims: Dims): void {
  g.selectAll('rect.future').data([0]).join('rect').attr('class', 'future').attr('y', 0).attr('height', dims.height);
  g.selectAll('line.playhead').data([0]).join('line').attr('class', 'playhead').attr('y1', 0).attr('y2', dims.height);
}

/** Moves the playhead to pixel `x` (the transient path used on every step). */
export function movePlayhead(g: G, x: number, dims: Dims): void {
  const [, right] = plotRange(dims);
  const cx = Math.max(dims.gutter, Math.min(right, x));
  g.select('line.playhead').attr('x1', cx).attr('x2', cx).attr('data-x', x.toFixed(1));
  g.select('rect.future').attr('x', cx).attr('width', Math.max(0, right - cx));
}
