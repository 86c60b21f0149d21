/**
 * The text twin of the lanes: one row per event, current row marked with
 * aria-current. Only the rows in view are rendered (fixed row height), so a
 * 10,000-event run costs the same as a 200-event one.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { getAppStore, useApp } from '../store/index.ts';
import { describeChange, formatMicros, innermost } from '../store/selectors.ts';

const ROW_H = 22;
const OVERSCAN = 12;

export function EventLog() {
  const trace = useApp((s) => s.trace);
  const cursor = useApp((s) => s.cursor);
  const selected = useApp((s) => s.selected);
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(320);
  const n = trace.events.length;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return undefined;
    setHeight(el.clientHeight || 320);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 320));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the current row in view as the cursor moves. Uses the scroll
  // position and height we already track, so a step never forces a layout.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const y = cursor * ROW_H;
    if (y < top || y + ROW_H * 3 > top + height) {
      const next = Math.max(0, y - height / 2);
      el.scrollTop = next;
      setTop(next);
    }
  }, [cursor, trace, top, height]);

  const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
  const last = Math.min(n, Math.ceil((top + height) / ROW_H) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const e = trace.events[i]!;
    const fn = innermost(trace, e);
    const cur = i === cursor;
    rows.push(
      <tr
        key={i}
        aria-rowindex={i + 2}
        aria-current={cur ? 'step' : undefined}
        aria-selected={i === selected}
        className={`${cur ? 'current' : ''}${e.type === 'fault' ? ' fault' : ''} task-${e.task % 6}`}
        onClick={() => { const s = getAppStore().getState(); s.seek(i); s.select(i); }}
      >
        <td className="num">{i}</td>
        <td className="num">{formatMicros(e.t)}</td>
        <td>{trace.program.tasks[e.task]?.comm ?? e.task}</td>
        <td><code>{fn?.fn ?? ''}</code></td>
        <td>{describeChange(trace, i)}</td>
        <td className="c"><code title={e.what}>{e.what}</code></td>
      </tr>,
    );
  }
  return (
    <section className="panel event-log" aria-labelledby="log-h">
      <h2 id="log-h">Event log <span className="muted">{n} events · click a row to go there</span></h2>
      <div className="log-scroll" ref={scroller} onScroll={(e) => setTop(e.currentTarget.scrollTop)} tabIndex={0} aria-label="Event log rows">
        <table aria-rowcount={n + 1} data-testid="eventlog">
          <thead>
            <tr aria-rowindex={1}><th scope="col">step</th><th scope="col">time</th><th scope="col">task</th><th scope="col">function</th><th scope="col">what happened</th><th scope="col">code</th></tr>
          </thead>
          <tbody>
            {first > 0 ? <tr className="spacer" aria-hidden="true"><td colSpan={6} style={{ height: first * ROW_H }} /></tr> : null}
            {rows}
            {last < n ? <tr className="spacer" aria-hidden="true"><td colSpan={6} style={{ height: (n - last) * ROW_H }} /></tr> : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
