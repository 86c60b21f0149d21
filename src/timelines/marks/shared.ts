/** Locks (owner solid, waiters hollow), flags (true = filled, sets and checks as marks) and SRCU (readers, grace period). */
import type { Span } from '../layout.ts';
import type { FlagLane, LockLane, SrcuLane } from '../layoutShared.ts';
import type { LaneBox } from '../scene.ts';
import { pointX, spanX, type Dims, type Scales } from '../scales.ts';
import { fitText, taskClass, type G } from './common.ts';

export interface SharedRows {
  readonly locks: readonly LockLane[];
  readonly flags: readonly FlagLane[];
  readonly srcu: readonly SrcuLane[];
  readonly box: (id: string) => LaneBox | undefined;
  readonly taskName: (task: number) => string;
}

interface Bar extends Span { id: string; task: number; seq: number; cls: string; y: number; h: number; tip: string }

export function drawShared(g: G, rows: SharedRows, sc: Scales, _dims: Dims): void {
  const bars: Bar[] = [];
  for (const l of rows.locks) {
    const b = rows.box(`lock.${l.lock}`);
    if (!b) continue;
    for (const h of l.holds) {
      const who = rows.taskName(h.task);
      bars.push({ ...h, cls: h.waiting ? 'hold wait' : 'hold', y: h.waiting ? b.y + b.h - 6 : b.y + 2, h: h.waiting ? 4 : b.h - 9, tip: `${l.label} ${h.waiting ? 'waited for by' : 'held by'} ${who}` });
    }
  }
  for (const s of rows.srcu) {
    const b = rows.box(`srcu.${s.srcu}`);
    if (!b) continue;
    const half = (b.h - 4) / 2;
    for (const r of s.readers) bars.push({ ...r, cls: 'hold srcu-reader', y: b.y + 2, h: half - 1, tip: `${rows.taskName(r.task)} inside ${s.label}` });
    for (const gp of s.grace) bars.push({ ...gp, cls: 'grace', y: b.y + 2 + half, h: half, tip: `grace period: ${rows.taskName(gp.task)} in synchronize_srcu()` });
  }
  const bg = g.selectAll<SVGGElement, Bar>('g.bar')
    .data(bars, (d) => d.id)
    .join((e) => { const s = e.append('g'); s.append('rect'); s.append('text'); s.append('title'); return s; })
    .attr('class', (d) => `bar ${d.cls} ${taskClass(d.task)}`)
    .attr('data-seq', (d) => d.seq);
  // Absolute x/y, no transform per bar (see drawTasks).
  bg.select('rect').attr('x', (d) => spanX(sc, d)[0]).attr('y', (d) => d.y)
    .attr('width', (d) => { const [a, b] = spanX(sc, d); return b - a; }).attr('height', (d) => d.h);
  bg.select('text').attr('x', (d) => spanX(sc, d)[0] + 2).attr('y', (d) => d.y + d.h - 2)
    .text((d) => (d.cls === 'hold' ? fitText(rows.taskName(d.task), spanX(sc, d)[1] - spanX(sc, d)[0], 5.6) : ''));
  bg.select('title').text((d) => d.tip);

  const on = rows.flags.flatMap((f) => f.on.map((o) => ({ ...o, flag: f.flag })));
  g.selectAll<SVGRectElement, (typeof on)[number]>('rect.flag-on')
    .data(on, (d) => d.id)
    .join('rect')
    .attr('class', 'flag-on')
    .attr('x', (d) => spanX(sc, d)[0])
    .attr('width', (d) => { const [a, b] = spanX(sc, d); return b - a; })
    .attr('y', (d) => (rows.box(`flag.${d.flag}`)?.y ?? 0) + 3)
    .attr('height', (d) => (rows.box(`flag.${d.flag}`)?.h ?? 6) - 6);
  const marks = rows.flags.flatMap((f) => f.marks.map((m) => ({ ...m, flag: f.flag, label: f.label })));
  g.selectAll<SVGPathElement, (typeof marks)[number]>('path.flag-mark')
    .data(marks, (d) => d.id)
    .join((e) => { const p = e.append('path'); p.append('title'); return p; })
    .attr('class', (d) => `flag-mark ${d.kind}${d.hit ? ' hit' : ''} ${taskClass(d.task)}`)
    .attr('data-seq', (d) => d.seq)
    .attr('d', (d) => {
      const x = pointX(sc, d);
      const b = rows.box(`flag.${d.flag}`);
      const cy = (b?.y ?? 0) + (b?.h ?? 0) / 2;
      return d.kind === 'set' ? `M${x},${cy - 5}L${x + 4},${cy}L${x},${cy + 5}L${x - 4},${cy}Z` : `M${x},${cy - 5}L${x},${cy + 5}`;
    })
    .select('title').text((d) => `${rows.taskName(d.task)} ${d.kind === 'set' ? 'sets' : 'checks'} ${d.label}${d.kind === 'check' && d.hit ? ': backs off' : ''}`);
}

