/**
 * The horizontal scale (Perfetto TimeScale): a window of the step or time
 * axis mapped onto the plot area. Pure; d3-scale only.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { AxisMode, Window } from '../store/viewSlice.ts';
import type { Point, Span } from './layout.ts';

export interface Dims {
  readonly width: number;
  readonly height: number;
  /** Left column for lane labels. */
  readonly gutter: number;
  readonly right: number;
}

export interface Scales {
  readonly axis: AxisMode;
  readonly x: ScaleLinear<number, number>;
}

export function plotRange(d: Dims): [number, number] {
  return [d.gutter, Math.max(d.gutter + 10, d.width - d.right)];
}

export function makeScales(axis: AxisMode, window: Window, dims: Dims): Scales {
  return { axis, x: scaleLinear().domain([window[0], window[1]]).range(plotRange(dims)) };
}

/** Pixel extent of a span; at least 1px so instants stay visible. */
export function spanX(sc: Scales, s: Span): [number, number] {
  const a = sc.x(sc.axis === 'step' ? s.s0 : s.t0);
  const b = sc.x(sc.axis === 'step' ? s.s1 : s.t1);
  return b - a < 1 ? [a, a + 1] : [a, b];
}

/** Pixel position of an event: the middle of its step column, or its time. */
export function pointX(sc: Scales, p: Point): number {
  return sc.x(sc.axis === 'step' ? p.seq + 0.5 : p.t);
}

/** Whole-number ticks in step mode; nice time ticks otherwise. */
export function ticks(sc: Scales, width: number): number[] {
  const n = Math.max(2, Math.floor(width / 110));
  const t = sc.x.ticks(n);
  return sc.axis === 'step' ? t.filter((v) => Number.isInteger(v)) : t;
}
