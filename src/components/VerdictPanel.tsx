/**
 * The explorer's answer in herd7 wording, for the current fixes and mode up
 * front, and for every fix set in both modes below, each cell linking to its
 * shortest faulting execution. Computed in a Web Worker (src/worker).
 */
import { FIX_SETS, herdLine, type FixId, type Mode, type ParamOverrides, type ScenarioId } from '../sim/index.ts';
import { useApp } from '../store/index.ts';
import { viewToFragment } from '../store/link.ts';
import { counterexampleView, fixSetLabel, formatCount, verdictKey } from '../store/selectors.ts';
import type { VerdictResult } from '../store/verdictSlice.ts';

const MODES: readonly Mode[] = ['any', 'timed'];

function useVerdict(fixes: readonly FixId[], mode: Mode): VerdictResult | undefined {
  return useApp((s) => s.verdicts[verdictKey(s.view.scenario, s.view.params, fixes, mode)]);
}

function caseLink(scenario: ScenarioId, params: ParamOverrides, fixes: readonly FixId[], mode: Mode, r: VerdictResult | undefined): string {
  const base = { scenario, params };
  const ce = r?.verdict.counterexample;
  const view = ce ? counterexampleView(base, fixes, mode, ce) : { ...base, fixes: [...fixes], mode, sched: [], t: null };
  return `#${viewToFragment(view)}`;
}

function Cell({ fixes, mode, current }: { fixes: readonly FixId[]; mode: Mode; current: boolean }) {
  const scenario = useApp((s) => s.view.scenario);
  const params = useApp((s) => s.view.params);
  const r = useVerdict(fixes, mode);
  if (!r) return <td className="verdict-cell pending" aria-current={current || undefined}>computing…</td>;
  const v = r.verdict;
  const text = `${v.verdict} ${formatCount(v.faulting)}/${formatCount(v.executions)}${v.incomplete ? '?' : ''}`;
  const title = v.counterexample ? 'open the shortest faulting execution' : 'open this fix set';
  return (
    <td className={`verdict-cell v-${v.verdict.toLowerCase()}`} aria-current={current || undefined}>
      <a href={caseLink(scenario, params, fixes, mode, r)} title={title}>{text}</a>
    </td>
  );
}

function Current() {
  const view = useApp((s) => s.view);
  const r = useVerdict(view.fixes, view.mode);
  if (!r) return <p className="verdict-now pending" data-testid="verdict.current" data-verdict="">computing…</p>;
  const v = r.verdict;
  return (
    <div className={`verdict-now v-${v.verdict.toLowerCase()}`} data-testid="verdict.current" data-verdict={v.verdict}>
      <p className="verdict-word"><b>{v.verdict}</b> a fault <span className="muted">({fixSetLabel(view.fixes)}, mode {view.mode})</span></p>
      <p className="verdict-counts">
        {formatCount(v.faulting)} of {formatCount(v.executions)} executions fault · {formatCount(v.states)} states · {r.ms.toFixed(0)} ms
        {v.incomplete ? ' · incomplete (state limit)' : ''}
      </p>
      <code className="herd">{herdLine(view.scenario, view.fixes, v)}</code>
      {v.counterexample ? (
        <a className="ce-link" href={caseLink(view.scenario, view.params, view.fixes, view.mode, r)}>
          Open the shortest faulting execution ({v.counterexample.moves} moves)
        </a>
      ) : null}
    </div>
  );
}

export function VerdictPanel() {
  const fixes = useApp((s) => s.view.fixes);
  const mode = useApp((s) => s.view.mode);
  const pending = useApp((s) => s.verdictPending.length > 0);
  const error = useApp((s) => s.verdictError);
  const key = fixes.join('+');
  return (
    <section className="panel verdict-panel" aria-labelledby="verdict-h" aria-busy={pending}>
      <h2 id="verdict-h">Verdict <span className="muted">every interleaving</span></h2>
      <Current />
      {error ? <p className="param-error">{error}</p> : null}
      <table className="verdicts" data-testid="verdict.table">
        <thead>
          <tr><th scope="col">fix set</th>{MODES.map((m) => <th scope="col" key={m}><code>{m}</code></th>)}</tr>
        </thead>
        <tbody>
          {FIX_SETS.map((fs) => (
            <tr key={fs.join('+') || 'none'}>
              <th scope="row">{fs.length === 3 ? 'all three' : fixSetLabel(fs)}</th>
              {MODES.map((m) => <Cell key={m} fixes={fs} mode={m} current={fs.join('+') === key && m === mode} />)}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
