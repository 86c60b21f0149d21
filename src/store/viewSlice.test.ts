import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAppStore } from './index.ts';
import { axisExtent, clampWindow, cursorAt, windowToShowCursor, type AxisMode, type Window } from './viewSlice.ts';

describe('view slice', () => {
  it('zooms around a centre, clamps to the run and fits back', () => {
    const store = createAppStore();
    const ext = axisExtent(store.getState().trace, 'step');
    expect(ext).toEqual([0, store.getState().trace.events.length]);
    store.getState().zoomBy(4, 100);
    const w = store.getState().window!;
    expect(w[1] - w[0]).toBeCloseTo(ext[1] / 4);
    expect(w[0]).toBeLessThanOrEqual(100);
    expect(w[1]).toBeGreaterThanOrEqual(100);
    store.getState().zoomBy(1e9);
    expect(store.getState().window![1] - store.getState().window![0]).toBe(4);
    store.getState().fit();
    expect(store.getState().window).toBeNull();
    expect(clampWindow([-50, 10], [0, 100])).toEqual([0, 60]);
    expect(clampWindow([-50, 500], [0, 100])).toBeNull();
  });

  it('resets the window when the axis changes, and cycles the theme', () => {
    const store = createAppStore();
    store.getState().zoomBy(2);
    store.getState().setAxis('time');
    expect(store.getState().window).toBeNull();
    expect(store.getState().axis).toBe('time');
    expect(store.getState().theme).toBe('system');
    store.getState().cycleTheme();
    store.getState().cycleTheme();
    expect(store.getState().theme).toBe('dark');
    store.getState().cycleTheme();
    expect(store.getState().theme).toBe('system');
  });

  it('clamps idempotently: a clamped window comes back unchanged, inside the extent, at least 4 wide', () => {
    const num = fc.double({ min: -1e4, max: 1e4, noNaN: true });
    const arb = fc.tuple(num, num, fc.double({ min: 1, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true }));
    fc.assert(fc.property(arb, ([a, b, full, e0]) => {
      const ext: Window = [e0, e0 + full];
      const once = clampWindow([a, b], ext);
      if (once === null) return;
      expect(clampWindow(once, ext)).toEqual(once);
      expect(once[0]).toBeGreaterThanOrEqual(ext[0]);
      expect(once[1]).toBeLessThanOrEqual(ext[1]);
      expect(once[1] - once[0]).toBeLessThan(full);
      expect(once[1] - once[0]).toBeGreaterThan(4 - 1e-9);
    }), { seed: 1, numRuns: 5000 });
    expect(clampWindow([Number.NaN, 3], [0, 100])).toBeNull();
  });

  it('does not notify when a write leaves the window as it is', () => {
    const store = createAppStore();
    let writes = 0;
    store.subscribe((s, prev) => { if (s.window !== prev.window) writes++; });
    store.getState().fit();
    store.getState().setWindow(null);
    expect(writes).toBe(0);
    store.getState().setWindow([10.1, 40.3]);
    const w = store.getState().window;
    expect(w).toEqual([10.1, 40.3]);
    store.getState().setWindow([10.1, 40.3]);
    store.getState().setWindow(clampWindow(w!, axisExtent(store.getState().trace, 'step')));
    expect(store.getState().window).toBe(w);
    expect(writes).toBe(1);
    store.getState().setWindow([-1e6, 1e6]);
    store.getState().fit();
    expect(store.getState().window).toBeNull();
    expect(writes).toBe(2);
  });

  it('follows the cursor in one write: once re-centred, the cursor is in the window', () => {
    const store = createAppStore();
    const n = store.getState().trace.events.length;
    const arb = fc.record({
      axis: fc.constantFrom<AxisMode>('step', 'time'),
      cursor: fc.integer({ min: 0, max: n - 1 }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      b: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(fc.property(arb, ({ axis, cursor, a, b }) => {
      store.getState().setAxis(axis);
      store.getState().seek(cursor);
      const ext = axisExtent(store.getState().trace, axis);
      const full = ext[1] - ext[0];
      store.getState().setWindow([Math.min(a, b) * full, Math.max(a, b) * full]);
      const next = windowToShowCursor(store.getState());
      if (next) store.getState().setWindow(next);
      expect(windowToShowCursor(store.getState())).toBeNull();
      const w = store.getState().window;
      const c = cursorAt(store.getState())!;
      if (w) expect(c >= w[0] && c <= w[1]).toBe(true);
    }), { seed: 1, numRuns: 2000 });
    store.getState().fit();
    expect(windowToShowCursor(store.getState())).toBeNull();
  });
});
