import fc from 'fast-check';
import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import type { Window } from '../store/viewSlice.ts';
import { showsWindow, windowTransform } from './useZoom.ts';

describe('zoom transform from the window', () => {
  const [r0, r1] = [220, 824];

  it('maps the window onto the plot, and counts it as shown; a window 1 px off is not', () => {
    const arb = fc.tuple(fc.double({ min: 10, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(fc.property(arb, ([full, a, b]) => {
      const ext: Window = [0, full];
      const lo = Math.min(a, b) * (full - 4);
      const w: Window = [lo, lo + 4 + Math.abs(a - b) * (full - 4 - lo)];
      const t = windowTransform(ext, w, r0, r1);
      const d = t.rescaleX(scaleLinear().domain(ext).range([r0, r1])).domain();
      expect(d[0]! - w[0]).toBeCloseTo(0, 6);
      expect(d[1]! - w[1]).toBeCloseTo(0, 6);
      expect(showsWindow(t, ext, w, r0, r1)).toBe(true);
      const px = (w[1] - w[0]) / (r1 - r0);
      expect(showsWindow(t, ext, [w[0] + px, w[1] + px], r0, r1)).toBe(false);
    }), { seed: 1, numRuns: 500 });
  });
});
