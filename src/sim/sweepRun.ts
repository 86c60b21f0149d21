/**
 * A sweep's cells, searched: `sweepCell` and `sweepCells` (sweep.ts has the
 * grid, the cells' views and their words). Imported by the CLI and the tests
 * from this module, not the src/sim barrel, like verdictRun.ts: the explorer
 * stays out of the page's first chunk.
 */
import type { Verdict } from './engine/verdict.ts';
import { questionKey, questionOf } from './question.ts';
import { encodeView } from './share/canonical.ts';
import type { SweepSpec, ViewState } from './share/view.ts';
import { sweepCellView, sweepGrid, type SweepCell, type SweepOptions } from './sweep.ts';
import { verdictOf, type RaceOption } from './verdictRun.ts';

function specOf(view: ViewState, opts: SweepOptions): SweepSpec {
  const spec = opts.spec ?? view.sweep ?? null;
  if (!spec) throw new Error('sweepCell: the view has no sweep (set view.sweep or pass opts.spec)');
  return spec;
}

/**
 * One cell: `verdictOf` of the view's question with the swept parameter(s)
 * set to `x` (and `y`), and the canonical link of that configuration.
 * @example sweepCell(decodeLink('#s=flash-unbind&fix=notifier-sleep&mode=timed&sweep=read:100ms..500ms:5').view, 400_000, null).verdict // 'Sometimes'
 */
export function sweepCell(view: ViewState, x: number, y: number | null = null, opts: SweepOptions & RaceOption = {}): SweepCell {
  const spec = specOf(view, opts);
  const cell = sweepCellView(view, spec, x, spec.y ? y : null);
  const model = opts.model;
  const key = `${questionKey(questionOf(cell))}|${opts.maxStates ?? ''}`;
  const v = opts.cache?.get(key) ?? verdictOf(cell, {
    ...(opts.maxStates === undefined ? {} : { maxStates: opts.maxStates }),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.race ? { race: opts.race } : {}),
  });
  opts.cache?.set(key, v);
  return {
    x, y: spec.y ? y : null, verdict: v.verdict, faulting: v.faulting, executions: v.executions, incomplete: v.incomplete,
    link: `#${model === undefined ? encodeView(cell) : encodeView(cell, model)}`, view: cell, result: v,
  };
}

/**
 * Every cell, row by row (each y, then each x), one at a time: a page shows
 * each as it comes and cancels by not asking for the next.
 * @example for (const c of sweepCells(view)) grid.set(`${c.x},${c.y}`, c.verdict)
 */
export function* sweepCells(view: ViewState, opts: SweepOptions = {}): Generator<SweepCell, void, undefined> {
  const spec = specOf(view, opts);
  const { xs, ys } = sweepGrid(spec);
  const cache = opts.cache ?? new Map<string, Verdict>();
  for (const y of ys) for (const x of xs) yield sweepCell(view, x, y, { ...opts, spec, cache });
}
