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
  sweepLegend, startsCheckKey, startsCheckText, startsCheckWant, startsWitnessView, sweepStartsLines,
  faultShare, formatSweep, formatSweepAxis, paramWords, questionKey, questionOf, sweepCellView, sweepGrid, sweepNotes, sweepValueText,
  type SweepSpec, type ViewState,
} from '../sim/index.ts';
import { getAppStore, useApp } from '../store/index.ts';
import type { AppState } from '../store/types.ts';
import { viewToFragment } from '../store/link.ts';
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

/** `read=300ms readers=2`: where a cell is, in the link's notation. */
function whereOf(spec: SweepSpec, x: number, y: number | null): string {
  return [`${spec.x.param}=${sweepValueText(spec, 'x', x)}`, ...(spec.y ? [`${spec.y.param}=${sweepValueText(spec, 'y', y)}`] : [])].join(' ');
}

/** The key of a cell's check over every start, when its verdict is in and needs one; else null. */
function startsKeyOf(s: Pick<AppState, 'verdicts'>, v: ViewState): string | null {
  const q = questionOf(v);
  const r = s.verdicts[questionKey(q)];
  return r && startsCheckWant(q, r.verdict) ? startsCheckKey(q, r.verdict.verdict) : null;
}

function Cell({ view, spec, x, y }: { view: ViewState; spec: SweepSpec; x: number; y: number | null }) {
  const v = cellView(view, spec, x, y);
  const key = questionKey(questionOf(v));
  const r = useApp((s) => s.verdicts[key]);
  const cancelled = useApp((s) => s.verdictCancelled.includes(key));
  const starts = useApp((s) => { const k = startsKeyOf(s, v); return k ? s.startsChecks[k]?.check ?? null : undefined; });
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
  // undefined: no check for this cell; null: asked, not in yet.
  const every = starts === undefined ? '' : starts === null ? '\nChecking every unbind start…' : `\n${startsCheckText(r.verdict, starts)}`;
  const contradicted = starts?.holds === false;
  return (
    <td
      className={`sweep-cell v-${r.verdict.verdict.toLowerCase()}${contradicted ? ' contradicted' : ''}`} data-verdict={r.verdict.verdict}
      data-every-start={starts === undefined ? undefined : starts === null ? '' : String(starts.holds)}
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
  const contradicted = useApp((s) => views.some((v) => {
    const k = startsKeyOf(s, v);
    return k !== null && s.startsChecks[k]?.check.holds === false;
  }));
  return <>{sweepLegend(contradicted)}</>;
}

/**
 * The cells' checks over every start (sweepStartsLines), once every cell that
 * needs one has it; while some run, how many are in. A contradicted cell's
 * line links to the execution that contradicts it.
 */
function SweepStarts({ views, wheres }: { views: readonly ViewState[]; wheres: readonly string[] }) {
  const verdicts = useApp((s) => s.verdicts);
  const checks = useApp((s) => s.startsChecks);
  const pending = useApp((s) => s.verdictPending);
  const cancelled = useApp((s) => s.verdictCancelled);
  const state = views.map((v) => {
    const k = startsKeyOf({ verdicts }, v);
    const r = k ? checks[k] : undefined;
    // A check neither answered, asked nor cancelled failed in the worker (the verdict panel says why): left out.
    const asked = k !== null && (r !== undefined || pending.includes(k) || cancelled.includes(k));
    return { verdict: verdicts[questionKey(questionOf(v))]?.verdict ?? null, check: asked ? r?.check ?? null : undefined, cancelled: k !== null && cancelled.includes(k) };
  });
  const wanted = state.filter((c) => c.check !== undefined);
  if (wanted.length === 0) return null;
  const done = wanted.filter((c) => c.check !== null).length;
  if (done < wanted.length) {
    const store = getAppStore().getState();
    return (
      <p className="sweep-starts muted" data-testid="sweep.every-start" data-done={done} data-of={wanted.length}>
        {state.some((c) => c.cancelled)
          ? <>The check of the timed Never or Always cells over every unbind start was cancelled ({done} of {wanted.length} in).{' '}<button type="button" className="link-button" onClick={() => store.retryVerdicts()}>Check again</button></>
          : <>Checking the {wanted.length} timed Never or Always cells over every unbind start: {done} of {wanted.length} in…</>}
      </p>
    );
  }
  const lines = sweepStartsLines(state.map((c, i) => ({ where: wheres[i]!, verdict: c.verdict?.verdict ?? 'Unknown', check: c.check ?? null })));
  return (
    <div className="sweep-starts" data-testid="sweep.every-start">
      {lines.map((l) => {
        const c = l.cell >= 0 ? state[l.cell]!.check! : null;
        const seen = c ? startsWitnessView(views[l.cell]!, questionOf(views[l.cell]!), c) : null;
        return (
          <p key={l.cell} className={c?.holds === false ? 'contradicted' : c ? 'muted' : ''}>
            {l.text}
            {seen ? <>{' '}<a href={`#${viewToFragment(seen)}`}>Open that execution</a></> : null}
          </p>
        );
      })}
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
