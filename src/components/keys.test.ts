import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/index.ts';
import { bindingFor, KEY_BINDINGS } from './keys.ts';

const press = (store: ReturnType<typeof createAppStore>, code: string, shiftKey = false) => {
  const b = bindingFor({ code, shiftKey });
  b?.run(store.getState(), { code });
  return b;
};

describe('key bindings', () => {
  it('binds by KeyboardEvent.code, shift exactly where stated', () => {
    expect(bindingFor({ code: 'Slash', shiftKey: true })?.does).toBe('Open this help');
    expect(bindingFor({ code: 'Slash', shiftKey: false })).toBeUndefined();
    expect(bindingFor({ code: 'KeyF', shiftKey: false })?.does).toBe('Jump to fault');
    expect(bindingFor({ code: 'KeyQ', shiftKey: false })).toBeUndefined();
    // Every binding is listed in the help sheet with a description.
    for (const b of KEY_BINDINGS) expect(b.does.length).toBeGreaterThan(3);
  });

  it('steps, jumps, opens and closes help, and picks a task by number', () => {
    const store = createAppStore();
    press(store, 'ArrowRight');
    press(store, 'ArrowRight', true);
    expect(store.getState().cursor).toBe(11);
    press(store, 'ArrowLeft');
    expect(store.getState().cursor).toBe(10);
    press(store, 'KeyF');
    expect(store.getState().trace.events[store.getState().cursor]!.type).toBe('fault');
    press(store, 'Home');
    expect(store.getState().cursor).toBe(0);
    press(store, 'Slash', true);
    expect(store.getState().helpOpen).toBe(true);
    press(store, 'Escape');
    expect(store.getState().helpOpen).toBe(false);
    press(store, 'Digit2');
    expect(store.getState().view.sched.at(-1)).toBe(1);
    press(store, 'KeyU');
    expect(store.getState().view.sched).toEqual([]);
    press(store, 'KeyT');
    expect(store.getState().axis).toBe('time');
  });
});
