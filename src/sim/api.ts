/**
 * The services the page, the worker and the CLI call: build a program for a
 * view, run one execution (a replay), a counterexample's view. Pure and
 * deterministic. The words that state a verdict are in question.ts; the
 * search that finds it, in verdictRun.ts.
 */
import type { FixId, KernelId, ScenarioId } from './catalogue/source.ts';
import { FIX_IDS } from './catalogue/index.ts';
import type { Counterexample } from './engine/verdict.ts';
import type { Program } from './engine/program.ts';
import { run } from './engine/run.ts';
import type { Trace } from './engine/trace.ts';
import { programOf, questionOf, type Question } from './question.ts';
import { replayStart, type ParamOverrides, type ViewState } from './share/view.ts';

/** Compiles the program a view describes. */
export function buildProgram(scenario: ScenarioId, kernel: KernelId, fixes: readonly FixId[], o: ParamOverrides): Program {
  return programOf(questionOf({ scenario, kernel, fixes, params: o, mode: 'any' }));
}

/**
 * One execution: the replay the page draws and `racelanes run` prints. Its
 * unbind starts at `at` when the question fixes it, else at the view's
 * `start`, else at the scenario's documented default.
 * @example simulate(parseLink('#s=flash-unbind').view).fault?.kind === 'use-after-free'
 */
export function simulate(view: Pick<ViewState, 'scenario' | 'kernel' | 'fixes' | 'params' | 'mode' | 'start' | 'sched'>): Trace {
  const program = buildProgram(view.scenario, view.kernel, view.fixes, view.params);
  return run({ program, mode: view.mode, at: replayStart(view), schedule: view.sched });
}

/** The fix sets the verdict table shows: none, each fix alone, all together. */
export const FIX_SETS: readonly (readonly FixId[])[] = [[], ...FIX_IDS.map((f) => [f]), [...FIX_IDS]];


/**
 * The link of a counterexample: the question it answers (the view's scenario,
 * kernel, fixes, parameters and mode, unchanged) plus one replay (its start
 * and schedule), with the cursor at the fault.
 */
export function counterexampleView(view: ViewState, q: Question, ce: Counterexample): ViewState {
  return {
    ...view, scenario: q.scenario, kernel: q.kernel, fixes: [...q.fixes], mode: q.mode, start: ce.at, sched: [...ce.schedule], t: 'fault', sel: null,
  };
}
