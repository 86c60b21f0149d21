import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_VIEW, parseLink, questionOf } from '../sim/index.ts';
import { verdictOf } from '../sim/verdictRun.ts';
import { createAppStore } from './index.ts';
import { PLAY_INTERVAL_MS } from './simSlice.ts';
import { faultIndex, lastIndex, nextDecision, verdictKey } from './selectors.ts';

// The store is plain zustand/vanilla: it runs in Node without React or a DOM.
vi.mock('react', () => { throw new Error('the store must not need React to run'); });

describe('first open', () => {
  it('runs qspi-unbind with no fix, cursor on the first step, and the run faults', () => {
    const s = createAppStore().getState();
    expect(s.view.scenario).toBe('qspi-unbind');
    expect(s.view.fixes).toEqual([]);
    expect(s.cursor).toBe(0);
    expect(s.trace.fault).not.toBeNull();
    expect(s.notices).toEqual([]);
  });
});

describe('stepping', () => {
  it('steps forward and back within the trace', () => {
    const store = createAppStore();
    store.getState().stepBack();
    expect(store.getState().cursor).toBe(0);
    store.getState().stepForward();
    store.getState().stepForward();
    expect(store.getState().cursor).toBe(2);
    store.getState().stepBack();
    expect(store.getState().cursor).toBe(1);
    store.getState().seek(1e9);
    expect(store.getState().cursor).toBe(lastIndex(store.getState().trace));
    store.getState().stepForward();
    expect(store.getState().cursor).toBe(lastIndex(store.getState().trace));
    store.getState().restart();
    expect(store.getState().cursor).toBe(0);
  });

  it('jumps to the fault; the details follow the cursor, so the link stays t=fault', () => {
    const store = createAppStore();
    store.getState().select(3);
    store.getState().jumpToFault();
    const s = store.getState();
    expect(s.cursor).toBe(faultIndex(s.trace));
    expect(s.trace.events[s.cursor]!.type).toBe('fault');
    expect(s.selected).toBeNull();
  });

  it('where this run does not fault, Jump to fault opens the shortest faulting execution of the same question', () => {
    // qspi-unbind + notifier-sleep in mode any: the default run does not fault, the question does.
    const view = { ...DEFAULT_VIEW, fixes: ['notifier-sleep' as const] };
    const store = createAppStore(view);
    expect(store.getState().trace.fault).toBeNull();
    store.getState().jumpToFault();
    expect(store.getState().trace.fault).toBeNull(); // no verdict yet: nothing to jump to
    const v = verdictOf(view);
    expect(v.verdict).toBe('Sometimes');
    store.getState().putVerdict(verdictKey(view, view.fixes, view.mode), { verdict: v, ms: 1 });
    store.getState().jumpToFault();
    const s = store.getState();
    expect(s.trace.fault).not.toBeNull();
    expect(s.cursor).toBe(faultIndex(s.trace));
    expect(questionOf(s.view)).toEqual(questionOf(view));
    expect(s.view.start).toBe(v.counterexample!.at);
    expect(s.view.sched).toEqual(v.counterexample!.schedule);
    store.getState().undoChoice();
    expect(store.getState().trace.fault).toBeNull();
  });

  it('plays on a timer and stops at the end', () => {
    vi.useFakeTimers();
    try {
      const store = createAppStore();
      store.getState().play();
      expect(store.getState().playing).toBe(true);
      vi.advanceTimersByTime(PLAY_INTERVAL_MS * 3);
      expect(store.getState().cursor).toBe(3);
      store.getState().togglePlay();
      expect(store.getState().playing).toBe(false);
      vi.advanceTimersByTime(PLAY_INTERVAL_MS * 3);
      expect(store.getState().cursor).toBe(3);
      store.getState().play();
      vi.advanceTimersByTime(PLAY_INTERVAL_MS * (store.getState().trace.events.length + 5));
      expect(store.getState().playing).toBe(false);
      expect(store.getState().cursor).toBe(lastIndex(store.getState().trace));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('inputs re-run the simulation', () => {
  afterEach(() => vi.useRealTimers());

  it('toggling srcu-drain removes the fault; toggling it off brings it back', () => {
    const store = createAppStore();
    store.getState().toggleFix('srcu-drain');
    expect(store.getState().view.fixes).toEqual(['srcu-drain']);
    expect(store.getState().trace.fault).toBeNull();
    store.getState().toggleFix('srcu-drain');
    expect(store.getState().trace.fault).not.toBeNull();
  });

  it('keeps fixes in canonical order whatever the click order', () => {
    const store = createAppStore();
    store.getState().toggleFix('devres-group');
    store.getState().toggleFix('notifier-sleep');
    expect(store.getState().view.fixes).toEqual(['notifier-sleep', 'devres-group']);
  });

  it('keeps the cursor at the same virtual time when a fix changes the run', () => {
    const store = createAppStore();
    store.getState().jumpToFault();
    const t = store.getState().trace.events[store.getState().cursor]!.t;
    store.getState().toggleFix('srcu-drain');
    const s = store.getState();
    expect(s.trace.events[s.cursor]!.t).toBeLessThanOrEqual(t);
    expect(s.trace.events[s.cursor + 1]?.t ?? Infinity).toBeGreaterThan(t);
  });

  it('rejects a bad parameter with the parser message and keeps the run', () => {
    const store = createAppStore();
    const before = store.getState().trace;
    expect(store.getState().setParam('read', 'fast')).toBe(false);
    expect(store.getState().paramErrors.read).toMatch(/not a duration/);
    expect(store.getState().trace).toBe(before);
    expect(store.getState().setParam('read', '400ms')).toBe(true);
    expect(store.getState().view.params.read).toBe(400_000);
    expect(store.getState().paramErrors.read).toBeUndefined();
    expect(store.getState().setParam('readers', '9')).toBe(false);
    expect(store.getState().paramErrors.readers).toMatch(/1 to 8/);
    expect(store.getState().setParam('read', '')).toBe(true);
    expect(store.getState().view.params.read).toBeUndefined();
  });

  it('changes scenario and mode', () => {
    const store = createAppStore();
    store.getState().setScenario('flash-unbind');
    expect(store.getState().trace.program.scenario).toBe('flash-unbind');
    store.getState().setMode('timed');
    expect(store.getState().view.mode).toBe('timed');
    expect(store.getState().trace.decisions.length).toBe(0);
  });
});

describe('manual scheduling', () => {
  it('choosing another task at a decision changes the run, and undo restores it', () => {
    const store = createAppStore();
    const before = store.getState().trace;
    const next = nextDecision(before, 0)!;
    const other = next.decision.candidates.find((c) => c !== next.decision.chosen)!;
    store.getState().chooseTask(next.index, other);
    const s = store.getState();
    expect(s.view.sched.at(-1)).toBe(other);
    expect(s.trace.decisions[next.index]!.chosen).toBe(other);
    expect(s.trace.events[s.cursor]!.task).toBe(other);
    expect(s.trace.events.map((e) => e.type)).not.toEqual(before.events.map((e) => e.type));
    expect(s.undo.length).toBe(1);
    store.getState().undoChoice();
    expect(store.getState().view.sched).toEqual([]);
    expect(store.getState().trace.events.length).toBe(before.events.length);
    expect(store.getState().undo.length).toBe(0);
  });

  it('ignores a task that is not a candidate', () => {
    const store = createAppStore();
    const t = store.getState().trace;
    store.getState().chooseTask(0, 7);
    expect(store.getState().trace).toBe(t);
  });
});

describe('links', () => {
  it('loads a link, applying what is valid and reporting the rest', () => {
    const store = createAppStore();
    store.getState().loadLink('#s=flash-unbind&read=fast&fix=srcu-drain,bogus');
    const s = store.getState();
    expect(s.view.scenario).toBe('flash-unbind');
    expect(s.view.fixes).toEqual(['srcu-drain']);
    const link = s.notices.find((n) => n.kind === 'link')!;
    expect(link.messages.join('\n')).toMatch(/read=fast is not a duration/);
    expect(link.messages.join('\n')).toMatch(/unknown fix "bogus"/);
    store.getState().dismissNotice(link.id);
    expect(store.getState().notices).toEqual([]);
  });

  it('opens a link at the fault', () => {
    const { view, errors } = parseLink('#s=qspi-unbind&t=fault');
    const s = createAppStore(view, errors).getState();
    expect(s.cursor).toBe(faultIndex(s.trace));
  });

  it('says so when the cursor of a link is past the end', () => {
    const s = createAppStore({ ...DEFAULT_VIEW, t: 99999 }).getState();
    expect(s.cursor).toBe(lastIndex(s.trace));
    expect(s.notices[0]!.kind).toBe('replay');
    expect(s.notices[0]!.messages[0]).toMatch(/Step 99999 is past the end of this run \(\d+ steps\)/);
  });

  it('reports a schedule that cannot be followed', () => {
    const s = createAppStore({ ...DEFAULT_VIEW, sched: [5] }).getState();
    const replay = s.notices.find((n) => n.kind === 'replay')!;
    expect(replay.messages[0]).toMatch(/^The replay diverges at decision 1: the link picks task f \(no such task\)/);
  });
});
