/** Lane backgrounds, section rules and the label column (not zoomed, not clipped). */
import type { LaneBox } from '../scene.ts';
import type { Dims } from '../scales.ts';
import { fitText, type G } from './common.ts';

export function drawLaneBackgrounds(g: G, boxes: readonly LaneBox[], _sc: unknown, dims: Dims): void {
  g.selectAll<SVGRectElement, LaneBox>('rect.lane')
    .data(boxes, (d) => d.id)
    .join('rect')
    .attr('class', (d, i) => `lane lane-${d.kind}${i % 2 ? ' odd' : ''}`)
    .attr('x', 0)
    .attr('y', (d) => d.y)
    .attr('width', dims.width)
    .attr('height', (d) => d.h);
}

export function drawLaneLabels(g: G, boxes: readonly LaneBox[], _sc: unknown, dims: Dims): void {
  const w = dims.gutter - 12;
  const sel = g.selectAll<SVGGElement, LaneBox>('g.label')
    .data(boxes, (d) => d.id)
    .join((enter) => {
      const e = enter.append('g');
      e.append('rect').attr('class', 'label-bg');
      e.append('text').attr('class', 'name');
      e.append('text').attr('class', 'sub');
      e.append('title');
      return e;
    })
    .attr('class', (d) => `label label-${d.kind}${d.hot ? ' hot' : ''}`)
    .attr('transform', (d) => `translate(0,${d.y})`);
  sel.select('rect.label-bg').attr('width', dims.gutter).attr('height', (d) => d.h);
  sel.select('text.name')
    .attr('x', 8)
    .attr('y', (d) => (d.kind === 'section' ? 13 : d.kind === 'task' || d.kind === 'callout' ? 14 : Math.min(d.h - 3, 11)))
    .text((d) => (d.kind === 'section' ? d.label.toUpperCase() : fitText(d.label, w, d.kind === 'task' ? 7 : 6.2)));
  sel.select('text.sub')
    .attr('x', 8)
    .attr('y', 27)
    .text((d) => (d.kind === 'task' || d.kind === 'callout' ? fitText(d.sub, w, 6) : ''));
  sel.select('title').text((d) => (d.sub ? `${d.label}\n${d.sub}` : d.label));
}
