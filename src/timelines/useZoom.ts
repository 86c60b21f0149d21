/**
 * d3-zoom on the lanes, x only: ctrl/⌘+wheel (or pinch) zooms, drag pans,
 * plain wheel keeps scrolling the page. The store's window is the truth; the
 * zoom transform is re-derived from it so buttons and keys stay in sync.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import { scaleLinear } from 'd3-scale';
import { useEffect, useRef, type RefObject } from 'react';
import type { Window } from '../store/viewSlice.ts';
import { plotRange, type Dims } from './scales.ts';

export function useZoom(
  target: RefObject<SVGSVGElement | null>,
  extent: Window,
  window: Window | null,
  dims: Dims,
  setWindow: (w: Window | null) => void,
): void {
  const behavior = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [r0, r1] = plotRange(dims);

  useEffect(() => {
    const el = target.current;
    if (!el || dims.width <= 0) return undefined;
    const base = scaleLinear().domain([extent[0], extent[1]]).range([r0, r1]);
    const z = zoom<SVGSVGElement, unknown>()
      .filter((ev: Event) => (ev.type === 'wheel' ? (ev as WheelEvent).ctrlKey || (ev as WheelEvent).metaKey : (ev as MouseEvent).button === 0 && ev.type !== 'dblclick'))
      .scaleExtent([1, Math.max(1, (extent[1] - extent[0]) / 4)])
      .extent([[r0, 0], [r1, Math.max(1, dims.height)]])
      .translateExtent([[r0, -Infinity], [r1, Infinity]])
      .on('zoom', (ev: D3ZoomEvent<SVGSVGElement, unknown>) => {
        if (!ev.sourceEvent) return; // programmatic: already in the store
        const d = ev.transform.rescaleX(base).domain();
        setWindow([d[0]!, d[1]!]);
      });
    behavior.current = z;
    const sel = select(el);
    sel.call(z).on('dblclick.zoom', null);
    return () => { sel.on('.zoom', null); };
  }, [target, extent, r0, r1, dims.width, dims.height, setWindow]);

  useEffect(() => {
    const el = target.current;
    const z = behavior.current;
    if (!el || !z) return;
    const base = scaleLinear().domain([extent[0], extent[1]]).range([r0, r1]);
    const w = window ?? extent;
    const k = (r1 - r0) / Math.max(1e-9, base(w[1]) - base(w[0]));
    const tx = r0 - k * base(w[0]);
    select(el).call(z.transform, zoomIdentity.translate(tx, 0).scale(k));
  }, [target, window, extent, r0, r1]);
}
