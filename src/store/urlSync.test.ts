import { describe, expect, it } from 'vitest';
import { createAppStore } from './index.ts';
import { startUrlSync, type BrowserLike } from './urlSync.ts';

function fakeWindow(hash = '') {
  const listeners = new Map<string, Set<() => void>>();
  const entries: string[] = [hash];
  const log: string[] = [];
  const win: BrowserLike & { entries: string[]; log: string[]; navigate(h: string): void } = {
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
  };
  return win;
}

describe('URL sync', () => {
  it('writes the link on open, replaces on cursor moves and pushes on new runs', () => {
    const store = createAppStore();
    const win = fakeWindow();
    const stop = startUrlSync(store, win);
    expect(win.entries).toEqual(['#s=qspi-unbind']);
    store.getState().stepForward();
    expect(win.entries).toEqual(['#s=qspi-unbind&t=1']);
    store.getState().jumpToFault();
    expect(win.entries).toEqual(['#s=qspi-unbind&t=fault']);
    store.getState().toggleFix('srcu-drain');
    expect(win.entries).toHaveLength(2);
    expect(win.entries[1]).toMatch(/^#s=qspi-unbind&fix=srcu-drain&t=\d+$/);
    stop();
    store.getState().stepBack();
    expect(win.entries).toHaveLength(2);
  });

  it('loads a hand-edited fragment without adding a history entry', () => {
    const store = createAppStore();
    const win = fakeWindow();
    startUrlSync(store, win);
    win.navigate('#mode=timed&s=flash-unbind');
    expect(store.getState().view.scenario).toBe('flash-unbind');
    expect(store.getState().view.mode).toBe('timed');
    expect(win.entries).toEqual(['#s=qspi-unbind', '#s=flash-unbind&mode=timed']);
    expect(win.log.filter((l) => l.startsWith('push'))).toEqual([]);
  });
});
