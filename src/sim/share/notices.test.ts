import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, simulate, type ViewState } from '../index.ts';
import { decodeFragment } from './decode.ts';
import { fnv1a32, modelFingerprint, toFingerprint } from './fingerprint.ts';
import { linkNotices } from './notices.ts';

const view = (v: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, fixes: [], params: {}, sched: [], ...v });

describe('model fingerprint', () => {
  it('is FNV-1a 32 (reference vectors) reduced to 5 base-36 characters', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(toFingerprint(0)).toBe('00000');
    expect(toFingerprint(36 ** 5 + 35)).toBe('0000z');
  });

  it('is deterministic and short', () => {
    const m = modelFingerprint();
    expect(m).toMatch(/^[0-9a-z]{5}$/);
    expect(modelFingerprint()).toBe(m);
  });
});

describe('linkNotices', () => {
  const M = modelFingerprint();

  it('says nothing for a link made with this model that replays as made', () => {
    const v = view({ scenario: 'flash-unbind', sched: [0, 0, 1], t: 'fault' });
    expect(linkNotices({ view: v, model: M }, simulate(v))).toEqual([]);
    expect(linkNotices({ view: v, model: null }, simulate(v))).toEqual([]);
  });

  it('names both models when the link was made with another one', () => {
    const v = view({ t: 5 });
    expect(linkNotices({ view: v, model: 'abc12' }, simulate(v), 'def34')).toEqual([
      'This link was made with model abc12; this is model def34: replaying on the current model',
    ]);
  });

  it('says at which decision the replay diverges when a choice is impossible', () => {
    const v = view({ scenario: 'flash-unbind', sched: [0, 0, 5] });
    const trace = simulate(v);
    expect(trace.diverged?.decision).toBe(2);
    const n = linkNotices({ view: v, model: 'old00' }, trace, 'new11');
    expect(n[0]).toMatch(/made with model old00; this is model new11/);
    expect(n[1]).toMatch(/^The replay diverges at decision 3: the link picks task f \(no such task\), but only a \(cat\), b \(sh\) can move there/);
  });

  it('says when the schedule has more choices than the run has decisions', () => {
    const base = simulate(view({ scenario: 'devres-order', mode: 'timed' }));
    const v = view({ scenario: 'devres-order', mode: 'timed', sched: Array(base.decisions.length + 3).fill(0) });
    const trace = simulate(v);
    expect(trace.diverged).toBeNull();
    expect(linkNotices({ view: v, model: M }, trace)).toEqual([
      `The replay diverges at decision ${base.decisions.length + 1}: this run has ${base.decisions.length} decisions but the link's schedule has ${base.decisions.length + 3}; the remaining choices were not used`,
    ]);
  });

  it('says when the cursor is past the end, or the fault it points at is gone', () => {
    const v = view({ t: 999_999 });
    const trace = simulate(v);
    expect(linkNotices({ view: v, model: M }, trace)).toEqual([`Step 999999 is past the end of this run (${trace.events.length} steps): showing the last step`]);
    const safe = view({ scenario: 'flash-unbind', fixes: ['srcu-drain'], t: 'fault' });
    expect(linkNotices({ view: safe, model: 'abc12' }, simulate(safe), 'def34')[1])
      .toBe('The link jumps to the fault, but on the current model this run has no fault: showing the end');
  });

  it('is what decodeFragment reports before the replay', () => {
    const d = decodeFragment('#1.zz999.d0.t3');
    expect(d.notices).toEqual(linkNotices(d, null));
    expect(d.notices).toHaveLength(M === 'zz999' ? 0 : 1);
  });
});
