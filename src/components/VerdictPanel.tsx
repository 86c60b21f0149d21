/**
 * The explorer's answer in herd7 wording. The headline states its exact
 * question (scenario, fixes, every parameter, mode, the unbind starts it
 * covers) and answers it; the table answers the same question for every fix
 * set in both modes, each cell linking to its shortest faulting execution (a
 * replay of that question, never a narrower question). Computed in a Web
 * Worker (src/worker), with progress and Cancel for long searches.
 */
import {
  FIX_SETS, MODES, NEVER_PROVED, SOMETIMES_PROVED, counterexampleView, formatDuration, herdLine, countingText, memoryText, memoryBoundOf, questionOf, questionText,
  startsCheckText, startsWitnessView, type FixId, type Mode, type Question, type Verdict, type ViewState,
} from '../sim/index.ts';
import { getAppStore, useApp } from '../store/index.ts';
import { viewToFragment } from '../store/link.ts';
import { fixSetLabel, formatCount, formatGrouped, latencyProbeJob, verdictKey } from '../store/selectors.ts';
import { STATE_CAPS, checkState, provedWord, startsKeyOf, type ProvedWord, type VerdictProgress, type VerdictResult } from '../store/verdictSlice.ts';
import { MAX_WORKERS, POOL_MEMORY_BYTES } from '../worker/client.ts';
import { useIncomplete } from './useIncomplete.ts';

type Status =
  | { readonly kind: 'done'; readonly r: VerdictResult }
  | { readonly kind: 'running'; readonly p: VerdictProgress | undefined }
  | { readonly kind: 'cancelled'; readonly proved: ProvedWord | null };

function useStatus(fixes: readonly FixId[], mode: Mode): Status {
  const key = useApp((s) => verdictKey(s.view, fixes, mode));
  const r = useApp((s) => s.verdicts[key]);
  const p = useApp((s) => s.verdictProgress[key]);
  const cancelled = useApp((s) => s.verdictCancelled.includes(key));
  const proved = useApp((s) => s.cancelledProved[key] ?? null);
  if (r) return { kind: 'done', r };
  if (cancelled) return { kind: 'cancelled', proved };
  return { kind: 'running', p };
}

/** Where a cell's link goes (q: questionOf the view with these fixes and mode): the question's shortest faulting execution, or the question itself. */
function caseLink(view: ViewState, fixes: readonly FixId[], mode: Mode, q: Question, r: VerdictResult): string {
  const base: ViewState = { ...view, fixes: [...fixes], mode, start: null, sched: [], t: null, sel: null };
  const ce = r.verdict.counterexample;
  return `#${viewToFragment(ce ? counterexampleView(base, q, ce) : base)}`;
}

const progressText = (p: VerdictProgress | undefined) =>
  !p ? 'starting'
    : `${formatGrouped(p.states)} states${p.views === undefined ? '' : ` (cap); proving Never task by task, round ${p.round}: ${formatGrouped(p.views)} views`}, ${(p.ms / 1000).toFixed(1)} s`;

/** Why a search in progress has already proved its verdict, as the page says it. */
const PROVED_BY: Readonly<Record<ProvedWord, string>> = { Sometimes: SOMETIMES_PROVED, Never: NEVER_PROVED };

/** The cell of a search that proved its verdict (Sometimes, or Never by the race beside it): still counting (`rest`: its progress), or cancelled while it counted. */
function ProvedCell({ word, label, current, rest }: { word: ProvedWord; label: string; current: boolean; rest: string }) {
  return (
    <td className={`verdict-cell pending v-${word.toLowerCase()}`} aria-current={current || undefined} title={`${word}: ${PROVED_BY[word]}.`} aria-label={`${label}: ${word}, ${rest}`}>
      <b>{word}</b>, {rest}
    </td>
  );
}

/** `Sometimes 44/469`, or `Unknown ≥0/12,345` when the search was cut short (counts are lower bounds). */
function cellText(r: VerdictResult): string {
  const v = r.verdict;
  const ge = v.incomplete ? '≥' : '';
  // A Never the modular search proved has exactly 0 faulting executions; the rest were counted up to the cap.
  return `${v.verdict} ${v.modular?.proved ? '' : ge}${formatCount(v.faulting)}/${ge}${formatCount(v.executions)}`;
}

function Cell({ fixes, mode, current }: { fixes: readonly FixId[]; mode: Mode; current: boolean }) {
  const view = useApp((s) => s.view);
  const st = useStatus(fixes, mode);
  const inc = useIncomplete(st.kind === 'done' && st.r.verdict.incomplete);
  const label = `${fixSetLabel(fixes)}, mode ${mode}`;
  if (st.kind === 'running') {
    const word = provedWord(st.p);
    if (word) return <ProvedCell word={word} label={label} current={current} rest={`counting: ${progressText(st.p)}`} />;
    return <td className="verdict-cell pending" aria-current={current || undefined} aria-label={`${label}: searching, ${progressText(st.p)}`}>{st.p ? progressText(st.p) : 'searching…'}</td>;
  }
  if (st.kind === 'cancelled') {
    if (st.proved) return <ProvedCell word={st.proved} label={label} current={current} rest="counting cancelled" />;
    return <td className="verdict-cell cancelled" aria-current={current || undefined}>cancelled</td>;
  }
  const v = st.r.verdict;
  const q = questionOf({ ...view, fixes, mode });
  const why = inc?.incompleteSentence(v, q);
  const title = `${why ? `${why} ` : ''}${v.counterexample ? 'Open the shortest faulting execution.' : 'Open this question.'}`;
  return (
    <td className={`verdict-cell v-${v.verdict.toLowerCase()}`} aria-current={current || undefined}>
      <a href={caseLink(view, fixes, mode, q, st.r)} title={title} aria-label={`${label}: ${cellText(st.r)}${v.incomplete ? ' (lower bounds: search stopped at the state cap)' : ''}`}>
        {cellText(st.r)}
      </a>
    </td>
  );
}

function Running({ p }: { p: VerdictProgress | undefined }) {
  const cancel = () => getAppStore().getState().cancelVerdicts();
  const word = provedWord(p);
  if (word) {
    return (
      <p className={`verdict-now pending v-${word.toLowerCase()}`} data-testid="verdict.current" data-verdict="" data-proved={word}>
        <b>{word}</b>: {PROVED_BY[word]}. Counting every execution… <span className="muted" data-testid="verdict.progress">{progressText(p)}</span>{' '}
        <button type="button" className="link-button" onClick={cancel}>Cancel</button>
      </p>
    );
  }
  return (
    <p className="verdict-now pending" data-testid="verdict.current" data-verdict="">
      Searching every execution… <span className="muted" data-testid="verdict.progress">{progressText(p)}</span>{' '}
      <button type="button" className="link-button" onClick={cancel}>Cancel</button>
    </p>
  );
}

function Current() {
  const view = useApp((s) => s.view);
  const st = useStatus(view.fixes, view.mode);
  // The words under an incomplete answer: for one shown, and while a search runs long enough to report progress (it may stop at the cap).
  const inc = useIncomplete(st.kind === 'done' ? st.r.verdict.incomplete : st.kind === 'running' && st.p !== undefined);
  const q = questionOf(view);
  const question = <p className="verdict-question" data-testid="verdict.question"><span className="muted">Question:</span> {questionText(q)}</p>;
  if (st.kind === 'running') return <>{question}<Running p={st.p} /></>;
  if (st.kind === 'cancelled') {
    const again = <button type="button" className="link-button" onClick={() => getAppStore().getState().retryVerdicts()}>Search again</button>;
    return (
      <>
        {question}
        {st.proved ? (
          <p className={`verdict-now v-${st.proved.toLowerCase()}`} data-testid="verdict.current" data-verdict="Cancelled" data-proved={st.proved}>
            <b>{st.proved}</b>: {PROVED_BY[st.proved]} before the search was cancelled; its counts{st.proved === 'Sometimes' ? ' and shortest faulting execution' : ''} were not made.{' '}{again}
          </p>
        ) : (
          <p className="verdict-now v-unknown" data-testid="verdict.current" data-verdict="Cancelled">
            <b>Not answered</b>: the search was cancelled.{' '}{again}
          </p>
        )}
      </>
    );
  }
  const { r } = st;
  const v = r.verdict;
  const why = inc?.incompleteSentence(v, q);
  const near = inc?.nearerQuestions(view, q, v) ?? [];
  const ge = v.incomplete ? 'at least ' : '';
  return (
    <>
      {question}
      <div className={`verdict-now v-${v.verdict.toLowerCase()}`} data-testid="verdict.current" data-verdict={v.verdict}>
        <p className="verdict-word"><b>{v.verdict}</b> {v.verdict === 'Unknown' ? '— not proven either way' : 'a fault'}</p>
        <p className="verdict-counts">
          {v.modular?.proved ? '' : ge}{formatCount(v.faulting)} of {ge}{formatCount(v.executions)} <abbr title={countingText(v.counting)}>{v.counting}</abbr> fault · {formatGrouped(v.states)} states of {formatGrouped(v.maxStates)} · {memoryText(v.memoryBytes)} · {r.ms.toFixed(0)} ms
        </p>
        {why ? <p className="verdict-why" data-testid="verdict.why">{why}</p> : null}
        {/* The smaller or narrower questions the sentence names (nearer.ts), each of which may complete and answers only itself; the CLI prints them as commands. */}
        {near.length ? (
          <p className="verdict-why" data-testid="verdict.nearer">
            Nearer questions that may complete (each answers only itself):{' '}
            {near.map((x, i) => <span key={x.what}>{i ? ' · ' : ''}<a href={`#${viewToFragment(x.view)}`}>{x.what}</a></span>)}
          </p>
        ) : null}
        <LatencyNote v={v} />
        <StartsNote q={q} v={v} />
        <code className="herd">{herdLine(q, v)}</code>
        {v.counterexample ? (
          <a className="ce-link" href={caseLink(view, view.fixes, view.mode, q, r)}>
            Open the shortest faulting execution{v.shortest ? '' : ' found before the search stopped'} ({v.counterexample.moves} moves)
          </a>
        ) : null}
      </div>
    </>
  );
}

/**
 * Whether a timed verdict depends on scheduling latency: the same question at
 * lat=1ms (or lat=0 when the view has some), said only when the answers differ
 * and the other one is proven (a fault found, or a complete Never).
 */
function LatencyNote({ v }: { v: Verdict }) {
  const view = useApp((s) => s.view);
  const job = latencyProbeJob(view);
  const probe = useApp((s) => (job ? s.verdicts[job.key] : undefined));
  const setParam = useApp((s) => s.setParam);
  if (!job || !probe || v.verdict === 'Unknown') return null;
  const pv = probe.verdict;
  const proven = pv.verdict === 'Never' ? !pv.incomplete : pv.faulting > 0;
  if (!proven || pv.verdict === v.verdict || pv.verdict === 'Unknown') return null;
  const lat = job.question.params.lat ?? 0;
  const at = lat === 0 ? 'lat=0 (a woken task runs at once)' : `lat=${formatDuration(lat)} (a woken task may let the others step first for up to ${formatDuration(lat)})`;
  return (
    <p className="verdict-latency" data-testid="verdict.latency">
      Depends on scheduling latency: at {at} it is <b>{pv.verdict}</b> ({formatCount(pv.faulting)} of {formatCount(pv.executions)} {pv.counting} fault).{' '}
      <button type="button" className="link-button" onClick={() => setParam('lat', formatDuration(lat))}>Use lat={formatDuration(lat)}</button>
    </p>
  );
}

/**
 * Whether a complete timed Never or Always holds for every unbind start, not
 * only those the counts cover (startsCheck.ts): checked in the worker once
 * the verdict is in; a start that contradicts it links to its execution.
 */
function StartsNote({ q, v }: { q: Question; v: Verdict }) {
  const view = useApp((s) => s.view);
  const c = useApp((s) => checkState(s, q));
  const p = useApp((s) => { const k = startsKeyOf(s, q); return k === null ? undefined : s.verdictProgress[k]; });
  // None needed, or failed (the panel says why).
  if (c === undefined || c === 'failed') return null;
  if (typeof c === 'string') {
    const store = getAppStore().getState();
    return (
      <p className="verdict-starts muted" data-testid="verdict.every-start" data-holds="">
        {c === 'cancelled'
          ? <>The check over every unbind start was cancelled.{' '}<button type="button" className="link-button" onClick={() => store.retryVerdicts()}>Check again</button></>
          : <>Checking every unbind start… <span>{p ? progressText(p) : ''}</span>{' '}<button type="button" className="link-button" onClick={() => store.cancelVerdicts()}>Cancel</button></>}
      </p>
    );
  }
  const seen = startsWitnessView({ ...view, start: null, sched: [], t: null, sel: null }, q, c);
  return (
    <p className={`verdict-starts${c.holds === false ? ' contradicted' : c.holds === null ? ' muted' : ''}`} data-testid="verdict.every-start" data-holds={String(c.holds)}>
      {startsCheckText(v, c)}
      {seen ? <>{' '}<a href={`#${viewToFragment(seen)}`}>Open that execution</a></> : null}
    </p>
  );
}

/** The cap, and the memory one search of the current question may keep at it (the cap bounds memory too). */
function CapSetting() {
  const cap = useApp((s) => s.maxStates);
  const setCap = useApp((s) => s.setMaxStates);
  // memoryBoundOf compiles once per shape of question and cap: a step of the cursor does not compile again.
  const bound = useApp((s) => memoryText(memoryBoundOf(questionOf(s.view), s.maxStates)));
  return (
    <label className="state-cap">
      <span>State cap</span>
      <select value={cap} onChange={(e) => setCap(Number(e.target.value))} data-testid="verdict.cap">
        {/* A cap set elsewhere (the store, a test) is shown as it is, not as the first option. */}
        {(STATE_CAPS.includes(cap) ? STATE_CAPS : [...STATE_CAPS, cap].sort((x, y) => x - y)).map((n) => <option key={n} value={n}>{formatGrouped(n)} states</option>)}
      </select>
      <span className="cap-memory" data-testid="verdict.cap-memory">A search of this question keeps at most {bound} at this cap (the page runs one search per core, up to {MAX_WORKERS} at once, and fewer when together they could pass {memoryText(POOL_MEMORY_BYTES)})</span>
    </label>
  );
}

/** Stop each search once its verdict is settled (the CLI's --speedcheck): a Sometimes as soon as it is proved. */
function SpeedcheckSetting() {
  const on = useApp((s) => s.speedcheck);
  const set = useApp((s) => s.setSpeedcheck);
  return (
    <label className="state-cap speedcheck">
      <input type="checkbox" checked={on} onChange={(e) => set(e.target.checked)} data-testid="verdict.speedcheck" />
      <span>Stop at the verdict: a Sometimes as soon as an execution that faults and one that does not are found, with lower-bound counts (herd7&apos;s -speedcheck)</span>
    </label>
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
      <h2 id="verdict-h">Verdict <span className="muted">every execution the question allows</span></h2>
      <Current />
      {error ? <p className="param-error">{error}</p> : null}
      <table className="verdicts" data-testid="verdict.table">
        <caption className="muted">The same parameters, every fix set, both modes</caption>
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
      <CapSetting />
      <SpeedcheckSetting />
    </section>
  );
}
