/**
 * The run: view (what the link says) -> trace (simulate) -> cursor.
 * Actions are verbs that change the view and re-run the simulation; none
 * patches the trace by hand (STYLE.md 9). Play/pause is a timer here because
 * speed and pause belong to the view side, never to src/sim (STYLE.md 10).
 */
import type { StateCreator } from 'zustand';
import {
  compareSides, compareViews, counterexampleView, emptyView, orderFixes, questionOf, simulate,
  type Comparison, type FixId, type KernelId, type LinkError, type Mode, type ScenarioId, type SweepSpec, type Trace, type ViewState, FIX_IDS,
} from '../sim/index.ts';
import { fragmentToView, type OpenedLink } from './link.ts';
import { noticesForLink, nothingOpened, type LinkOrigin, type Notice } from './notices.ts';
import { parseParam, withParam, type ParamKey } from './params.ts';
import { clampCursor, faultIndex, indexAtTime, lastIndex, resolveCursor, scheduleChoosing, verdictKey } from './selectors.ts';
import { lookOf } from './viewSlice.ts';
import type { AppState } from './types.ts';

export type { Notice } from './notices.ts';

/** A view's run, and side B's beside it when the view compares (side A is the run itself). */
function runView(view: ViewState): { trace: Trace; compare: Comparison | null } {
  if (!compareSides(view)) return { trace: simulate(view), compare: null };
  const compare = compareViews(view);
  return { trace: compare.a.trace, compare };
}

export interface UndoEntry {
  readonly sched: readonly number[];
  readonly cursor: number;
  /** The replay's unbind start before the change. */
  readonly start: number | null;
}

export interface SimSlice {
  /** The run as the link describes it (its `t` is kept null: the cursor is separate). */
  view: ViewState;
  trace: Trace;
  /** Side A (= `trace`) and side B of a comparison (`cmp=` / `cmpk=`), with where they part; null otherwise. */
  compare: Comparison | null;
  /** Index of the current event: everything up to and including it has happened. */
  cursor: number;
  playing: boolean;
  undo: readonly UndoEntry[];
  notices: readonly Notice[];
  paramErrors: Partial<Record<ParamKey, string>>;
  /** Opens a decoded link: `errors` and the link's `model` become notices, with how the replay went. */
  loadView(view: ViewState, errors?: readonly LinkError[], model?: string | null, notes?: readonly string[]): void;
  /**
   * Opens a link, fragment or pasted text block. When nothing in it is usable
   * the view stays and a notice says why; returns whether anything was applied.
   */
  loadLink(text: string): boolean;
  /** Opens what textToView (link.ts) read, as loadLink does a link: a pasted or typed text, which may be a block. */
  loadOpened(opened: OpenedLink): boolean;
  setScenario(id: ScenarioId): void;
  /** Another kernel: the same question and replay, on that kernel's code. */
  setKernel(id: KernelId): void;
  toggleFix(id: FixId): void;
  /** Validates and applies; on error keeps the run and sets `paramErrors[key]`. Returns success. */
  setParam(key: ParamKey, raw: string): boolean;
  clearParamError(key: ParamKey): void;
  setMode(mode: Mode): void;
  /** Puts side B beside the run: these fixes (null: the run's own) on this kernel (null: the run's); both null ends the comparison. */
  setCompare(fixes: readonly FixId[] | null, kernel?: KernelId | null): void;
  /** Asks the question once per value of one or two parameters; null ends the sweep. */
  setSweep(spec: SweepSpec | null): void;
  stepForward(): void;
  stepBack(): void;
  seek(i: number): void;
  /**
   * The fault of this run; when this run does not fault, the shortest faulting
   * execution of the same question (a new replay), once the verdict has one.
   */
  jumpToFault(): void;
  jumpToEnd(): void;
  restart(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** Picks `task` at decision `d` of the current trace and re-runs from there. */
  chooseTask(d: number, task: number): void;
  undoChoice(): void;
  dismissNotice(id: number): void;
}

/** Milliseconds between steps while playing. */
export const PLAY_INTERVAL_MS = 80;

export const createSimSlice = (initial: ViewState, initialErrors: readonly LinkError[] = [], initialModel: string | null = null, initialUsable = true): StateCreator<AppState, [], [], SimSlice> => (set, get) => {
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };

  /**
   * Re-runs `view`, places the cursor and resets zoom and selection. A link
   * (`origin`) replaces the link notices; any other change drops the stale
   * ones about a replay or a paste.
   */
  const rerun = (view: ViewState, place: (trace: Trace) => number, extra: Partial<AppState> = {}, origin: LinkOrigin | null = null) => {
    stop();
    const { trace, compare } = runView(view);
    const keep = get().notices.filter((n) => n.kind === 'link' && origin === null);
    const notices = origin ? [...keep, ...noticesForLink(view, origin, trace)] : keep;
    set({ view: { ...view, t: null }, trace, compare, cursor: clampCursor(trace, place(trace)), playing: false, notices, selected: null, hovered: null, window: null, ...extra });
  };

  /** Keeps the cursor at the same virtual time when the run changes shape. */
  const sameTime = (): ((t: Trace) => number) => {
    const s = get();
    const now = s.trace.events[s.cursor]?.t ?? 0;
    return s.cursor === 0 ? () => 0 : (t) => indexAtTime(t, now);
  };

  const { trace: initialTrace, compare: initialCompare } = runView(initial);
  const initialNotices = noticesForLink(initial, { errors: initialErrors, model: initialModel, usable: initialUsable }, initialTrace);

  return {
    view: { ...initial, t: null },
    trace: initialTrace,
    compare: initialCompare,
    cursor: resolveCursor(initialTrace, initial.t).cursor,
    playing: false,
    undo: [],
    notices: initialNotices,
    paramErrors: {},

    loadView(view, errors = [], model = null, notes = []) {
      rerun(view, (t) => resolveCursor(t, view.t).cursor, { undo: [], paramErrors: {}, ...lookOf(view) }, { errors, model, notes });
      const sel = view.sel;
      if (sel !== null && sel < get().trace.events.length) set({ selected: sel });
    },
    loadLink(text) {
      return get().loadOpened(fragmentToView(text));
    },
    loadOpened(opened) {
      if (!opened.usable) {
        set({ notices: [...get().notices.filter((n) => n.kind !== 'paste'), nothingOpened(opened.errors)] });
        return false;
      }
      get().loadView(opened.view, opened.errors, opened.model, opened.notes);
      return true;
    },
    setScenario(id) {
      if (id === get().view.scenario) return;
      rerun({ ...emptyView(), scenario: id, kernel: get().view.kernel, mode: get().view.mode }, () => 0, { undo: [], paramErrors: {} });
    },
    setKernel(id) {
      const v = get().view;
      if (id === v.kernel) return;
      rerun({ ...v, kernel: id, sched: [] }, sameTime(), { undo: [] });
    },
    toggleFix(id) {
      const v = get().view;
      const on = v.fixes.includes(id);
      const fixes = FIX_IDS.filter((f) => (f === id ? !on : v.fixes.includes(f)));
      rerun({ ...v, fixes, sched: [] }, sameTime(), { undo: [] });
    },
    setParam(key, raw) {
      const r = parseParam(key, raw);
      if (!r.ok) {
        set({ paramErrors: { ...get().paramErrors, [key]: r.message } });
        return false;
      }
      const v = get().view;
      const errs = { ...get().paramErrors };
      delete errs[key];
      const params = withParam(v.params, key, r.value);
      if (JSON.stringify(params) === JSON.stringify(v.params)) { set({ paramErrors: errs }); return true; }
      rerun({ ...v, params, sched: [] }, sameTime(), { undo: [], paramErrors: errs });
      return true;
    },
    clearParamError(key) {
      const errs = { ...get().paramErrors };
      delete errs[key];
      set({ paramErrors: errs });
    },
    setMode(mode) {
      const v = get().view;
      if (v.mode === mode) return;
      rerun({ ...v, mode, sched: [] }, sameTime(), { undo: [] });
    },
    setCompare(fixes, kernel = null) {
      const v = get().view;
      const next: ViewState = { ...v };
      delete next.cmp;
      delete next.cmpk;
      if (fixes !== null || kernel !== null) {
        next.cmp = orderFixes(fixes ?? v.fixes);
        if (kernel !== null && kernel !== v.kernel) next.cmpk = kernel;
      }
      if (JSON.stringify(compareSides(next)) === JSON.stringify(compareSides(v))) return;
      rerun(next, sameTime(), { undo: [] });
    },
    setSweep(spec) {
      const v = get().view;
      if (JSON.stringify(spec) === JSON.stringify(v.sweep ?? null)) return;
      const next: ViewState = { ...v };
      if (spec) next.sweep = spec; else delete next.sweep;
      // The run itself does not change: only the question is asked more often.
      set({ view: { ...next, t: null } });
    },
    stepForward() {
      const s = get();
      if (s.cursor < lastIndex(s.trace)) set({ cursor: s.cursor + 1 });
      else if (s.playing) get().pause();
    },
    stepBack() {
      const s = get();
      if (s.cursor > 0) set({ cursor: s.cursor - 1 });
    },
    seek(i) {
      set({ cursor: clampCursor(get().trace, i) });
    },
    jumpToFault() {
      const s = get();
      const f = faultIndex(s.trace);
      if (f >= 0) { s.pause(); set({ cursor: f, selected: null }); return; }
      const ce = s.verdicts[verdictKey(s.view, s.view.fixes, s.view.mode)]?.verdict.counterexample;
      if (!ce) return;
      const undo = [...s.undo, { sched: s.view.sched, cursor: s.cursor, start: s.view.start }];
      const view = counterexampleView(s.view, questionOf(s.view), ce);
      rerun(view, (t) => Math.max(0, faultIndex(t)), { undo });
    },
    jumpToEnd() {
      set({ cursor: lastIndex(get().trace) });
    },
    restart() {
      get().pause();
      set({ cursor: 0 });
    },
    play() {
      if (get().playing) return;
      if (get().cursor >= lastIndex(get().trace)) set({ cursor: 0 });
      stop();
      timer = setInterval(() => get().stepForward(), PLAY_INTERVAL_MS);
      set({ playing: true });
    },
    pause() {
      stop();
      if (get().playing) set({ playing: false });
    },
    togglePlay() {
      if (get().playing) get().pause(); else get().play();
    },
    chooseTask(d, task) {
      const s = get();
      if (!s.trace.decisions[d]?.candidates.includes(task)) return;
      const sched = scheduleChoosing(s.trace, d, task);
      const undo = [...s.undo, { sched: s.view.sched, cursor: s.cursor, start: s.view.start }];
      rerun({ ...s.view, sched }, (t) => t.decisions[d]?.event ?? s.cursor, { undo });
    },
    undoChoice() {
      const s = get();
      const last = s.undo.at(-1);
      if (!last) return;
      rerun({ ...s.view, sched: [...last.sched], start: last.start }, () => last.cursor, { undo: s.undo.slice(0, -1) });
    },
    dismissNotice(id) {
      set({ notices: get().notices.filter((n) => n.id !== id) });
    },
  };
};
