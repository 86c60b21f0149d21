/** Shared types and helpers of the marks: `(selection, rows, scales, dims) => void` (STYLE.md 6). */
import type { Selection } from 'd3-selection';

export type G = Selection<SVGGElement, unknown, null, undefined>;

/** Colour family of a function by kernel subsystem, from its source file. */
export function subsystem(file: string): string {
  if (file.startsWith('drivers/mtd/spi-nor')) return 'spinor';
  if (file.startsWith('drivers/mtd')) return 'mtd';
  if (file === 'drivers/spi/spi.c' || file === 'drivers/spi/spi-mem.c') return 'spi';
  if (file.startsWith('drivers/spi') || file.startsWith('drivers/input')) return 'drv';
  if (file.startsWith('drivers/base')) return 'base';
  if (file.startsWith('fs/')) return 'fs';
  if (file.startsWith('kernel/')) return 'kernel';
  if (file.startsWith('arch/')) return 'arch';
  return 'other';
}

/** Fits a label into `px` pixels at about 6px per character; '' when nothing fits. */
export function fitText(text: string, px: number, charW = 6): string {
  const n = Math.floor((px - 4) / charW);
  if (n < 3) return '';
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

/** The first of `texts` that fits whole, else the last one cut to fit. */
export function fitFirst(texts: readonly string[], px: number, charW = 6): string {
  const n = Math.floor((px - 4) / charW);
  const whole = texts.find((t) => t.length <= n);
  return whole ?? fitText(texts[texts.length - 1] ?? '', px, charW);
}

export const taskClass = (task: number) => `task-${task % 6}`;

/** An item of a mark, or the item that stands for a run of them too narrow to tell apart (thin.ts). */
export type Run<T> = T & { readonly run?: readonly T[] };

/** The span covering `members`, side by side in one row (so the last ends last), keyed by its first member. */
export function mergeSpans<T extends { readonly id: string; readonly s1: number; readonly t1: number }>(members: readonly T[]): Run<T> {
  const first = members[0]!;
  const last = members[members.length - 1]!;
  return { ...first, id: `${first.id}~${members.length}`, s1: last.s1, t1: last.t1, run: members };
}

/**
 * The tooltip of a run: how many, and which (the first few distinct names, in
 * order). On the time axis calls that take no time stay one mark at any zoom:
 * the step axis gives each its own column.
 */
export function runTip(count: number, noun: string, names: readonly string[], axis: 'step' | 'time'): string {
  const distinct = [...new Set(names)];
  const how = axis === 'step' ? 'zoom in to see each' : 'zoom in, or see each on the step axis';
  return `${count} ${noun} too short to tell apart at this zoom (${how}): ${distinct.slice(0, 5).join(', ')}${distinct.length > 5 ? ', …' : ''}`;
}
