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
        {' '}The verdict above covers every execution of its question, as its question says.
      </p>
    );
  } else if (cursor < f) {
    body = (
      <p>
        {taskWithPid(trace, trace.fault.task)} faults at <b>step {f}</b> ({formatMicros(trace.fault.t)}), {f - cursor} steps ahead.{' '}
        Use <b>Jump to fault</b> (key <kbd>F</kbd>) to read the report.
      </p>
    );
  } else if (trace.report) {
    const r = trace.report;
    body = (
      <>
        <p className="oops-who">
          {taskWithPid(trace, trace.fault.task)}, at step {f}: {r.kind === 'kernel' ? `what kernel ${trace.program.kernel.id} prints` : 'racelanes\' observation (the kernel prints nothing)'}
        </p>
        <pre className={`oops-text${r.kind === 'observation' ? ' observation' : ''}`} data-testid="oops.text" tabIndex={0} aria-label={r.kind === 'kernel' ? 'Kernel report' : 'racelanes observation'}>{r.text}</pre>
        {r.notes.length ? <ul className="oops-notes" data-testid="oops.notes">{r.notes.map((n, i) => <li key={i}><b>racelanes:</b> {n}</li>)}</ul> : null}
      </>
    );
  }
  const kind = trace.report?.kind === 'observation' ? 'Observation' : 'Oops';
  return (
    <section className={`panel oops-panel${cursor >= f && f >= 0 ? ' shown' : ''}`} role="region" aria-label="Oops" data-testid="oops">
      <h2>{kind}</h2>
      {body}
    </section>
  );
}
