/**
 * Manual scheduling ("you are the scheduler", Deadlock Empire): once the user
 * steps, at the next point where several tasks could move, one button per
 * task; choosing re-runs from there and becomes part of the link. Undo goes
 * back one choice. Before the first step it says what this replay is instead
 * of asking: the unbind start is a property of the replay, not of the question.
 */
import { useMemo } from 'react';
import { UNCOUNTED_REPLAY, formatDuration, questionOf, replayCounted, replayStart, type ViewState } from '../sim/index.ts';
import { useApp } from '../store/index.ts';
import { formatMicros, nextDecision, taskName } from '../store/selectors.ts';

/**
 * One line about the replay on screen: where its unbind starts, whether the
 * verdict counts it (`counted`: replayCounted) and whose choices it follows.
 */
function replayText(view: ViewState, decisions: number, counted: boolean): string {
  const at = formatMicros(replayStart(view));
  const covers = view.params.at !== undefined && view.params.at !== null
    ? 'the question\'s only start'
    : view.mode === 'any' ? 'any start gives the same verdict'
      : counted ? 'an order of steps the verdict counts'
        : UNCOUNTED_REPLAY;
  const sched = view.sched.length ? `, ${view.sched.filter((c) => c >= 0).length} chosen` : '';
  return `Replay: unbind at ${at} (${covers}) · ${decisions} scheduling point${decisions === 1 ? '' : 's'}${sched}; step to choose.`;
}

export function DecisionBar() {
  const trace = useApp((s) => s.trace);
  const cursor = useApp((s) => s.cursor);
  const undo = useApp((s) => s.undo);
  const choose = useApp((s) => s.chooseTask);
  const undoChoice = useApp((s) => s.undoChoice);
  const view = useApp((s) => s.view);
  const setParam = useApp((s) => s.setParam);
  const next = cursor > 0 ? nextDecision(trace, cursor) : null;
  const counted = useMemo(() => replayCounted(questionOf(view), trace), [view, trace]);
  const askAt = formatDuration(replayStart(view));
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
                className={`choice${chosen ? ' chosen' : ''} task-${task % 6}`}
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
        <span className="decision-where" data-testid="replay.info">
          {cursor === 0
            ? replayText(view, trace.decisions.length, counted)
            : trace.decisions.length === 0
              ? view.mode === 'timed' ? 'Timed mode: durations decide the order; no ties to choose here.' : 'No scheduling choices in this run.'
              : 'No more scheduling choices after this step.'}
        </span>
      )}
      {!next && cursor === 0 && !counted && (
        <button
          type="button" className="link-button" data-testid="replay.ask-start"
          title="Narrow the question to this replay's start: its verdict then counts this replay"
          onClick={() => setParam('at', askAt)}
        >
          Ask at={askAt}
        </button>
      )}
      <button type="button" className="undo" onClick={undoChoice} disabled={undo.length === 0} title="Undo the last choice (U)">
        Undo
      </button>
    </div>
  );
}
