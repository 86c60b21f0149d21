/**
 * A sweep (`sweep=`): the view's question asked once per value of one or two
 * parameters, each cell coloured by its verdict with the share of faulting
 * executions; the cells stream in from the worker pool, a hover gives the
 * counts, a click opens that configuration. Once the cells are in, each timed
 * Never or Always cell is checked over every unbind start (startsCheck.ts):
 * the lines under the grid say which hold, and a cell an unbind started
 * between two steps of the others contradicts is marked `!`.
 */
import {
  sweepLegend, startsCheckText, startsWitnessView,
  faultShare, formatSweep, formatSweepAxis, paramWords, questionKey, questionOf, sweepCellView, sweepGrid, sweepNotes, sweepValueText,
  type StartsCheck, type SweepSpec, type ViewState,
} from '../sim/index.ts';
import { getAppStore, useApp } from '../store/index.ts';
import { viewToFragment } from '../store/link.ts';
import { formatCount } from '../store/selectors.ts';
import { checkState, type VerdictResult } from '../store/verdictSlice.ts';
import { sweepStartsLines } from '../store/sweepStarts.ts';

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

/** `read=300ms readers=2`: where a cell is, in the link's notation. */
function whereOf(spec: SweepSpec, x: number, y: number | null): string {
  return [`${spec.x.param}=${sweepValueText(spec, 'x', x)}`, ...(spec.y ? [`${spec.y.param}=${sweepValueText(spec, 'y', y)}`] : [])].join(' ');
}

/** A cell's tooltip line for a check over every start not answered. */
const CHECK_TITLE: Readonly<Record<'asked' | 'cancelled' | 'failed', string>> = {
  asked: 'Checking every unbind start…',
  cancelled: 'The check over every unbind start was cancelled.',
  failed: 'The check over every unbind start failed (the verdict panel says why).',
};

function Cell({ view, spec, x, y }: { view: ViewState; spec: SweepSpec; x: number; y: number | null }) {
  const v = cellView(view, spec, x, y);
  const q = questionOf(v);
  const key = questionKey(q);
  const r = useApp((s) => s.verdicts[key]);
  const cancelled = useApp((s) => s.verdictCancelled.includes(key));
  const starts = useApp((s) => checkState(s, q));
  const where = whereOf(spec, x, y);
  const open = () => getAppStore().getState().loadView(v);
  if (!r) {
    return (
      <td className={`sweep-cell pending${cancelled ? ' cancelled' : ''}`}>
        <button type="button" onClick={open} aria-label={`${where}: ${cancelled ? 'cancelled' : 'searching'}`}>{cancelled ? '–' : '…'}</button>
      </td>
    );
  }
  const share = Math.round(faultShare(r.verdict) * 100);
  const every = starts === undefined ? '' : typeof starts === 'string' ? `\n${CHECK_TITLE[starts]}` : `\n${startsCheckText(r.verdict, starts)}`;
  const contradicted = typeof starts === 'object' && starts.holds === false;
  return (
    <td
      className={`sweep-cell v-${r.verdict.verdict.toLowerCase()}${contradicted ? ' contradicted' : ''}`} data-verdict={r.verdict.verdict}
      data-every-start={starts === undefined ? undefined : typeof starts === 'string' ? starts : String(starts.holds)}
    >
      <button
        type="button" onClick={open}
        aria-label={`${where}: ${counts(r)}${contradicted ? ', not for every unbind start' : ''}`}
        title={`${where}\n${counts(r)} ${r.verdict.counting} fault${r.verdict.incomplete ? ' (search cut short: lower bounds)' : ''}${every}\nClick to open this configuration`}
      >
        {MARK[r.verdict.verdict]} {share}%{r.verdict.incomplete ? '*' : ''}{contradicted ? '!' : ''}
      </button>
    </td>
  );
}

/** The marks' legend, with `!` once some cell's check over every start contradicts its verdict. */
function Legend({ views }: { views: readonly ViewState[] }) {
  const contradicted = useApp((s) => views.some((v) => { const c = checkState(s, questionOf(v)); return typeof c === 'object' && c.holds === false; }));
  return <>{sweepLegend(contradicted)}</>;
}

/**
 * The cells' checks over every start (sweepStartsLines), once every cell is
 * in and every check it needs is answered; before that, how many are in. A
 * contradicted cell's line links to the execution that contradicts it; a
 * check that failed is named, never counted.
 */
function SweepStarts({ views, wheres }: { views: readonly ViewState[]; wheres: readonly string[] }) {
  const verdicts = useApp((s) => s.verdicts);
  const checks = useApp((s) => s.startsChecks);
  const verdictPending = useApp((s) => s.verdictPending);
  const verdictCancelled = useApp((s) => s.verdictCancelled);
  const st = { verdicts, startsChecks: checks, verdictPending, verdictCancelled };
  const state = views.map((v) => {
    const q = questionOf(v);
    const key = questionKey(q);
    return { verdict: verdicts[key]?.verdict ?? null, check: checkState(st, q), cancelled: verdictCancelled.includes(key) };
  });
  const wanted = state.filter((c) => c.check !== undefined);
  if (wanted.length === 0) return null;
  const done = wanted.filter((c) => typeof c.check === 'object').length;
  const cellsIn = state.filter((c) => c.verdict !== null).length;
  const store = getAppStore().getState();
  // A Cancel may stop a cell's search before its verdict is in (its check then never starts): the checks stop with it.
  const cellCancelled = state.some((c) => c.verdict === null && c.cancelled);
  if (cellCancelled || wanted.some((c) => c.check === 'cancelled')) {
    return (
      <p className="sweep-starts muted" data-testid="sweep.every-start" data-done={done} data-of={wanted.length}>
        The check of the timed Never or Always cells over every unbind start was cancelled ({done} of {wanted.length} in).{' '}
        <button type="button" className="link-button" onClick={() => store.retryVerdicts()}>Check again</button>
      </p>
    );
  }
  if (cellsIn < views.length || wanted.some((c) => c.check === 'asked')) {
    return (
      <p className="sweep-starts muted" data-testid="sweep.every-start" data-done={done} data-of={wanted.length}>
        Checking every unbind start for the timed Never or Always cells: {done} of {wanted.length} in{cellsIn < views.length ? ' so far' : ''}…{' '}
        <button type="button" className="link-button" onClick={() => store.cancelVerdicts()}>Cancel</button>
      </p>
    );
  }
  const lines = sweepStartsLines(state.map((c, i) => ({
    where: wheres[i]!, verdict: c.verdict?.verdict ?? 'Unknown', check: typeof c.check === 'object' ? c.check : null,
  })));
  const failed = state.flatMap((c, i) => (c.check === 'failed' ? [wheres[i]!] : []));
  return (
    <div className="sweep-starts" data-testid="sweep.every-start">
      {lines.map((l) => {
        const c = l.cell >= 0 ? (state[l.cell]!.check as StartsCheck) : null;
        const seen = c ? startsWitnessView(views[l.cell]!, questionOf(views[l.cell]!), c) : null;
        return (
          <p key={l.cell} className={c?.holds === false ? 'contradicted' : c ? 'muted' : ''}>
            {l.text}
            {seen ? <>{' '}<a href={`#${viewToFragment(seen)}`}>Open that execution</a></> : null}
          </p>
        );
      })}
      {failed.length ? <p className="muted">The check over every unbind start failed for {failed.join(', ')} (the verdict panel says why).</p> : null}
    </div>
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
  const views = ys.flatMap((y) => xs.map((x) => cellView(view, spec, x, y)));
  const wheres = ys.flatMap((y) => xs.map((x) => whereOf(spec, x, y)));
  const keys = views.map((v) => questionKey(questionOf(v)));
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
          {' '}<Legend views={views} />.
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
      <SweepStarts views={views} wheres={wheres} />
    </figure>
  );
}
