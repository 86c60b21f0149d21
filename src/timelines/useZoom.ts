/**
 * Zoom and pan on the lanes, x only: Ctrl/⌘+wheel (or a trackpad pinch, which
 * the browser sends as Ctrl+wheel) zooms about the pointer, a drag pans, a
 * plain wheel keeps scrolling the page. The store's window is the only state:
 * every gesture computes the next window from the current one (so keys,
 * buttons and gestures always continue from each other) and writes it.
 *
 * The step sizes follow d3-zoom's: one Ctrl+wheel notch of deltaY 50 is one
 * doubling (2^(50 × 0.002 × 10)); the narrowest window is 4 units (steps or
 * µs). A drag that moved suppresses the click that ends it.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { Window } from '../store/viewSlice.ts';
import { plotRange, type Dims } from './scales.ts';

/** The narrowest window (axis units). */
export const MIN_SPAN = 4;
/** A drag shorter than this (px) is a click. */
const CLICK_SLOP = 3;

/** log2 of the zoom factor for a wheel event, as d3-zoom computes it (Ctrl: 10x finer steps than pixels). */
export function wheelLog2(deltaY: number, deltaMode: number, ctrl: boolean): number {
  return -deltaY * (deltaMode === 1 ? 0.05 : deltaMode ? 1 : 0.002) * (ctrl ? 10 : 1);
}

/** `w` scaled by `factor` (> 1 zooms in) about value `v`, kept inside `extent` and no narrower than MIN_SPAN. */
export function zoomAt(w: Window, extent: Window, v: number, factor: number): Window {
  const full = extent[1] - extent[0];
  const span = Math.min(full, Math.max(Math.min(MIN_SPAN, full), (w[1] - w[0]) / factor));
  const at = (v - w[0]) / Math.max(1e-9, w[1] - w[0]);
  return clampInto([v - at * span, v - at * span + span], extent);
}

/** `w` moved by `d` axis units, kept inside `extent` (its span unchanged). */
export function panBy(w: Window, extent: Window, d: number): Window {
  return clampInto([w[0] + d, w[1] + d], extent);
}

function clampInto(w: Window, extent: Window): Window {
  const span = Math.min(w[1] - w[0], extent[1] - extent[0]);
  const lo = Math.min(Math.max(w[0], extent[0]), extent[1] - span);
  return [lo, lo + span];
}

export function useZoom(
  target: RefObject<SVGSVGElement | null>,
  extent: Window,
  window: Window | null,
  dims: Dims,
  setWindow: (w: Window | null) => void,
): void {
  // The handlers are attached once per element; they read the latest inputs here.
  const latest = useRef({ extent, window, dims, setWindow });
  latest.current = { extent, window, dims, setWindow };

  useEffect(() => {
    const el = target.current;
    if (!el) return undefined;
    /** Pointer x (px in the SVG) -> axis value in the current window, or null outside the plot. */
    const valueAt = (clientX: number): number | null => {
      const { extent: ext, window: win, dims: d } = latest.current;
      const [r0, r1] = plotRange(d);
      const x = clientX - el.getBoundingClientRect().left;
      if (x < r0 || x > r1 || r1 <= r0) return null;
      const w = win ?? ext;
      return w[0] + ((x - r0) / (r1 - r0)) * (w[1] - w[0]);
    };

    const onWheel = (ev: WheelEvent) => {
      if (!(ev.ctrlKey || ev.metaKey)) return; // a plain wheel scrolls the page
      const v = valueAt(ev.clientX);
      if (v === null) return;
      ev.preventDefault();
      const { extent: ext, window: win, setWindow: set } = latest.current;
      set(zoomAt(win ?? ext, ext, v, 2 ** wheelLog2(ev.deltaY, ev.deltaMode, true)));
    };

    let drag: { id: number; x: number; w: Window; moved: boolean } | null = null;
    const onDown = (ev: PointerEvent) => {
      if (ev.button !== 0 || valueAt(ev.clientX) === null) return;
      const { extent: ext, window: win } = latest.current;
      drag = { id: ev.pointerId, x: ev.clientX, w: win ?? ext, moved: false };
    };
    const onMove = (ev: PointerEvent) => {
      if (!drag || ev.pointerId !== drag.id) return;
      const dx = ev.clientX - drag.x;
      if (!drag.moved && Math.abs(dx) < CLICK_SLOP) return;
      if (!drag.moved) { drag.moved = true; el.setPointerCapture?.(ev.pointerId); }
      const { extent: ext, dims: d, setWindow: set } = latest.current;
      const [r0, r1] = plotRange(d);
      const perPx = (drag.w[1] - drag.w[0]) / Math.max(1, r1 - r0);
      set(panBy(drag.w, ext, -dx * perPx));
    };
    const onUp = (ev: PointerEvent) => {
      if (!drag || ev.pointerId !== drag.id) return;
      if (drag.moved) {
        el.releasePointerCapture?.(ev.pointerId);
        // The click that ends a drag is not a click on an event.
        const swallow = (c: Event) => { c.stopPropagation(); c.preventDefault(); };
        el.addEventListener('click', swallow, { capture: true, once: true });
        setTimeout(() => el.removeEventListener('click', swallow, { capture: true }), 0);
      }
      drag = null;
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
    el.addEventListener('pointercancel', onUp);
    return () => {
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', onUp);
      el.removeEventListener('pointercancel', onUp);
    };
  }, [target]);
}
