/**
 * A sweep (`sweep=`): the view's question asked once per value of one or two
 * parameters, each cell coloured by its verdict with the share of faulting
 * executions; the cells stream in from the worker pool, a hover gives the
 * counts, a click opens that configuration.
 */
import {
  sweepLegend,
  faultShare, formatSweep, formatSweepAxis, paramWords, questionKey, questionOf, sweepCellView, sweepGrid, sweepNotes, sweepValueText,
  type SweepSpec, type ViewState,
} from '../sim/index.ts';
import { getAppStore, useApp } from '../store/index.ts';
import { formatCount } from '../store/selectors.ts';
import type { VerdictResult } from '../store/verdictSlice.ts';

const MARK: Readonly<Record<string, string>> = { Never: 'N', Sometimes: 'S', Always: 'A', Unknown: '?' };

/** `Sometimes 44/461` (`≥` on counts of a search cut short). */
function counts(r: VerdictResult): string {
  const v = r.verdict;
  const ge = v.incomplete ? '≥' : '';
  return `${v.verdict} ${ge}${formatCount(v.faulting)}/${ge}${formatCount(v.executions)}`;
}

/** The configuration a cell stands for: the view with those values, no sweep. */
function cellView(view: ViewState, spec: SweepSpec, x: number, y: number | null): ViewState {
  const v: ViewState = { ...sweepCellView(view, spec, x, y), sched: [], start: null, t: null, sel: null };
  delete v.sweep;
  return v;
}

function Cell({ view, spec, x, y }: { view: ViewState; spec: SweepSpec; x: number; y: number | null }) {
  const v = cellView(view, spec, x, y);
  const key = questionKey(questionOf(v));
  const r = useApp((s) => s.verdicts[key]);
  const cancelled = useApp((s) => s.verdictCancelled.includes(key));
  const where = [`${spec.x.param}=${sweepValueText(spec, 'x', x)}`, ...(spec.y ? [`${spec.y.param}=${sweepValueText(spec, 'y', y)}`] : [])].join(' ');
  const open = () => getAppStore().getState().loadView(v);
  if (!r) {
    return (
      <td className={`sweep-cell pending${cancelled ? ' cancelled' : ''}`}>
        <button type="button" onClick={open} aria-label={`${where}: ${cancelled ? 'cancelled' : 'searching'}`}>{cancelled ? '–' : '…'}</button>
      </td>
    );
  }
  const share = Math.round(faultShare(r.verdict) * 100);
  return (
    <td className={`sweep-cell v-${r.verdict.verdict.toLowerCase()}`} data-verdict={r.verdict.verdict}>
      <button type="button" onClick={open} aria-label={`${where}: ${counts(r)}`} title={`${where}\n${counts(r)} ${r.verdict.counting} fault${r.verdict.incomplete ? ' (search cut short: lower bounds)' : ''}\nClick to open this configuration`}>
        {MARK[r.verdict.verdict]} {share}%{r.verdict.incomplete ? '*' : ''}
      </button>
    </td>
  );
}

function Progress({ keys }: { keys: readonly string[] }) {
  const done = useApp((s) => keys.filter((k) => k in s.verdicts).length);
  const cancelled = useApp((s) => keys.some((k) => s.verdictCancelled.includes(k)));
  const st = getAppStore().getState;
  if (done === keys.length) return <span className="muted" data-testid="sweep.progress">{done} of {keys.length} cells</span>;
  return (
    <span className="muted" data-testid="sweep.progress">
      {done} of {keys.length} cells{' '}
      {cancelled
        ? <button type="button" className="link-button" onClick={() => st().retryVerdicts()}>Search again</button>
        : <button type="button" className="link-button" onClick={() => st().cancelVerdicts()}>Cancel</button>}
    </span>
  );
}

export function SweepPanel() {
  const view = useApp((s) => s.view);
  const spec = view.sweep;
  if (!spec) return null;
  const { xs, ys } = sweepGrid(spec);
  const keys = ys.flatMap((y) => xs.map((x) => questionKey(questionOf(cellView(view, spec, x, y)))));
  const base: ViewState = { ...view };
  delete base.sweep;
  const swept: string[] = [spec.x.param, ...(spec.y ? [spec.y.param] : [])];
  const name = `Verdict sweep over ${formatSweepAxis(spec.x)}${spec.y ? ` and ${formatSweepAxis(spec.y)}` : ''}`;
  return (
    <figure className="panel sweep" aria-label={name} data-testid="sweep">
      <figcaption>
        <b>Sweep</b> <code>{formatSweep(spec)}</code> <Progress keys={keys} />{' '}
        <button type="button" className="link-button" onClick={() => getAppStore().getState().setSweep(null)}>Stop sweep</button>
        <br />
        <span className="muted">
          Each cell: {`${base.scenario} on ${base.kernel}, ${base.fixes.length ? base.fixes.join('+') : 'no fix'}, mode=${base.mode}`}, with{' '}
          {paramWords(questionOf(base)).filter((w) => !swept.includes(w.split('=')[0]!)).join(' ')} and the values below.
          {' '}{sweepLegend()}.
        </span>
        {sweepNotes(view, spec).map((n) => <span key={n} className="param-error"> {n}.</span>)}
      </figcaption>
      <div className="sweep-scroll">
        <table className="sweep-grid">
          <thead>
            <tr>
              <th scope="col">{spec.y ? `${spec.y.param} \\ ${spec.x.param}` : spec.x.param}</th>
              {xs.map((x) => <th key={x} scope="col">{sweepValueText(spec, 'x', x)}</th>)}
            </tr>
          </thead>
          <tbody>
            {ys.map((y) => (
              <tr key={String(y)}>
                <th scope="row">{spec.y ? sweepValueText(spec, 'y', y) : ''}</th>
                {xs.map((x) => <Cell key={x} view={view} spec={spec} x={x} y={y} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
