/**
 * Session state that never flows back into the simulation (STYLE.md 4):
 * the visible window, hover and selection, the time axis, theme, help sheet.
 */
import type { StateCreator } from 'zustand';
import type { Trace, ViewState } from '../sim/index.ts';
import type { AppState } from './types.ts';

/** `step`: every event one column (µs detail readable); `time`: linear virtual time. */
export type AxisMode = 'step' | 'time';
export type Theme = 'system' | 'light' | 'dark';
export type Window = readonly [number, number];

export interface ViewSlice {
  axis: AxisMode;
  /** Visible domain in axis units (steps or µs); null = fit to the whole run. */
  window: Window | null;
  hovered: number | null;
  selected: number | null;
  theme: Theme;
  helpOpen: boolean;
  /** Rows per task lane before deeper frames fold into a leaf row; null = full stacks. */
  stackRows: number | null;
  setStackRows(rows: number | null): void;
  setAxis(axis: AxisMode): void;
  setWindow(w: Window | null): void;
  /** Zooms by `factor` (>1 = in) around `center` (axis units; default the window's middle). */
  zoomBy(factor: number, center?: number): void;
  fit(): void;
  hover(i: number | null): void;
  select(i: number | null): void;
  cycleTheme(): void;
  setHelpOpen(open: boolean): void;
}

/** The full domain of an axis for a trace. */
export function axisExtent(trace: Trace, axis: AxisMode): Window {
  return axis === 'step' ? [0, Math.max(1, trace.events.length)] : [0, Math.max(1, trace.end)];
}

/** Smallest visible span: 4 steps or 4 µs. */
const MIN_SPAN = 4;

/**
 * Clamps a window inside the extent, keeping at least MIN_SPAN; null when it
 * covers everything (or is not a window: NaN). Idempotent: a window it returns
 * comes back unchanged, so a window re-derived from a clamped one (the zoom
 * transform, the playhead follow) does not move again.
 */
export function clampWindow(w: Window, extent: Window): Window | null {
  const [e0, e1] = extent;
  const full = e1 - e0;
  const want = w[1] - w[0];
  if (!(want < full)) return null;
  if (w[0] >= e0 && w[1] <= e1 && want >= MIN_SPAN) return [w[0], w[1]];
  const span = Math.max(MIN_SPAN, want);
  if (span >= full) return null;
  const a = Math.max(e0, Math.min(w[0], e1 - span));
  const b = Math.min(e1, a + span);
  return b - a >= full ? null : [a, b];
}

/** Both fit, or both have the same ends. */
export function sameWindow(a: Window | null, b: Window | null): boolean {
  if (a === null || b === null) return a === b;
  return a[0] === b[0] && a[1] === b[1];
}

/** Where the cursor sits on an axis: the middle of its step column, or its time. */
export function cursorAt(s: Pick<AppState, 'trace' | 'cursor' | 'axis'>): number | null {
  const e = s.trace.events[s.cursor];
  if (!e) return null;
  return s.axis === 'step' ? s.cursor + 0.5 : e.t;
}

/**
 * The window re-centred on the cursor when a zoomed window has lost it, else
 * null (fit, or the cursor is in view). In axis units against the store's
 * window, so once set (and clamped: the cursor is inside the extent) it
 * reports null: following the cursor takes one write, never a loop.
 */
export function windowToShowCursor(s: Pick<AppState, 'trace' | 'cursor' | 'axis' | 'window'>): Window | null {
  const w = s.window;
  const c = cursorAt(s);
  if (!w || c === null || (c >= w[0] && c <= w[1])) return null;
  const span = w[1] - w[0];
  return [c - span / 2, c + span / 2];
}

/** Enough rows for syscall → driver context while every lane fits a laptop screen. */
export const DEFAULT_STACK_ROWS = 9;

/** The session state a link's look keys set: the axis and full stacks. */
export function lookOf(view: Pick<ViewState, 'axis' | 'full'>): Pick<ViewSlice, 'axis' | 'stackRows'> {
  return { axis: view.axis, stackRows: view.full ? null : DEFAULT_STACK_ROWS };
}

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  axis: 'step',
  window: null,
  hovered: null,
  selected: null,
  theme: 'system',
  helpOpen: false,
  stackRows: DEFAULT_STACK_ROWS,
  setStackRows(rows) {
    set({ stackRows: rows });
  },
  setAxis(axis) {
    if (axis !== get().axis) set({ axis, window: null });
  },
  setWindow(w) {
    // No store update (and so no render) when the window does not change: the
    // window is written back from zoom events and the playhead follow, and a
    // fresh array each time would re-run everything that depends on it.
    const s = get();
    const next = w === null ? null : clampWindow(w, axisExtent(s.trace, s.axis));
    if (!sameWindow(s.window, next)) set({ window: next });
  },
  zoomBy(factor, center) {
    const s = get();
    const ext = axisExtent(s.trace, s.axis);
    const w = s.window ?? ext;
    const c = center ?? (w[0] + w[1]) / 2;
    const span = (w[1] - w[0]) / factor;
    const ratio = (c - w[0]) / (w[1] - w[0]);
    get().setWindow([c - span * ratio, c - span * ratio + span]);
  },
  fit() {
    if (get().window !== null) set({ window: null });
  },
  hover(i) {
    if (get().hovered !== i) set({ hovered: i });
  },
  select(i) {
    set({ selected: i });
  },
  cycleTheme() {
    const i = THEMES.indexOf(get().theme);
    set({ theme: THEMES[(i + 1) % THEMES.length]! });
  },
  setHelpOpen(open) {
    set({ helpOpen: open });
  },
});
