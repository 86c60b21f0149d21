/** Task lanes: state strip (I/O, sleep hatched, lock wait hollow), entry row, nested function slices. */
import { sliceLabels, type Slice, type StateBar, type TaskLane } from '../layout.ts';
import type { CappedSlice } from '../stackCap.ts';
import type { Scene, TaskGeometry } from '../scene.ts';
import { plotRange, spanPx, spanX, type Scales } from '../scales.ts';
import type { Dims } from '../scales.ts';
import { thinSpans } from '../thin.ts';
import { fitFirst, fitText, mergeSpans, runTip, subsystem, taskClass, type G, type Run } from './common.ts';

export interface TaskRows {
  readonly lanes: readonly TaskLane[];
  readonly geo: Scene['taskGeo'];
  readonly sliceH: number;
  readonly stateH: number;
  readonly entryH: number;
}

const geoOf = (rows: TaskRows, task: number): TaskGeometry => rows.geo.get(task) ?? { stateY: 0, entryY: 0, rowsY: 0 };

/** A slice's classes: its colour (the subsystem), a fix's frame, a capped lane's leaf row. */
const sliceLook = (d: Slice) => `sub-${subsystem(d.file)}${d.fix ? ' fix' : ''}${(d as CappedSlice).leaf ? ' leaf' : ''}`;

/** The slices drawn at this scale: runs narrower than a pixel, in one row and colour, drawn as one (thin.ts). */
export function thinSlices(lanes: readonly TaskLane[], sc: Scales, dims: Dims): Run<Slice>[] {
  return thinSpans<Run<Slice>>(lanes.flatMap((l) => l.slices), plotRange(dims), {
    px: (d) => spanPx(sc, d), row: (d) => `${d.task}.${d.depth}`, look: sliceLook, merge: mergeSpans,
  });
}

export function drawTasks(g: G, rows: TaskRows, sc: Scales, dims: Dims): void {
  const lives = rows.lanes.filter((l) => l.life.s1 > l.life.s0 || l.life.t1 > l.life.t0);
  g.selectAll<SVGLineElement, TaskLane>('line.life')
    .data(lives, (d) => String(d.task))
    .join('line')
    .attr('class', (d) => `life ${taskClass(d.task)}`)
    .attr('x1', (d) => spanX(sc, d.life)[0])
    .attr('x2', (d) => spanX(sc, d.life)[1])
    .attr('y1', (d) => geoOf(rows, d.task).stateY + rows.stateH / 2)
    .attr('y2', (d) => geoOf(rows, d.task).stateY + rows.stateH / 2);

  const states = thinSpans<Run<StateBar>>(rows.lanes.flatMap((l) => l.states), plotRange(dims), {
    px: (d) => spanPx(sc, d), row: (d) => `${d.task}`, look: (d) => d.kind, merge: mergeSpans,
  });
  g.selectAll<SVGRectElement, Run<StateBar>>('rect.st')
    .data(states, (d) => d.id)
    .join((e) => { const r = e.append('rect'); r.append('title'); return r; })
    .attr('class', (d) => `st st-${d.kind} ${taskClass(d.task)}`)
    .attr('data-seq', (d) => d.seq)
    .attr('x', (d) => spanX(sc, d)[0])
    .attr('width', (d) => { const [a, b] = spanX(sc, d); return b - a; })
    .attr('y', (d) => geoOf(rows, d.task).stateY + (d.kind === 'lock-wait' ? 1.5 : 0))
    .attr('height', (d) => rows.stateH - (d.kind === 'lock-wait' ? 3 : 0))
    .select('title').text((d) => (d.run ? runTip(d.run.length, 'spans', d.run.map((m) => `${m.kind}: ${m.label}`), sc.axis) : `${d.kind}: ${d.label}`));

  // Labels stay readable when a span starts left of the visible window.
  const left = (d: Parameters<typeof spanX>[1]) => Math.max(spanX(sc, d)[0], dims.gutter);

  // The syscall row: arm64 entry and VFS plumbing folded, labelled with the syscall.
  const entries = rows.lanes.flatMap((l) => l.entry.map((e) => ({ ...e, task: l.task })));
  const eg = g.selectAll<SVGGElement, (typeof entries)[number]>('g.entry')
    .data(entries, (d) => d.id)
    .join((e) => { const s = e.append('g').attr('class', 'entry'); s.append('rect'); s.append('text'); s.append('title'); return s; })
    .attr('data-seq', (d) => d.seq);
  // Absolute x/y, no transform per element: a transform gives each element its
  // own paint chunk, and with thousands of them every frame's layerization slows down.
  eg.select('rect')
    .attr('x', (d) => spanX(sc, d)[0])
    .attr('y', (d) => geoOf(rows, d.task).entryY)
    .attr('width', (d) => { const [a, b] = spanX(sc, d); return b - a; })
    .attr('height', rows.entryH);
  eg.select('text')
    .attr('x', (d) => left(d) + 2)
    .attr('y', (d) => geoOf(rows, d.task).entryY + rows.entryH - 2.5)
    .text((d) => fitText(d.label, spanX(sc, d)[1] - left(d), 5.4));
  eg.select('title').text((d) => `${d.label}: ${d.frames.join(' → ')}`);

  const slices = thinSlices(rows.lanes, sc, dims);
  const sg = g.selectAll<SVGGElement, Run<Slice>>('g.slice')
    .data(slices, (d) => d.id)
    .join((e) => {
      const s = e.append('g');
      s.append('rect');
      s.append('text');
      s.append('title');
      return s;
    })
    .attr('class', (d) => `slice ${sliceLook(d)}${d.run ? ' run' : ''}`)
    .attr('data-seq', (d) => d.seq);
  const sliceY = (d: Slice) => geoOf(rows, d.task).rowsY + d.depth * rows.sliceH;
  sg.select('rect')
    .attr('x', (d) => spanX(sc, d)[0])
    .attr('y', sliceY)
    .attr('width', (d) => { const [a, b] = spanX(sc, d); return b - a; })
    .attr('height', rows.sliceH - 1);
  sg.select('text')
    .attr('x', (d) => left(d) + 2)
    .attr('y', (d) => sliceY(d) + rows.sliceH - 3.5)
    .text((d) => (d.run ? '' : fitFirst(sliceLabels(d), spanX(sc, d)[1] - left(d))));
  sg.select('title').text((d) => (d.run
    ? runTip(d.run.length, 'calls', d.run.map((m) => `${m.fn}()`), sc.axis)
    : `${d.chain.map((f) => `${f}()`).join(' → ')}${d.fix ? ` [+ ${d.fix}]` : ''}\n${d.file}`));
}
