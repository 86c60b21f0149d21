/**
 * Stepping: Restart, Step back, Play/Pause, Step forward, a scrubber, the
 * one obvious way to the crash (Jump to fault), and the axis toggles. The
 * share group sits on the next row, beside the scheduling choice (App.tsx);
 * theme and help are in the header.
 */
import { getAppStore, useApp } from '../store/index.ts';
import { faultIndex, formatMicros, verdictKey } from '../store/selectors.ts';
import { DEFAULT_STACK_ROWS } from '../store/viewSlice.ts';
import { Icon } from './Icon.tsx';

export function Toolbar() {
  const cursor = useApp((s) => s.cursor);
  const trace = useApp((s) => s.trace);
  const playing = useApp((s) => s.playing);
  const axis = useApp((s) => s.axis);
  const zoomed = useApp((s) => s.window !== null);
  const stackRows = useApp((s) => s.stackRows);
  // Where this run does not fault, the question's shortest faulting execution (once the verdict has one).
  const ce = useApp((s) => s.verdicts[verdictKey(s.view, s.view.fixes, s.view.mode)]?.verdict.counterexample ?? null);
  // Actions are stable functions: read them once, subscribe to nothing.
  const a = getAppStore().getState();
  const last = Math.max(0, trace.events.length - 1);
  const fault = faultIndex(trace);
  const t = trace.events[cursor]?.t ?? 0;
  return (
    <div className="toolbar" role="toolbar" aria-label="Stepping">
      <div className="group">
        <button type="button" onClick={a.restart} aria-label="Restart" title="Restart (Home)"><Icon name="restart" /></button>
        <button type="button" onClick={a.stepBack} aria-label="Step back" title="Step back (←)" disabled={cursor === 0}><Icon name="back" /></button>
        <button type="button" onClick={a.togglePlay} aria-label={playing ? 'Pause' : 'Play'} title="Play / Pause (Space)" className="play">
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button type="button" onClick={a.stepForward} aria-label="Step forward" title="Step forward (→)" disabled={cursor >= last}><Icon name="forward" /></button>
      </div>
      <label className="scrub">
        <span className="visually-hidden">Step</span>
        <input
          type="range" min={0} max={last} value={cursor} step={1}
          onChange={(e) => a.seek(Number(e.target.value))}
          aria-label="Step" aria-valuetext={`step ${cursor} of ${last}, ${formatMicros(t)}`}
          data-testid="scrubber"
        />
      </label>
      <output className="position" data-testid="position" aria-live="off">
        step <b>{cursor}</b>/{last} · <b>{formatMicros(t)}</b>
      </output>
      <button
        type="button" className={`jump-fault${(fault >= 0 && cursor !== fault) || (fault < 0 && ce) ? ' ready' : ''}`}
        onClick={a.jumpToFault} disabled={fault < 0 && !ce}
        title={fault >= 0 ? 'Jump to fault (F)' : 'Open the shortest faulting execution of this question (F)'}
        aria-describedby="fault-hint" data-testid="jump-fault"
      >
        {fault >= 0 || !ce ? 'Jump to fault' : 'Show a faulting run'}
      </button>
      <span id="fault-hint" className="fault-hint">
        {fault >= 0 ? `this run faults at step ${fault}` : ce ? `this run does not fault; another one does (${ce.moves} moves)` : 'this run does not fault'}
      </span>
      <div className="group view-group" role="group" aria-label="Time axis">
        <button type="button" aria-pressed={axis === 'step'} onClick={() => a.setAxis('step')} title="Every event one column: µs detail stays readable (T)">Steps</button>
        <button type="button" aria-pressed={axis === 'time'} onClick={() => a.setAxis('time')} title="Linear virtual time (T)">Time</button>
        <button type="button" onClick={a.fit} title="Fit the whole run (0)" disabled={!zoomed}>Fit</button>
        <button
          type="button" aria-pressed={stackRows === null} onClick={() => a.setStackRows(stackRows === null ? DEFAULT_STACK_ROWS : null)}
          title="Show every frame of every call stack (otherwise deep frames share the last row of a lane)"
        >
          Full stacks
        </button>
      </div>
    </div>
  );
}
