/** The simulated kernel report, once the cursor reaches the fault; before that, where it will happen. */
import { useApp } from '../store/index.ts';
import { faultIndex, formatMicros, taskName, taskWithPid } from '../store/selectors.ts';

export function OopsPanel() {
  const trace = useApp((s) => s.trace);
  const cursor = useApp((s) => s.cursor);
  const f = faultIndex(trace);
  let body;
  if (f < 0 || !trace.fault) {
    body = (
      <p className="muted">
        No fault in this execution{trace.hung.length ? `; hung: ${trace.hung.map((t) => taskName(trace, t)).join(', ')}` : ''}.
        {' '}The verdict above covers every other interleaving.
      </p>
    );
  } else if (cursor < f) {
    body = (
      <p>
        {taskWithPid(trace, trace.fault.task)} faults at <b>step {f}</b> ({formatMicros(trace.fault.t)}), {f - cursor} steps ahead.{' '}
        Use <b>Jump to fault</b> (key <kbd>F</kbd>) to read the report.
      </p>
    );
  } else {
    body = (
      <>
        <p className="oops-who">{taskWithPid(trace, trace.fault.task)}, at step {f}:</p>
        <pre className="oops-text" data-testid="oops.text" tabIndex={0} aria-label="Kernel report">{trace.oops}</pre>
      </>
    );
  }
  return (
    <section className={`panel oops-panel${cursor >= f && f >= 0 ? ' shown' : ''}`} role="region" aria-label="Oops" data-testid="oops">
      <h2>Oops</h2>
      {body}
    </section>
  );
}
