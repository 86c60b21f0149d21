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
