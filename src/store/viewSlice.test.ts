import { describe, expect, it } from 'vitest';
import { createAppStore } from './index.ts';
import { axisExtent, clampWindow } from './viewSlice.ts';

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
});
