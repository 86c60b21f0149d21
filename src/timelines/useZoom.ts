/**
 * d3-zoom on the lanes, x only: ctrl/⌘+wheel (or pinch) zooms, drag pans,
 * plain wheel keeps scrolling the page. The store's window is the truth; the
 * zoom transform is re-derived from it so buttons and keys stay in sync.
 *
 * Only a user's gesture writes the store. A transform applied here while a
 * gesture is running (a wheel gesture lasts 150 ms past its last event, a drag
 * until mouseup) joins that gesture in d3-zoom and its "zoom" event carries the
 * gesture's sourceEvent; writing that back re-rendered, re-applied and wrote
 * again without end ("Maximum update depth exceeded"). `applying` marks our own
 * transforms, and a transform that already shows the window is not re-applied.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { scaleLinear } from 'd3-scale';
import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { Window } from '../store/viewSlice.ts';
import { plotRange, type Dims } from './scales.ts';

/** How far (px) the current transform may put the window's ends from the plot's ends and still count as showing it. */
const SAME_PX = 0.01;

/** The transform that maps window `w` of `extent` onto the plot [r0, r1]. */
export function windowTransform(extent: Window, w: Window, r0: number, r1: number): ZoomTransform {
  const base = scaleLinear().domain([extent[0], extent[1]]).range([r0, r1]);
  const k = (r1 - r0) / Math.max(1e-9, base(w[1]) - base(w[0]));
  return zoomIdentity.translate(r0 - k * base(w[0]), 0).scale(k);
}

/** True when transform `t` already maps window `w` onto [r0, r1] (within SAME_PX). */
export function showsWindow(t: ZoomTransform, extent: Window, w: Window, r0: number, r1: number): boolean {
  const base = scaleLinear().domain([extent[0], extent[1]]).range([r0, r1]);
  return Math.abs(t.applyX(base(w[0])) - r0) <= SAME_PX && Math.abs(t.applyX(base(w[1])) - r1) <= SAME_PX;
}

export function useZoom(
  target: RefObject<SVGSVGElement | null>,
  extent: Window,
  window: Window | null,
  dims: Dims,
  setWindow: (w: Window | null) => void,
): void {
  const behavior = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const applying = useRef(false);
  const [r0, r1] = plotRange(dims);

  // Layout effects, so the transform matches the window before the next input event reads it.
  useLayoutEffect(() => {
    const el = target.current;
    if (!el || dims.width <= 0) return undefined;
    const base = scaleLinear().domain([extent[0], extent[1]]).range([r0, r1]);
    const z = zoom<SVGSVGElement, unknown>()
      .filter((ev: Event) => (ev.type === 'wheel' ? (ev as WheelEvent).ctrlKey || (ev as WheelEvent).metaKey : (ev as MouseEvent).button === 0 && ev.type !== 'dblclick'))
      .scaleExtent([1, Math.max(1, (extent[1] - extent[0]) / 4)])
      .extent([[r0, 0], [r1, Math.max(1, dims.height)]])
      .translateExtent([[r0, -Infinity], [r1, Infinity]])
      .on('zoom', (ev: D3ZoomEvent<SVGSVGElement, unknown>) => {
        if (applying.current || !ev.sourceEvent) return; // ours: the store already has it
        const d = ev.transform.rescaleX(base).domain();
        setWindow([d[0]!, d[1]!]);
      });
    behavior.current = z;
    const sel = select(el);
    sel.call(z).on('dblclick.zoom', null);
    return () => { sel.on('.zoom', null); };
  }, [target, extent, r0, r1, dims.width, dims.height, setWindow]);

  useLayoutEffect(() => {
    const el = target.current;
    const z = behavior.current;
    if (!el || !z) return;
    const w = window ?? extent;
    if (showsWindow(zoomTransform(el), extent, w, r0, r1)) return;
    applying.current = true;
    try {
      select(el).call(z.transform, windowTransform(extent, w, r0, r1));
    } finally {
      applying.current = false;
    }
  }, [target, window, extent, r0, r1]);
}
