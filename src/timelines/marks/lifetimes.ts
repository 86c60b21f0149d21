/** Resource lifetime bars: one segment per state (alive, disabled, gated, off, unmapped, freed), accesses as ticks. */
import type { ResAccess, ResSegment, ResourceLane } from '../layout.ts';
import type { LaneBox } from '../scene.ts';
import { plotRange, pointX, spanX, type Dims, type Scales } from '../scales.ts';
import { thinPoints } from '../thin.ts';
import { taskClass, type G } from './common.ts';

export interface LifetimeRows {
  readonly lanes: readonly ResourceLane[];
  readonly box: (res: number) => LaneBox | undefined;
}

/** The access ticks drawn at this scale: one per pixel column of a lane, a bad access (the fault) over the others (thin.ts). */
export function thinAccesses(lanes: readonly ResourceLane[], sc: Scales, dims: Dims): (ResAccess & { res: number })[] {
  return thinPoints(lanes.flatMap((l) => l.accesses.map((a) => ({ ...a, res: l.res }))), plotRange(dims), {
    px: (d) => pointX(sc, d), row: (d) => String(d.res), rank: (d) => (d.bad ? 1 : 0),
  });
}

export function drawLifetimes(g: G, rows: LifetimeRows, sc: Scales, dims: Dims): void {
  const y = (res: number) => rows.box(res)?.y ?? 0;
  const h = (res: number) => rows.box(res)?.h ?? 0;
  const segs = rows.lanes.flatMap((l) => l.segments.map((s) => ({ ...s, res: l.res, label: l.label })));
  g.selectAll<SVGRectElement, ResSegment & { res: number; label: string }>('rect.res')
    .data(segs, (d) => d.id)
    .join((e) => { const r = e.append('rect'); r.append('title'); return r; })
    .attr('class', (d) => `res res-${d.state}`)
    .attr('x', (d) => spanX(sc, d)[0])
    .attr('width', (d) => { const [a, b] = spanX(sc, d); return b - a; })
    .attr('y', (d) => y(d.res) + 3)
    .attr('height', (d) => h(d.res) - 6)
    .select('title').text((d) => `${d.label}: ${d.state}`);
  // Name dead states in words too: colour is not the only cue.
  g.selectAll<SVGTextElement, ResSegment & { res: number; label: string }>('text.res-state')
    .data(segs.filter((d) => d.state !== 'alive'), (d) => d.id)
    .join('text')
    .attr('class', 'res-state')
    .attr('x', (d) => spanX(sc, d)[0] + 3)
    .attr('y', (d) => y(d.res) + h(d.res) - 4)
    .text((d) => { const [a, b] = spanX(sc, d); return b - a > 46 ? d.state : ''; });

  const acc = thinAccesses(rows.lanes, sc, dims);
  g.selectAll<SVGLineElement, ResAccess & { res: number }>('line.acc')
    .data(acc, (d) => d.id)
    .join('line')
    .attr('class', (d) => `acc ${taskClass(d.task)}${d.bad ? ' bad' : ''}`)
    .attr('data-seq', (d) => d.seq)
    .attr('x1', (d) => pointX(sc, d))
    .attr('x2', (d) => pointX(sc, d))
    .attr('y1', (d) => y(d.res) + 1)
    .attr('y2', (d) => y(d.res) + h(d.res) - 1);
}
