/**
 * Cross-lane marks in one overlay layer (Perfetto Overlay, STYLE.md 7): the
 * fault with its cause arrow, the selection and a comparison's divergence.
 * The playhead is not here: it is an HTML layer over the axis and the lanes
 * (Timeline.tsx, moveOverlayHead), so a step repaints no SVG.
 */
import type { FaultRows } from '../scene.ts';
import { pointX, plotRange, type Dims, type Scales } from '../scales.ts';
import type { G } from './common.ts';

/** Text width at the band's font when the browser cannot measure (Node tests): a generous estimate. */
const CHAR_W = 7.2;

/**
 * Where a label goes in the band, given its width: starting at its point,
 * else ending at it, else pinned to the plot's right edge (it never runs past
 * either edge).
 */
export function bandLabel(width: number, x: number, left: number, right: number): { x: number; anchor: 'start' | 'end' } {
  if (x + 6 + width <= right - 2) return { x: Math.max(left + 4, x + 6), anchor: 'start' };
  if (x - 6 - width >= left + 2) return { x: x - 6, anchor: 'end' };
  return { x: right - 4, anchor: 'end' };
}

/** Writes `text` into a band label, measured with the real font, cut with `…` until it fits the plot. */
function placeBandLabel(node: SVGTextElement, text: string, x: number, y: number, left: number, right: number): void {
  const measure = (t: string) => {
    node.textContent = t;
    const w = typeof node.getComputedTextLength === 'function' ? node.getComputedTextLength() : 0;
    return w > 0 ? w : t.length * CHAR_W;
  };
  const room = right - left - 10;
  let t = text;
  let w = measure(t);
  while (w > room && t.length > 4) {
    t = `${t.slice(0, Math.max(3, Math.floor(t.length * (room / w)) - 2)).trimEnd()}…`;
    w = measure(t);
  }
  const p = bandLabel(w, x, left, right);
  node.setAttribute('x', String(p.x));
  node.setAttribute('y', String(y));
  node.setAttribute('text-anchor', p.anchor);
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
  placeBandLabel(sel.select<SVGTextElement>('text.fault-label').node()!, `✖ ${rows.label}`, fx, fy0, left, right);
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
  placeBandLabel(sel.select<SVGTextElement>('text.cause-label').node()!, `● ${rows.causeLabel}`, cx, cy0, left, right);
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

export interface DivergeRows {
  readonly seq: number;
  readonly t: number;
  /** What the two runs do there, for the mark's accessible name. */
  readonly label: string;
}

/** The first step where the two runs of a comparison part, on both timelines. */
export function drawDivergence(g: G, rows: DivergeRows | null, sc: Scales, dims: Dims): void {
  const sel = g.selectAll<SVGGElement, DivergeRows>('g.diverge')
    .data(rows ? [rows] : [], () => 'diverge')
    .join((e) => {
      const s = e.append('g').attr('class', 'diverge').attr('role', 'img').attr('data-testid', 'timeline.diverge');
      s.append('line').attr('class', 'diverge-line');
      s.append('path').attr('class', 'diverge-flag');
      s.append('title');
      return s;
    });
  if (!rows) return;
  const x = pointX(sc, rows);
  sel.attr('aria-label', `the runs diverge here, at step ${rows.seq}: ${rows.label}`);
  sel.select('title').text(`The runs diverge at step ${rows.seq}\n${rows.label}`);
  sel.select('line.diverge-line').attr('x1', x).attr('x2', x).attr('y1', 0).attr('y2', dims.height);
  sel.select('path.diverge-flag').attr('d', `M${x},2l9,5l-9,5z`);
}
