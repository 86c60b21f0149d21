import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_VIEW, encodeView, modelFingerprint } from '../sim/index.ts';
import { createAppStore } from './index.ts';
import { flushUrlSync, startUrlSync, type BrowserLike } from './urlSync.ts';

function fakeWindow(hash = '') {
  const listeners = new Map<string, Set<() => void>>();
  const entries: string[] = [hash];
  const log: string[] = [];
  const win: BrowserLike & { entries: string[]; log: string[]; navigate(h: string): void; back(): void } = {
    location: { get hash() { return entries.at(-1)!; } },
    history: {
      pushState: (_d, _u, url) => { entries.push(url!); log.push(`push ${url}`); },
      replaceState: (_d, _u, url) => { entries[entries.length - 1] = url!; log.push(`replace ${url}`); },
    },
    addEventListener: (t, fn) => { if (!listeners.has(t)) listeners.set(t, new Set()); listeners.get(t)!.add(fn); },
    removeEventListener: (t, fn) => { listeners.get(t)?.delete(fn); },
    entries,
    log,
    navigate(h: string) { entries.push(h); for (const fn of listeners.get('hashchange') ?? []) fn(); },
    back() { entries.pop(); for (const fn of listeners.get('popstate') ?? []) fn(); },
  };
  return win;
}

const M = modelFingerprint();

describe('URL sync', () => {
  it('writes the canonical link on open, replaces on cursor moves and pushes on new runs', () => {
    const store = createAppStore();
    const win = fakeWindow();
    const stop = startUrlSync(store, win);
    expect(win.entries).toEqual([`#1.${M}.q0`]);
    store.getState().stepForward();
    expect(win.entries).toEqual([`#1.${M}.q0.t1`]);
    store.getState().jumpToFault();
    expect(win.entries).toEqual([`#1.${M}.q0.tf`]);
    store.getState().toggleFix('srcu-drain');
    expect(win.entries).toHaveLength(2);
    expect(win.entries[1]).toMatch(new RegExp(`^#1\\.${M}\\.q2\\.t\\d+$`));
    stop();
    store.getState().stepBack();
    expect(win.entries).toHaveLength(2);
  });

  it('loads a hand-edited long-form fragment in place and rewrites it as the canonical link', () => {
    const store = createAppStore();
    const win = fakeWindow();
    startUrlSync(store, win);
    win.navigate('#mode=timed&s=flash-unbind');
    expect(store.getState().view.scenario).toBe('flash-unbind');
    expect(store.getState().view.mode).toBe('timed');
    expect(win.entries).toEqual([`#1.${M}.q0`, `#1.${M}.f0t`]);
    expect(win.log.filter((l) => l.startsWith('push'))).toEqual([]);
  });

  it('back returns to the previous run', () => {
    const store = createAppStore();
    const win = fakeWindow();
    startUrlSync(store, win);
    store.getState().setParam('read', '400ms');
    expect(win.entries).toEqual([`#1.${M}.q0`, `#1.${M}.q0.r400m`]);
    win.back();
    expect(store.getState().view.params).toEqual({});
  });

  it('keeps the view and restores the address bar when a fragment holds nothing usable', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'flash-unbind', fixes: ['notifier-sleep'] });
    const win = fakeWindow();
    startUrlSync(store, win);
    const before = win.entries[0]!;
    expect(before).toBe(`#${encodeView({ ...DEFAULT_VIEW, scenario: 'flash-unbind', fixes: ['notifier-sleep'] })}`);
    win.navigate('#9.abcde.q0');
    expect(store.getState().view.scenario).toBe('flash-unbind');
    expect(win.entries.at(-1)).toBe(before);
    const n = store.getState().notices.find((x) => x.kind === 'paste')!;
    expect(n.messages.join(' ')).toMatch(/link format 9/);
  });
});

describe('URL sync while stepping', () => {
  it('spaces out the writes of cursor moves, writes a new run at once, and flushes on demand', () => {
    vi.useFakeTimers();
    try {
      const store = createAppStore();
      const win = fakeWindow();
      const stop = startUrlSync(store, win, 200);
      for (let i = 0; i < 5; i++) store.getState().stepForward();
      expect(win.entries).toEqual([`#1.${M}.q0`]);
      vi.advanceTimersByTime(200);
      expect(win.entries).toEqual([`#1.${M}.q0.t5`]);
      store.getState().stepForward();
      flushUrlSync();
      expect(win.entries).toEqual([`#1.${M}.q0.t6`]);
      store.getState().stepForward();
      store.getState().toggleFix('srcu-drain');
      expect(win.entries).toHaveLength(2);
      vi.advanceTimersByTime(500);
      expect(win.entries).toHaveLength(2);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
