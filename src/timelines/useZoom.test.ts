import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Window } from '../store/viewSlice.ts';
import { MIN_SPAN, panBy, wheelLog2, zoomAt } from './useZoom.ts';

const windows = fc.tuple(fc.double({ min: 10, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([full, a, b]): [Window, Window] => {
    const lo = Math.min(a, b) * (full - MIN_SPAN);
    return [[0, full], [lo, lo + MIN_SPAN + Math.abs(a - b) * (full - MIN_SPAN - lo)]];
  });

describe('zoom and pan on the window', () => {
  it('one Ctrl+wheel notch of deltaY 50 is one doubling, as in d3-zoom', () => {
    expect(2 ** wheelLog2(-50, 0, true)).toBe(2);
    expect(2 ** wheelLog2(25, 0, true)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(wheelLog2(-1, 1, true)).toBeCloseTo(0.5, 12);
  });

  it('zooming keeps the value under the pointer in place, stays inside the run and never narrower than MIN_SPAN', () => {
    fc.assert(fc.property(windows, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true }), ([ext, w], at, log2) => {
      const v = w[0] + at * (w[1] - w[0]);
      const z = zoomAt(w, ext, v, 2 ** log2);
      expect(z[0]).toBeGreaterThanOrEqual(ext[0] - 1e-6);
      expect(z[1]).toBeLessThanOrEqual(ext[1] + 1e-6);
      const span = z[1] - z[0];
      expect(span).toBeGreaterThanOrEqual(MIN_SPAN - 1e-6);
      const want = Math.min(ext[1] - ext[0], Math.max(MIN_SPAN, (w[1] - w[0]) / 2 ** log2));
      expect(span).toBeCloseTo(want, 6);
      // Unless the window hit an end of the run, v sits at the same fraction of it.
      if (z[0] > ext[0] + 1e-6 && z[1] < ext[1] - 1e-6) expect((v - z[0]) / span).toBeCloseTo(at, 6);
    }), { seed: 2, numRuns: 500 });
  });

  it('a pan keeps the span and stops at the ends of the run', () => {
    fc.assert(fc.property(windows, fc.double({ min: -1e6, max: 1e6, noNaN: true }), ([ext, w], d) => {
      const p = panBy(w, ext, d);
      expect(p[1] - p[0]).toBeCloseTo(w[1] - w[0], 6);
      expect(p[0]).toBeGreaterThanOrEqual(ext[0] - 1e-6);
      expect(p[1]).toBeLessThanOrEqual(ext[1] + 1e-6);
      if (w[0] + d >= ext[0] && w[1] + d <= ext[1]) expect(p[0]).toBeCloseTo(w[0] + d, 6);
    }), { seed: 3, numRuns: 500 });
  });
});
