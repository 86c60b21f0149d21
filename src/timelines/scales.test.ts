import { describe, expect, it } from 'vitest';
import { makeScales, plotRange, pointX, spanX, ticks } from './scales.ts';

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
});
