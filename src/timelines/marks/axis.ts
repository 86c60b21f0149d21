/** The x axis: step numbers with their virtual time under them, or times; decision points and the fault as marks. */
import { plotRange, ticks, pointX, type Dims, type Scales } from '../scales.ts';
import type { G } from './common.ts';

export interface AxisRows {
  /** Time (µs) of event i, for step-axis labels. */
  readonly timeOf: (i: number) => number | undefined;
  readonly format: (us: number) => string;
  readonly decisions: readonly { readonly seq: number; readonly t: number }[];
  readonly fault: { readonly seq: number; readonly t: number } | null;
}

export function drawAxis(g: G, rows: AxisRows, sc: Scales, dims: Dims): void {
  const tv = ticks(sc, dims.width - dims.gutter);
  const tg = g.selectAll<SVGGElement, number>('g.tick')
    .data(tv, (d) => String(d))
    .join((e) => { const s = e.append('g').attr('class', 'tick'); s.append('line'); s.append('text').attr('class', 'main'); s.append('text').attr('class', 'minor'); return s; })
    .attr('transform', (d) => `translate(${sc.x(d)},0)`);
  tg.select('line').attr('y1', dims.height - 6).attr('y2', dims.height);
  tg.select('text.main').attr('y', 13).text((d) => (sc.axis === 'step' ? `#${d}` : rows.format(d)));
  tg.select('text.minor').attr('y', 25).text((d) => {
    if (sc.axis !== 'step') return '';
    const t = rows.timeOf(d);
    return t === undefined ? '' : rows.format(t);
  });
  // Marks only over the plot: zoomed in, the points outside the window would
  // otherwise be drawn over the label gutter (or past the right edge).
  const [left, right] = plotRange(dims);
  const inPlot = (d: { seq: number; t: number }) => { const x = pointX(sc, d); return x >= left && x <= right; };
  g.selectAll<SVGPathElement, { seq: number; t: number }>('path.decision')
    .data(rows.decisions.filter(inPlot), (d) => String(d.seq))
    .join('path')
    .attr('class', 'decision')
    .attr('d', (d) => { const x = pointX(sc, d); return `M${x - 3},${dims.height}L${x},${dims.height - 5}L${x + 3},${dims.height}Z`; });
  g.selectAll<SVGPathElement, { seq: number; t: number }>('path.axis-fault')
    .data(rows.fault && inPlot(rows.fault) ? [rows.fault] : [], () => 'f')
    .join('path')
    .attr('class', 'axis-fault')
    .attr('d', (d) => { const x = pointX(sc, d); return `M${x - 5},${dims.height}L${x},${dims.height - 9}L${x + 5},${dims.height}Z`; });
}
