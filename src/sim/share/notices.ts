/**
 * What a user must be told when a link does not replay exactly as it was
 * made: another model, a schedule that cannot be followed, a cursor past the
 * end. Links never rot silently (compare Compiler Explorer#7169, where old
 * links quietly swapped in another compiler).
 */
import { taskShort } from '../interpret/names.ts';
import type { ViewState } from './view.ts';
import type { Trace } from '../types.ts';
import { modelFingerprint } from './fingerprint.ts';
import { trimSched } from './codecs.ts';

export interface LinkFacts {
  readonly view: ViewState;
  /** The model fingerprint the link carried, if any. */
  readonly model: string | null;
}

const taskName = (trace: Trace, i: number): string => {
  const t = trace.program.tasks[i];
  return t ? `${String.fromCharCode(97 + i)} (${taskShort(trace.program, i)})` : `${i < 26 && i >= 0 ? String.fromCharCode(97 + i) : i} (no such task)`;
};

/**
 * Notices for a decoded link, and for its replay when `trace` is given
 * (the trace of `simulate(parsed.view)`). Pure; decision numbers are 1-based.
 * @example linkNotices({ view, model: 'abc12' }, null)[0] // 'This link was made with model abc12; this is model ...'
 */
export function linkNotices(parsed: LinkFacts, trace: Trace | null, current: string = modelFingerprint()): string[] {
  const out: string[] = [];
  const other = parsed.model !== null && parsed.model !== current;
  if (other) out.push(`This link was made with model ${parsed.model}; this is model ${current}: replaying on the current model`);
  if (!trace) return out;
  const d = trace.diverged;
  const sched = trimSched(parsed.view.sched);
  if (d) {
    const can = d.candidates.map((c) => taskName(trace, c)).join(', ');
    out.push(`The replay diverges at decision ${d.decision + 1}: the link picks task ${taskName(trace, d.wanted)}, ` +
      `but only ${can} can move there; the default order is used where the link's choice is impossible`);
  } else if (sched.length > trace.decisions.length) {
    out.push(`The replay diverges at decision ${trace.decisions.length + 1}: this run has ${trace.decisions.length} decisions ` +
      `but the link's schedule has ${sched.length}; the remaining choices were not used`);
  }
  const t = parsed.view.t;
  if (typeof t === 'number' && t >= trace.events.length) {
    out.push(`Step ${t} is past the end of this run (${trace.events.length} steps): showing the last step`);
  } else if (t === 'fault' && !trace.fault) {
    out.push(other
      ? 'The link jumps to the fault, but on the current model this run has no fault: showing the end'
      : 'The link jumps to the fault, but this run has no fault: showing the end');
  }
  return out;
}
