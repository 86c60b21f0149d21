import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scaleLinear } from 'd3-scale';
import { linear, makeScales, plotRange, pointX, spanX, ticks } from './scales.ts';

const dims = { width: 1000, height: 100, gutter: 200, right: 0 };

describe('scales', () => {
  it('maps the step axis by event index and the time axis by µs', () => {
    const step = makeScales('step', [0, 100], dims);
    expect(plotRange(dims)).toEqual([200, 1000]);
    expect(pointX(step, { seq: 0, t: 5000 })).toBeCloseTo(204);
    expect(spanX(step, { s0: 10, s1: 20, t0: 0, t1: 0 })).toEqual([280, 360]);
    const time = makeScales('time', [0, 1000], dims);
    expect(pointX(time, { seq: 99, t: 500 })).toBe(600);
  });

  it('keeps instants at least one pixel wide', () => {
    const time = makeScales('time', [0, 1e6], dims);
    const [a, b] = spanX(time, { s0: 0, s1: 1, t0: 10, t1: 10 });
    expect(b - a).toBe(1);
  });

  it('gives whole step numbers as ticks', () => {
    const step = makeScales('step', [0, 7], dims);
    expect(ticks(step, 800).every(Number.isInteger)).toBe(true);
  });

  it('maps, inverts and ticks as d3-scale\'s scaleLinear does', () => {
    const num = fc.double({ min: -1e7, max: 1e7, noNaN: true });
    // Windows of the axis: µs or steps, never narrower than a nanosecond (d3-array's ticks fail on subnormal spans).
    const window = fc.tuple(num, num).filter(([a, b]) => a === b || Math.abs(a - b) >= 1e-3);
    fc.assert(fc.property(window, num, fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 2, max: 20 }), num, ([d0, d1], r0, w, n, v) => {
      const ours = linear(d0, d1, r0, r0 + w);
      const d3 = scaleLinear().domain([d0, d1]).range([r0, r0 + w]);
      const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
      expect(close(ours(v), d3(v))).toBe(true);
      if (d0 !== d1 && w > 0) expect(close(ours.invert(r0 + w / 3), d3.invert(r0 + w / 3))).toBe(true);
      expect(ours.ticks(n)).toEqual(d3.ticks(n));
    }), { numRuns: 500, seed: Number(process.env.SEED ?? 20261206) });
  });
});
