/**
 * The smaller or narrower questions an answer the state cap stopped points
 * to (incompleteSentence names them in words): each a view of its own, which
 * may complete where this one did not, and which answers only itself.
 */
import type { Question } from './question.ts';
import { smallerWays } from './incomplete.ts';
import type { Verdict } from './engine/verdict.ts';
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
 * For the question `q` of `view`, when the state cap stopped its search (`v`; not one --speedcheck stopped, nor a
 * complete answer, nor a Never the modular search proved: then none): what smallerWays() says it can give up, each as a view of its own: every reader
 * count up to this one (a sweep), the same question without the eraser, timed (mode any: the given durations), or
 * without a latency window (timed, lat=). A fixed start has no link: which start would be a guess.
 * @example nearerQuestions(view, questionOf(view), v).map((n) => n.command) // ['sweep', 'check'] for readers=8, mode any
 */
export function nearerQuestions(view: ViewState, q: Question, v: Pick<Verdict, 'incomplete' | 'speedcheck' | 'modular'>): Nearer[] {
  if (!v.incomplete || v.speedcheck || v.modular?.proved) return [];
  const base: ViewState = { ...view, start: null, sched: [], t: null, sel: null, sweep: null, cmp: null, cmpk: null };
  const p = q.params;
  return smallerWays(q).flatMap((w): Nearer[] => {
    switch (w) {
      case 'readers': {
        const axis = sweepAxis('readers', 1, p.readers, null);
        const sweep = typeof axis === 'string' ? axis : sweepOf(axis, null);
        return typeof sweep === 'string' ? [] : [{ what: `every reader count from 1 to ${p.readers}`, command: 'sweep', view: { ...base, sweep } }];
      }
      case 'eraser': return [{ what: 'without the eraser', command: 'check', view: { ...base, params: { ...base.params, erase: null } } }];
      // Mode any reads no start; timed, a fixed at= narrows the question to that start: say so.
      case 'timed': return [{ what: `timed: the given durations${p.at === null ? '' : `, the unbind at ${formatDuration(p.at)} only`}`, command: 'check', view: { ...base, mode: 'timed' } }];
      case 'lat': return [{ what: 'without a latency window (lat=0)', command: 'check', view: { ...base, params: { ...base.params, lat: 0 } } }];
      case 'at': return [];
    }
  });
}
