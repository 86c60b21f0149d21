/**
 * Manual scheduling ("you are the scheduler", Deadlock Empire): at the next
 * point where several tasks could move, one button per task; choosing re-runs
 * from there and becomes part of the link. Undo goes back one choice.
 */
import { useApp } from '../store/index.ts';
import { nextDecision, taskName } from '../store/selectors.ts';

export function DecisionBar() {
  const trace = useApp((s) => s.trace);
  const cursor = useApp((s) => s.cursor);
  const undo = useApp((s) => s.undo);
  const choose = useApp((s) => s.chooseTask);
  const undoChoice = useApp((s) => s.undoChoice);
  const mode = useApp((s) => s.view.mode);
  const next = nextDecision(trace, cursor);
  return (
    <div className="decision-bar" role="group" aria-label="Scheduling" data-testid="decisions">
      {next ? (
        <>
          <span className="decision-where">
            {next.decision.event === cursor + 1 ? 'Now' : `At step ${next.decision.event}`} {trace.decisions.length > 1 ? `(choice ${next.index + 1} of ${trace.decisions.length})` : ''}, who runs next?
          </span>
          {next.decision.candidates.map((task, i) => {
            const chosen = task === next.decision.chosen;
            return (
              <button
                type="button" key={task}
                className={`choice${chosen ? ' chosen' : ''}`}
                onClick={() => choose(next.index, task)}
                aria-pressed={chosen}
                title={`${i + 1}: ${chosen ? 'what this run does' : 're-run with this choice'}`}
                data-testid={`choice.${task}`}
              >
                Run {taskName(trace, task)} next
              </button>
            );
          })}
        </>
      ) : (
        <span className="decision-where">
          {trace.decisions.length === 0
            ? mode === 'timed' ? 'Timed mode: durations decide the order; no ties to choose here.' : 'No scheduling choices in this run.'
            : 'No more scheduling choices after this step.'}
        </span>
      )}
      <button type="button" className="undo" onClick={undoChoice} disabled={undo.length === 0} title="Undo the last choice (U)">
        Undo
      </button>
    </div>
  );
}
