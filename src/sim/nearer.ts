/**
 * The smaller or narrower questions an answer the state cap stopped points
 * to (incompleteSentence names them in words): each a view of its own, which
 * may complete where this one did not, and which answers only itself.
 */
import type { Question } from './question.ts';
import { formatDuration } from './share/codecs.ts';
import { sweepAxis, sweepOf } from './share/keys.ts';
import type { ViewState } from './share/view.ts';

export interface Nearer {
  /** What the question is, next to this one. */
  readonly what: string;
  /** `sweep` for a sweep (one question per value), `check` for one question. */
  readonly command: 'check' | 'sweep';
  readonly view: ViewState;
}

/**
 * For the question `q` of `view` (a search the cap stopped): every reader count
 * up to this one (a sweep), the same question without the eraser, timed (mode
 * any: the given durations), or without a latency window (timed, lat=).
 * @example nearerQuestions(view, questionOf(view)).map((n) => n.command) // ['sweep', 'check'] for readers=8, mode any
 */
export function nearerQuestions(view: ViewState, q: Question): Nearer[] {
  const base: ViewState = { ...view, start: null, sched: [], t: null, sel: null, sweep: null, cmp: null, cmpk: null };
  const out: Nearer[] = [];
  const n = q.params.readers;
  if (n > 1) {
    const axis = sweepAxis('readers', 1, n, null);
    const sweep = typeof axis === 'string' ? axis : sweepOf(axis, null);
    if (typeof sweep !== 'string') out.push({ what: `every reader count from 1 to ${n}`, command: 'sweep', view: { ...base, sweep } });
  }
  if (q.params.erase !== null) out.push({ what: 'without the eraser', command: 'check', view: { ...base, params: { ...base.params, erase: null } } });
  if (q.mode === 'any') {
    // Mode any reads no start; timed, a fixed at= narrows the question to that start: say so.
    const at = q.params.at === null ? '' : `, the unbind at ${formatDuration(q.params.at)} only`;
    out.push({ what: `timed: the given durations${at}`, command: 'check', view: { ...base, mode: 'timed' } });
  }
  else if (q.params.lat > 0) out.push({ what: 'without a latency window (lat=0)', command: 'check', view: { ...base, params: { ...base.params, lat: 0 } } });
  return out;
}
