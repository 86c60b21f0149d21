/**
 * The horizontal scale (Perfetto TimeScale): a window of the step or time
 * axis mapped onto the plot area. Pure. A plain linear map with d3-array's
 * ticks: d3-scale would bring d3-interpolate, d3-color and d3-format into the
 * first load for a map of numbers to numbers.
 */
import { ticks as niceTicks } from 'd3-array';
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
  readonly x: Linear;
}

/** A linear map from a window of the axis to pixels, with its inverse and nice ticks. */
export interface Linear {
  (v: number): number;
  invert(px: number): number;
  ticks(count: number): number[];
}

/** `[d0, d1]` onto `[r0, r1]`; a window of zero width maps to the middle of the range. */
export function linear(d0: number, d1: number, r0: number, r1: number): Linear {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const f = ((v: number) => (k === 0 ? (r0 + r1) / 2 : r0 + (v - d0) * k)) as Linear;
  f.invert = (px) => (k === 0 ? d0 : d0 + (px - r0) / k);
  f.ticks = (count) => niceTicks(d0, d1, count);
  return f;
}

export function plotRange(d: Dims): [number, number] {
  return [d.gutter, Math.max(d.gutter + 10, d.width - d.right)];
}

export function makeScales(axis: AxisMode, window: Window, dims: Dims): Scales {
  const [r0, r1] = plotRange(dims);
  return { axis, x: linear(window[0], window[1], r0, r1) };
}

/** Pixel extent of a span as it is (an instant has no width). */
export function spanPx(sc: Scales, s: Span): [number, number] {
  return [sc.x(sc.axis === 'step' ? s.s0 : s.t0), sc.x(sc.axis === 'step' ? s.s1 : s.t1)];
}

/** Pixel extent of a span; at least 1px so instants stay visible. */
export function spanX(sc: Scales, s: Span): [number, number] {
  const [a, b] = spanPx(sc, s);
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
