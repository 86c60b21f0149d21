import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, encodeView, modelFingerprint, questionOf, simulate, type ViewState } from '../sim/index.ts';
import { textBlock } from '../sim/share/textBlock.ts';
import { createAppStore } from './index.ts';
import { fragmentToView, runKey, textToView, viewToFragment } from './link.ts';

const M = modelFingerprint();
const view: ViewState = { ...DEFAULT_VIEW, scenario: 'flash-unbind', fixes: ['notifier-sleep'], params: { read: 400_000 }, mode: 'timed', sched: [0, 1], t: 'fault' };

describe('store links', () => {
  it('writes the canonical form and reads it back', () => {
    const frag = viewToFragment(view);
    expect(frag).toBe(encodeView(view));
    expect(frag.startsWith(`1.${M}.f1t.`)).toBe(true);
    const back = fragmentToView(`https://example.org/racelanes/#${frag}`);
    expect(back.usable).toBe(true);
    expect(back.errors).toEqual([]);
    expect(back.model).toBe(M);
    expect(back.view).toEqual(view);
  });

  it('keeps reading the hand-editable long form', () => {
    const r = fragmentToView('#s=flash-unbind&fix=notifier-sleep&read=400ms&mode=timed&sched=ab&t=fault');
    expect(r.view).toEqual(view);
    expect(r.usable).toBe(true);
  });

  it('a run key ignores the cursor', () => {
    expect(runKey({ ...view, t: 3 })).toBe(runKey({ ...view, t: null }));
  });

  it.each([
    ['hello world', 'prose'],
    ['#9.abcde.q0', 'a future format version'],
    ['<script>alert(1)</script>', 'markup'],
    ['javascript:alert(1)', 'a javascript: string'],
    ['%E0%A4%A', 'percent-encoding garbage'],
    ['#zzz=1&yyy=2', 'only unknown keys'],
    ['first line\nsecond line', 'text without a link'],
  ])('nothing usable in %j (%s)', async (text) => {
    const r = await textToView(text);
    expect(r.usable).toBe(false);
    // A single line is read at once, as the address bar's hash is.
    if (!text.includes('\n')) expect(fragmentToView(text)).toEqual(r);
  });

  it.each([
    ['#s=qspi-unbind&zzz=1', 'qspi-unbind'],
    ['#s=flash-unbind&read=fast', 'flash-unbind'],
    [`#1.${M}.d0.t12.x9`, 'devres-order'],
  ])('applies the valid part of %j', (text, scenario) => {
    const r = fragmentToView(text);
    expect(r.usable).toBe(true);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.view.scenario).toBe(scenario);
  });

  it('a future version carries no model (nothing is replayed)', () => {
    expect(fragmentToView('#9.abcde.q0').model).toBeNull();
  });
});

describe('opening links in the store', () => {
  it('a pasted text block restores the view (its reader loaded on first use)', async () => {
    const faulting: ViewState = { ...view, fixes: [], mode: 'any' };
    const trace = simulate(faulting);
    expect(trace.fault).not.toBeNull();
    const block = textBlock(trace, questionOf(faulting), null, `https://racelanes.example/#${encodeView(faulting)}`);
    const store = createAppStore();
    expect(store.getState().loadOpened(await textToView(`> ${block.split('\n').join('\n> ')}`))).toBe(true);
    const s = store.getState();
    expect(s.view).toEqual({ ...faulting, t: null });
    expect(s.cursor).toBe(trace.events.findIndex((e) => e.type === 'fault'));
    expect(s.notices).toEqual([]);
  });

  it('text with nothing usable keeps the view and says why', async () => {
    const store = createAppStore({ ...view, t: null });
    const before = store.getState().trace;
    expect(store.getState().loadOpened(await textToView('just some words\nand more'))).toBe(false);
    const s = store.getState();
    expect(s.trace).toBe(before);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0]!.kind).toBe('paste');
    expect(s.notices[0]!.title).toMatch(/Nothing was opened/);
    expect(s.notices[0]!.messages[0]).toMatch(/no link found/);
  });

  it('a link made with another model opens with a notice naming both models', () => {
    const other = M === 'aaaaa' ? 'bbbbb' : 'aaaaa';
    const store = createAppStore();
    store.getState().loadLink(`#1.${other}.f1`);
    const n = store.getState().notices.find((x) => x.kind === 'replay')!;
    expect(n.title).toMatch(/different version of the model/);
    expect(n.messages[0]).toContain(`model ${other}; this is model ${M}`);
  });

  it('a schedule the replay cannot follow says where it diverges', () => {
    const store = createAppStore();
    store.getState().loadLink(`#1.${M}.q0.sz`);
    const n = store.getState().notices.find((x) => x.kind === 'replay')!;
    expect(n.messages.join(' ')).toMatch(/diverges at decision 1/);
  });

  it('a user change after opening a link drops the replay notice but keeps link problems', () => {
    const store = createAppStore();
    store.getState().loadLink(`#1.aaaa0.q0.r400m.x`);
    expect(store.getState().notices.map((n) => n.kind).sort()).toEqual(['link', 'replay']);
    store.getState().toggleFix('srcu-drain');
    expect(store.getState().notices.map((n) => n.kind)).toEqual(['link']);
  });
});

describe('messages for text that is not a link', () => {
  it('says so first, then what the parser saw', () => {
    const r = fragmentToView('LGTM, thanks');
    expect(r.usable).toBe(false);
    expect(r.errors[0]!.message).toMatch(/^this is not a racelanes link/);
    expect(r.errors[1]!.message).toMatch(/unknown key/);
  });

  it('does not add it to links that are merely broken', () => {
    expect(fragmentToView('#zzz=1').errors.map((e) => e.message).join(' ')).not.toMatch(/not a racelanes link/);
    expect(fragmentToView('#9.abcde.q0').errors.map((e) => e.message).join(' ')).not.toMatch(/not a racelanes link/);
  });
});
