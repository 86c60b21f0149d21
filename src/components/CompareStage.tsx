/**
 * A comparison (`cmp=` / `cmpk=`): side A (the link's fixes) above side B,
 * the same replay on both, one cursor and one zoom for both, the first step
 * where they part marked on each, and each side's question with its verdict.
 */
import { questionKey, questionText, sideName, startsCheckText, startsWitnessView, type Comparison, type Question } from '../sim/index.ts';
import { getAppStore, useApp } from '../store/index.ts';
import { viewToFragment } from '../store/link.ts';
import { formatCount } from '../store/selectors.ts';
import { checkState } from '../store/verdictSlice.ts';
import { Timeline, type Side } from '../timelines/Timeline.tsx';

function SideVerdict({ q }: { q: Question }) {
  const r = useApp((s) => s.verdicts[questionKey(q)]);
  if (!r) return <span className="muted" data-testid="compare.verdict" data-verdict="">searching…</span>;
  const v = r.verdict;
  const ge = v.incomplete ? '≥' : '';
  return (
    <span className={`compare-verdict v-${v.verdict.toLowerCase()}`} data-testid="compare.verdict" data-verdict={v.verdict}>
      <b>{v.verdict}</b> {ge}{formatCount(v.faulting)}/{ge}{formatCount(v.executions)}
    </span>
  );
}

/**
 * Whether a side's complete timed Never or Always holds for every unbind
 * start (startsCheck.ts), in a few words with the whole sentence on hover;
 * a start that contradicts it links to its execution.
 */
function SideStarts({ c, side }: { c: Comparison; side: Side }) {
  const s = c[side];
  const q = s.question;
  const v = useApp((st) => st.verdicts[questionKey(q)]?.verdict);
  const ch = useApp((st) => checkState(st, q));
  // None needed, or failed (the verdict panel says why).
  if (!v || ch === undefined || ch === 'failed') return null;
  if (typeof ch === 'string') {
    return <span className="muted" data-testid="compare.every-start" data-holds="">{ch === 'cancelled' ? 'the check over every unbind start was cancelled' : 'checking every unbind start…'}</span>;
  }
  const seen = startsWitnessView({ ...s.view, start: null, sched: [], t: null, sel: null }, q, ch);
  const words = ch.holds === true ? 'holds for every unbind start' : ch.holds === null ? 'every unbind start: not settled' : 'not for every unbind start';
  return (
    <span className={`compare-starts${ch.holds === false ? ' contradicted' : ch.holds === null ? ' muted' : ''}`} data-testid="compare.every-start" data-holds={String(ch.holds)} title={startsCheckText(v, ch)}>
      {words}
      {seen ? <>{' '}<a href={`#${viewToFragment(seen)}`}>Open that execution</a></> : null}
    </span>
  );
}

function SideHead({ c, side }: { c: Comparison; side: Side }) {
  const s = c[side];
  const outcome = s.trace.fault
    ? `this run: ${s.trace.fault.kind} at step ${s.trace.events.findIndex((e) => e.type === 'fault')}`
    : `this run: no fault in ${s.trace.events.length} steps`;
  return (
    <header className={`compare-head side-${side}`} data-testid={`compare.${side}`}>
      <span className="compare-side">{side.toUpperCase()}</span>
      <code>{sideName(c, side)}</code>
      <SideVerdict q={s.question} />
      <SideStarts c={c} side={side} />
      <span className="muted">{outcome}</span>
      <span className="compare-question muted" title={questionText(s.question)}>{questionText(s.question)}</span>
    </header>
  );
}

export function CompareStage() {
  const c = useApp((s) => s.compare);
  if (!c) return null;
  const d = c.diverge;
  const go = () => { if (d) getAppStore().getState().seek(d.step); };
  return (
    <div className="compare" data-testid="compare">
      <p className="compare-diverge" data-testid="compare.diverge">
        {d ? (
          <>
            The runs diverge at <button type="button" className="link-button" onClick={go}>step {d.step}</button>:{' '}
            A {d.a.text}; B {d.b.text}.
          </>
        ) : 'The two runs do not diverge: every step is the same on both sides.'}
        {c.notes.map((n) => <span key={n} className="muted"> {n}</span>)}{' '}
        <button type="button" className="link-button" onClick={() => getAppStore().getState().setCompare(null)}>Stop comparing</button>
      </p>
      <SideHead c={c} side="a" />
      <Timeline side="a" legend={false} />
      <SideHead c={c} side="b" />
      <Timeline side="b" />
    </div>
  );
}
