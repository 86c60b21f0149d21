/**
 * Comparing two fix sets (or two kernels) on one question: side A is the
 * view (`fix=`, `k=`), side B the same view with `cmp=` fixes on the `cmpk=`
 * kernel. Both replay the same schedule, the engine's choices at decision
 * points: choice i is applied at B's i-th decision point wherever the task it
 * names can move there, else B takes the default order from that decision on
 * (`trace.diverged`, as for any link whose schedule no longer applies).
 *
 * Where the runs part ("diverge"): the first step (event index) at which the
 * two traces' events differ in task (its id), function (the innermost frame
 * of the step's call stack) or C text (the step's `what`), counting the
 * fault as a difference of its own (a faulting access and the same access
 * that does not fault are two different steps). When one trace is a prefix of
 * the other, the runs part where the shorter one ends. Identical traces do not
 * diverge (null). Times are not compared: a fix that only shifts time (a
 * longer sleep) parts the runs where a different step comes first, not before.
 *
 * Pure and deterministic; verdicts are not computed here (they may be long
 * searches: ask `verdictOf` for each side's question when needed).
 */
import { simulate } from './api.ts';
import type { SimEvent, Trace } from './engine/trace.ts';
import { taskShort } from './interpret/names.ts';
import { questionOf, type Question } from './question.ts';
import { cleanC } from './share/ascii.ts';
import { compareSides, type ViewState } from './share/view.ts';

export interface CompareSide {
  /** The side's view: its fixes and kernel, the shared question and replay (no cmp, cmpk or sweep). */
  readonly view: ViewState;
  readonly question: Question;
  /** The shared replay run on this side. */
  readonly trace: Trace;
}

/** One side's step where the runs part. */
export interface DivergeStep {
  /** The event at the divergence step, or null when this run has already ended. */
  readonly event: SimEvent | null;
  /** `cat spi_nor_read(): mutex_lock(&nor->lock)`, `*** use-after-free ...`, or `(the run has ended after N steps)`. */
  readonly text: string;
  /** Decision points this run passed before the step (the index of its next decision). */
  readonly decision: number;
}

export interface Divergence {
  /** The first event index at which the two traces differ. */
  readonly step: number;
  readonly a: DivergeStep;
  readonly b: DivergeStep;
  /** One line: `step 57: A cat spi_nor_read(): ...; B cat mtdchar_read(): ...`. */
  readonly description: string;
}

export interface Comparison {
  readonly a: CompareSide;
  readonly b: CompareSide;
  readonly diverge: Divergence | null;
  /** Facts about the replay (B could not follow the schedule, ...), for the user. */
  readonly notes: readonly string[];
}

/** The innermost function of an event's step. */
export function eventFunction(trace: Trace, e: SimEvent): string {
  const s = trace.program.tasks[e.task]?.steps[e.pc];
  return s?.stack[s.stack.length - 1]?.fn ?? '?';
}

/** What "the same step" means across two programs: task id, function, C text, and whether it faults. */
export function stepIdentity(trace: Trace, e: SimEvent): string {
  const task = trace.program.tasks[e.task]?.id ?? `#${e.task}`;
  return [task, eventFunction(trace, e), e.what, e.type === 'fault' ? 'fault' : ''].join('\u0000');
}

/** `cat spi_nor_read(): mutex_lock(&nor->lock)`; a fault says so. */
export function stepWords(trace: Trace, e: SimEvent): string {
  const what = e.type === 'fault' ? `*** ${e.fault?.kind ?? 'fault'}: ${cleanC(e.what)}` : cleanC(e.what);
  return `${taskShort(trace.program, e.task)} ${eventFunction(trace, e)}(): ${what}`;
}

function decisionsBefore(trace: Trace, step: number): number {
  return trace.decisions.filter((d) => d.event >= 0 && d.event < step).length;
}

function side(trace: Trace, step: number): DivergeStep {
  const event = trace.events[step] ?? null;
  return {
    event,
    text: event ? stepWords(trace, event) : `(the run has ended after ${trace.events.length} steps)`,
    decision: decisionsBefore(trace, step),
  };
}

/**
 * Where two runs part, by the definition above; null when they never do.
 * @example divergence(simulate(a), simulate(a)) // null
 */
export function divergence(a: Trace, b: Trace): Divergence | null {
  const n = Math.min(a.events.length, b.events.length);
  let step = 0;
  while (step < n && stepIdentity(a, a.events[step]!) === stepIdentity(b, b.events[step]!)) step++;
  if (step === n && a.events.length === b.events.length) return null;
  const sa = side(a, step);
  const sb = side(b, step);
  return { step, a: sa, b: sb, description: `step ${step}: A ${sa.text}; B ${sb.text}` };
}

/** Why B did not replay the schedule exactly, or nothing. */
function replayNotes(view: ViewState, a: Trace, b: Trace): string[] {
  const out: string[] = [];
  for (const [name, t] of [['A', a], ['B', b]] as const) {
    const d = t.diverged;
    if (d) out.push(`${name} cannot follow the schedule from decision ${d.decision + 1} on (the task it names cannot move there): the default order is used from there`);
  }
  const wanted = view.sched.length;
  if (!a.diverged && !b.diverged && wanted > 0 && b.decisions.length < wanted && a.decisions.length >= wanted) {
    out.push(`B has ${b.decisions.length} decisions, fewer than the schedule's ${wanted}: the remaining choices were not used on B`);
  }
  return out;
}

/**
 * Both sides of a view's comparison, each with its question and the shared
 * replay's trace, and where the runs part. A view without `cmp`/`cmpk`
 * compares with itself (B = A: never diverges).
 * @example compareViews(decodeLink('#s=flash-unbind&fix=notifier-sleep&mode=timed&cmp=srcu-drain').view).diverge?.step
 */
export function compareViews(view: ViewState): Comparison {
  const sides = compareSides(view) ?? compareSides({ ...view, cmp: view.fixes })!;
  const ta = simulate(sides.a);
  const tb = simulate(sides.b);
  return {
    a: { view: sides.a, question: questionOf(sides.a), trace: ta },
    b: { view: sides.b, question: questionOf(sides.b), trace: tb },
    diverge: divergence(ta, tb),
    notes: replayNotes(sides.a, ta, tb),
  };
}

/** `notifier-sleep+srcu-drain`, `none`; the kernel is added when the sides' kernels differ. */
export function sideName(c: Pick<Comparison, 'a' | 'b'>, which: 'a' | 'b'): string {
  const q = c[which].question;
  const fixes = q.fixes.length ? q.fixes.join('+') : 'none';
  return c.a.question.kernel === c.b.question.kernel ? fixes : `${fixes} on ${q.kernel}`;
}
