/**
 * The swim lanes. React owns the <svg>s and one <g data-layer> per layer;
 * D3 marks fill those groups from pure layout data (STYLE.md 5-7). Each layer
 * redraws only when its own inputs change; the playhead moves on every step
 * through store.subscribe, without a React render.
 */
import { select } from 'd3-selection';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { taskShort } from '../sim/index.ts';
import { getAppStore, useApp, type AppState } from '../store/index.ts';
import { describeChange, formatMicros, innermost, taskName } from '../store/selectors.ts';
import { axisExtent, windowToShowCursor } from '../store/viewSlice.ts';
import { Defs } from './Defs.tsx';
import { Legend } from './Legend.tsx';
import { drawAxis } from './marks/axis.ts';
import type { G } from './marks/common.ts';
import { drawLaneBackgrounds, drawLaneLabels } from './marks/lanes.ts';
import { drawLifetimes } from './marks/lifetimes.ts';
import { drawDivergence, drawFault, drawSelection } from './marks/overlay.ts';
import { drawShared } from './marks/shared.ts';
import { drawTasks } from './marks/tasks.ts';
import { makeScales, plotRange, pointX, type Dims, type Scales } from './scales.ts';
import { boxId, buildScene, faultRows, METRICS } from './scene.ts';
import { useZoom } from './useZoom.ts';

const AXIS_H = 30;

function useWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [w, setW] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    setW(el.clientWidth);
    const ro = new ResizeObserver(() => setW(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return w;
}

/** Runs a mark into a layer whenever its inputs change. */
function useMark<R>(ref: RefObject<SVGGElement | null>, draw: (g: G, rows: R, sc: Scales, d: Dims) => void, rows: R, sc: Scales, dims: Dims): void {
  useLayoutEffect(() => {
    if (ref.current && dims.width > 0) draw(select(ref.current), rows, sc, dims);
  }, [ref, draw, rows, sc, dims]);
}

/** Moves the HTML playhead to pixel `x` of the lanes (clamped to the plot). */
function moveOverlayHead(el: HTMLDivElement, x: number, dims: Dims): void {
  const [left, right] = plotRange(dims);
  const cx = Math.max(left, Math.min(right, x)) - dims.gutter;
  el.style.transform = `translateX(${cx.toFixed(1)}px)`;
  el.dataset['x'] = x.toFixed(1);
}

interface OverlayProps { mover: RefObject<HTMLDivElement | null>; testId: string; left: number; width: number; top: number; height: number }

/**
 * The playhead and its "not yet happened" shade over a plot: HTML layers that
 * a step moves by a transform only (moveOverlayHead), so a step is composited
 * and never repaints an SVG.
 */
function PlayheadOverlay({ mover, testId, left, width, top, height }: OverlayProps) {
  return (
    <div className="head-overlay" aria-hidden="true" style={{ left, width, top, height }}>
      <div ref={mover} className="head-mover" data-testid={testId}>
        <div className="head-future" />
        <div className="head-line" />
      </div>
    </div>
  );
}

/** The run a timeline draws: the view's own (side A), or side B of a comparison. */
export type Side = 'a' | 'b';
const traceOf = (s: AppState, side: Side) => (side === 'b' && s.compare ? s.compare.b.trace : s.trace);

export function Timeline({ side = 'a', legend = true }: { side?: Side; legend?: boolean }) {
  const trace = useApp((s) => traceOf(s, side));
  const axis = useApp((s) => s.axis);
  const window = useApp((s) => s.window);
  const selected = useApp((s) => (side === 'a' ? s.selected : null));
  const diverge = useApp((s) => s.compare?.diverge ?? null);
  const stackRows = useApp((s) => s.stackRows);
  const setWindow = useApp((s) => s.setWindow);
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const axisHeadRef = useRef<HTMLDivElement>(null);
  const lanesRef = useRef<SVGSVGElement>(null);
  const layer = {
    bg: useRef<SVGGElement>(null), labels: useRef<SVGGElement>(null), tasks: useRef<SVGGElement>(null),
    lifetimes: useRef<SVGGElement>(null), shared: useRef<SVGGElement>(null),
    overlay: useRef<SVGGElement>(null), axis: useRef<SVGGElement>(null),
  };

  const width = useWidth(scrollRef);
  const scene = useMemo(() => buildScene(trace, stackRows), [trace, stackRows]);
  const gutter = width >= 1600 ? 280 : 220;
  const dims = useMemo<Dims>(() => ({ width, height: scene.height, gutter, right: 28 }), [width, scene.height, gutter]);
  const axisDims = useMemo<Dims>(() => ({ ...dims, height: AXIS_H }), [dims]);
  const extent = useMemo(() => axisExtent(trace, axis), [trace, axis]);
  const scales = useMemo(() => makeScales(axis, window ?? extent, dims), [axis, window, extent, dims]);

  const taskRows = useMemo(() => ({ lanes: scene.tasks, geo: scene.taskGeo, sliceH: METRICS.slice, stateH: METRICS.state, entryH: METRICS.entry }), [scene]);
  const lifeRows = useMemo(() => ({ lanes: scene.resources, box: (r: number) => scene.boxOf.get(boxId('resource', r)) }), [scene]);
  const sharedRows = useMemo(() => ({
    locks: scene.locks, flags: scene.flags, srcu: scene.srcu,
    box: (id: string) => scene.boxOf.get(id), taskName: (t: number) => taskShort(trace.program, t),
  }), [scene, trace]);
  const fault = useMemo(() => {
    const i = trace.events.findLastIndex((e) => e.type === 'fault');
    const c = trace.fault?.causeEvent ?? -1;
    const ce = trace.events[c];
    const causeLabel = ce ? `${innermost(trace, ce)?.fn ?? ''}(): ${describeChange(trace, c)}` : '';
    return faultRows(scene, i >= 0 ? describeChange(trace, i).replace(/^FAULT /, '') : '', causeLabel);
  }, [scene, trace]);
  const selRows = useMemo(() => ({ seq: selected, t: selected === null ? 0 : trace.events[selected]?.t ?? 0 }), [selected, trace]);
  const divergeRows = useMemo(() => {
    if (!diverge) return null;
    const seq = Math.min(diverge.step, Math.max(0, trace.events.length - 1));
    const mine = side === 'a' ? diverge.a : diverge.b;
    return { seq, t: trace.events[seq]?.t ?? 0, label: `this side: ${mine.text}` };
  }, [diverge, trace, side]);
  const axisRows = useMemo(() => ({
    timeOf: (i: number) => trace.events[Math.min(i, trace.events.length - 1)]?.t,
    format: formatMicros,
    decisions: trace.decisions.map((d) => ({ seq: d.event, t: trace.events[d.event]?.t ?? 0 })),
    fault: scene.fault,
  }), [trace, scene]);

  useMark(layer.bg, drawLaneBackgrounds, scene.boxes, scales, dims);
  useMark(layer.labels, drawLaneLabels, scene.boxes, scales, dims);
  useMark(layer.tasks, drawTasks, taskRows, scales, dims);
  useMark(layer.lifetimes, drawLifetimes, lifeRows, scales, dims);
  useMark(layer.shared, drawShared, sharedRows, scales, dims);
  useMark(layer.overlay, drawFault, fault, scales, dims);
  useMark(layer.overlay, drawSelection, selRows, scales, dims);
  useMark(layer.overlay, drawDivergence, divergeRows, scales, dims);
  useMark(layer.axis, drawAxis, axisRows, scales, axisDims);

  // Transient updates: the playhead follows the cursor without re-rendering React.
  // Only a cursor move scrolls the window to it; a zoom or pan re-places the
  // playhead and leaves the window alone (it runs here on every window change).
  useLayoutEffect(() => {
    const place = (s: AppState) => {
      const t = traceOf(s, side);
      // Side B shares the cursor; a shorter run stays at its end.
      const seq = Math.min(s.cursor, t.events.length - 1);
      const e = t.events[seq];
      if (!e || dims.width <= 0) return;
      const x = pointX(scales, { seq, t: e.t });
      if (axisHeadRef.current) moveOverlayHead(axisHeadRef.current, x, dims);
      if (headRef.current) moveOverlayHead(headRef.current, x, dims);
    };
    const store = getAppStore();
    place(store.getState());
    return store.subscribe((s, prev) => {
      if (s.cursor !== prev.cursor || s.trace !== prev.trace || s.compare !== prev.compare) place(s);
      if (side === 'a' && s.cursor !== prev.cursor) {
        const w = windowToShowCursor(s);
        if (w) s.setWindow(w);
      }
    });
  }, [scales, dims, side]);

  useZoom(lanesRef, extent, window, dims, setWindow);

  const onClick = useCallback((ev: MouseEvent<SVGSVGElement>) => {
    const hit = (ev.target as Element).closest('[data-seq]');
    const seq = hit ? Number(hit.getAttribute('data-seq')) : NaN;
    if (!Number.isFinite(seq)) return;
    const s = getAppStore().getState();
    // The details panel reads side A's events: a click on side B only moves the shared cursor.
    if (side === 'a') s.select(seq);
    s.seek(seq);
  }, [side]);

  const onAxisClick = useCallback((ev: MouseEvent<SVGSVGElement>) => {
    const rect = ev.currentTarget.getBoundingClientRect();
    const v = scales.x.invert(ev.clientX - rect.left);
    const s = getAppStore().getState();
    if (scales.axis === 'step') s.seek(Math.floor(v));
    else s.seek(s.trace.events.findLastIndex((e) => e.t <= v));
  }, [scales]);

  const names = trace.program.tasks.map((_, i) => taskName(trace, i)).join(', ');
  const plotW = Math.max(0, plotRange(dims)[1] - gutter);
  const bandH = scene.boxOf.get(boxId('callout', -1))?.h ?? 0;
  return (
    <div className="timeline" data-testid="timeline" data-axis={axis} data-side={side}>
      <div className="axis-wrap">
        <svg className="axis" width={width} height={AXIS_H} onClick={onAxisClick} aria-hidden="true" data-testid="timeline.axis">
          <g data-layer="axis" ref={layer.axis} />
        </svg>
        {/* The axis's playhead too: a step never re-records the axis's ticks and decision marks. */}
        <PlayheadOverlay mover={axisHeadRef} testId="timeline.axis-playhead" left={gutter} width={plotW} top={0} height={AXIS_H} />
      </div>
      {/* Focusable so the lanes scroll from the keyboard too (arrow keys step the cursor elsewhere). */}
      <div className="lanes-scroll" ref={scrollRef} style={{ position: 'relative' }} tabIndex={0} role="region" aria-label="Swim lanes (scrolls)">
        <div className="lanes-layer">
        <svg
          ref={lanesRef}
          className="lanes"
          width={width}
          height={scene.height}
          role="img"
          aria-label={`Swim lanes of ${names}; the event log below is the text version`}
          data-testid="timeline.lanes"
          onClick={onClick}
        >
          <Defs clipWidth={plotW} clipHeight={scene.height} gutter={gutter} prefix={side === 'a' ? 'rl-' : 'rlb-'} shared={side === 'a'} />
          <g data-layer="bg" ref={layer.bg} />
          <g clipPath={`url(#${side === 'a' ? 'rl-' : 'rlb-'}plot-clip)`}>
            <g data-layer="tasks" ref={layer.tasks} />
            <g data-layer="lifetimes" ref={layer.lifetimes} />
            <g data-layer="shared" ref={layer.shared} />
            <g data-layer="overlay" ref={layer.overlay} />
          </g>
          <g data-layer="labels" ref={layer.labels} />
        </svg>
        </div>
        {/* The fault's callout band stays unshaded: it is about the whole run, not its future. */}
        <PlayheadOverlay mover={headRef} testId="timeline.playhead" left={gutter} width={plotW} top={bandH} height={scene.height - bandH} />
      </div>
      {legend ? <Legend /> : null}
    </div>
  );
}
