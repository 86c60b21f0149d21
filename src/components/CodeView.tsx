/**
 * Per task, the simplified kernel C of the function it is in at the cursor,
 * the current line highlighted and lines a fix added marked `+`.
 */
import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Trace } from '../sim/index.ts';
import { useApp } from '../store/index.ts';
import { codeAt, lastEventOf, taskName, taskStatus } from '../store/selectors.ts';

/** What a task card shows at the cursor, as primitives: a step re-renders only the cards that change. */
function useTaskView(task: number): { trace: Trace; code: ReturnType<typeof codeAt>; status: string } {
  const trace = useApp((s) => s.trace);
  const [at, status] = useApp(useShallow((s) => [lastEventOf(s.trace, task, s.cursor), taskStatus(s.trace, task, s.cursor)] as const));
  const code = useMemo(() => (at < 0 ? null : codeAt(trace, task, at)), [trace, task, at]);
  return { trace, code, status };
}

const TaskCode = memo(function TaskCode({ task }: { task: number }) {
  const { trace, code, status } = useTaskView(task);
  const faulted = status === 'faulted';
  return (
    <figure className={`code task-${task % 6}${faulted ? ' faulted' : ''}`} data-testid={`code.${task}`}>
      <figcaption>
        <span className="code-task">{taskName(trace, task)}</span> <span className="muted">pid {trace.program.tasks[task]?.pid} · {status}</span>
        {code ? <><br /><code className="code-fn">{code.fn}()</code> <span className="muted file">{code.file}</span></> : null}
        {code?.patch ? <><br /><span className="patch-only" data-testid={`code.${task}.patch`}>only in a proposed patch: {code.patch}</span></> : null}
      </figcaption>
      {code ? (
        <ol className="code-lines" aria-label={`${code.fn} source`} tabIndex={0}>
          {code.line < 0 ? <li className="current entry" aria-current="step"><span className="gutter"> </span>{`${code.fn}(…) {`}</li> : null}
          {code.lines.map((l, i) => {
            const added = code.added.includes(i);
            const cur = i === code.line;
            const commit = code.since[i];
            return (
              <li key={i} className={`${cur ? 'current' : ''}${added ? ' added' : ''}`} aria-current={cur ? 'step' : undefined}>
                <span className="gutter" aria-label={added ? 'added by a fix' : undefined}>{added ? '+' : ' '}</span>
                {l}
                {commit ? <span className="since" title={`This kernel has this line from commit ${commit}; the seed's 6.14-rc7 does not.`}> {commit}</span> : null}
              </li>
            );
          })}
        </ol>
      ) : <p className="muted">{status === 'not started yet' ? 'not started yet' : 'back in user space'}</p>}
    </figure>
  );
});

export function CodeView() {
  const n = useApp((s) => s.trace.program.tasks.length);
  return (
    <section className="panel code-view" aria-label="Code">
      <div className="code-grid" style={{ gridTemplateColumns: `repeat(${Math.min(n, 3)}, minmax(0, 1fr))` }}>
        {Array.from({ length: n }, (_, i) => <TaskCode key={i} task={i} />)}
      </div>
    </section>
  );
}
