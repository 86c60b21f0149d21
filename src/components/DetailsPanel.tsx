/** The selected event (or the current one): function, kernel file, full call stack, what changed. */
import { useApp } from '../store/index.ts';
import { describeChange, formatMicros, stepOf, taskName } from '../store/selectors.ts';

export function DetailsPanel() {
  const trace = useApp((s) => s.trace);
  const cursor = useApp((s) => s.cursor);
  const selected = useApp((s) => s.selected);
  const i = selected ?? cursor;
  const e = trace.events[i];
  if (!e) return null;
  const step = stepOf(trace, e);
  const stack = step?.stack ?? [];
  const fn = stack.at(-1);
  return (
    <section className="panel details" aria-labelledby="details-h" data-testid="details">
      <h2 id="details-h">{selected === null ? 'Current step' : 'Selected step'} <span className="muted">#{i}</span></h2>
      <dl>
        <dt>task</dt><dd>{taskName(trace, e.task)}</dd>
        <dt>time</dt><dd>{formatMicros(e.t)}{e.end > e.t ? ` → ${formatMicros(e.end)}` : ''}</dd>
        <dt>function</dt><dd><code>{fn ? `${fn.fn}()` : '—'}</code>{fn?.fix ? <span className="added-tag"> + {fn.fix}</span> : null}</dd>
        <dt>file</dt><dd><code>{fn?.file ?? '—'}</code></dd>
        <dt>code</dt><dd><code className="what">{e.what}</code></dd>
        <dt>changed</dt><dd className={e.type === 'fault' ? 'bad' : ''}>{describeChange(trace, i)}</dd>
      </dl>
      {stack.length ? (
        <details open={e.type === 'fault'}>
          <summary>Call stack ({stack.length} frames)</summary>
          <ol className="stack" reversed tabIndex={0} aria-label="Call stack, innermost first">
            {[...stack].reverse().map((f, k) => <li key={k}><code>{f.fn}</code> <span className="muted">{f.file}</span></li>)}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
