import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KERNEL, DEFAULT_VIEW, FIX_IDS, SCENARIO_IDS, formatLongLink, resolveParams, type FixId, type ViewState } from '../index.ts';
import { verdictOf } from '../verdictRun.ts';
import { encodeView, normalizeView } from './canonical.ts';
import { decodeFragment } from './decode.ts';
import { modelFingerprint } from './fingerprint.ts';
import { viewArb } from './testkit.ts';

const M = modelFingerprint();
const view = (v: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, fixes: [], params: {}, sched: [], ...v });
const subsets: FixId[][] = [...Array(8).keys()].map((m) => FIX_IDS.filter((_, i) => (m & (1 << i)) !== 0));

describe('canonical link format v1', () => {
  it('spells a view as version.model.head.fields, defaults omitted', () => {
    expect(encodeView(view({}))).toBe(`1.${M}.q0`);
    expect(encodeView(view({ scenario: 'flash-unbind', fixes: ['notifier-sleep'], mode: 'timed', params: { read: 400_000, at: 4 }, sched: [0, 0, 1], t: 'fault' })))
      .toBe(`1.${M}.f1t.r400m.a4.sa2b.tf`);
    expect(encodeView(view({ scenario: 'devres-order', fixes: ['srcu-drain', 'devres-group'], t: 57 }))).toBe(`1.${M}.d6.t57`);
    expect(encodeView(view({ params: { sleep: 0, erase: 2_000_000, readers: 3 }, t: 'end' }))).toBe(`1.${M}.q0.z0.e2s.n3.te`);
    // Parameters equal to the scenario defaults, `at: null` and trailing default choices are dropped.
    expect(encodeView(view({ params: { read: 5000, sleep: 300_000, readers: 1, erase: null, at: null }, sched: [1, -1, -1] }))).toBe(`1.${M}.q0.sb`);
  });

  it('writes the shorter schedule spelling: run-length, or bit-packed for long alternations', () => {
    expect(encodeView(view({ sched: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0] }))).toBe(`1.${M}.q0.sa8b10a`);
    const alternating = Array.from({ length: 60 }, (_, i) => i % 2);
    const frag = encodeView(view({ sched: alternating }));
    expect(frag).toMatch(new RegExp(`^1\\.${M}\\.q0\\.s~2[A-Za-z0-9_-]{20}$`));
    expect(decodeFragment(frag).view.sched).toEqual(alternating);
  });

  it('round-trips every view: decode(encode(v)) is v with defaults dropped', () => {
    fc.assert(fc.property(viewArb, (v) => {
      const frag = encodeView(v);
      expect(frag).toMatch(/^[A-Za-z0-9._~-]+$/);
      const d = decodeFragment(`#${frag}`);
      expect(d.errors).toEqual([]);
      expect(d.form).toBe('canonical');
      expect(d.notices).toEqual([]);
      expect(d.view).toEqual(normalizeView(v));
      expect(encodeView(d.view)).toBe(frag);
    }), { seed: 4, numRuns: 2000 });
  });

  it('normalising keeps what a view replays: same resolved parameters, same choices', () => {
    fc.assert(fc.property(viewArb, (v) => {
      const n = normalizeView(v);
      expect(resolveParams(n.scenario, n.params)).toEqual(resolveParams(v.scenario, v.params));
      expect(normalizeView(n)).toEqual(n);
      v.sched.forEach((c, i) => expect(n.sched[i] ?? -1).toBe(c));
    }), { seed: 5, numRuns: 500 });
  });

  it('accepts the hand-editable long form forever, through the one long-form parser', () => {
    fc.assert(fc.property(viewArb, (v) => {
      const d = decodeFragment(`https://racelanes.example/#${formatLongLink(v)}`);
      expect(d.errors).toEqual([]);
      expect(d.form).toBe('long');
      expect(d.view).toEqual(normalizeView(v));
    }), { seed: 6, numRuns: 500 });
    const d = decodeFragment('#s=flash-unbind&fix=notifier-sleep&read=400ms&readers=2&mode=timed&t=57');
    expect(d.view).toEqual(view({ scenario: 'flash-unbind', fixes: ['notifier-sleep'], params: { read: 400_000, readers: 2 }, mode: 'timed', t: 57 }));
  });

  it('fits 40 characters for built-in scenarios at default parameters, any fixes, mode and cursor up to 99999', () => {
    const cursors: ViewState['t'][] = [null, 'fault', 'end'];
    for (let t = 9; t <= 99_999; t = t * 10 + 9) cursors.push(t, t + 1 <= 99_999 ? t + 1 : t);
    for (let t = 0; t <= 99_999; t += 997) cursors.push(t);
    let max = 0;
    for (const scenario of SCENARIO_IDS) for (const fixes of subsets) for (const mode of ['any', 'timed'] as const) {
      for (const t of cursors) max = Math.max(max, encodeView(view({ scenario, fixes, mode, t })).length);
    }
    expect(max).toBeLessThanOrEqual(40);
    expect(encodeView(view({ scenario: 'flash-unbind', fixes: [...FIX_IDS], mode: 'timed', t: 99_999 })).length).toBe(max);
  });

  it('fits 40 characters for the counterexample of every scenario, fix set and mode', () => {
    let n = 0;
    for (const scenario of SCENARIO_IDS) for (const fixes of subsets) for (const mode of ['any', 'timed'] as const) {
      const v = verdictOf({ scenario, kernel: DEFAULT_KERNEL, fixes, params: {}, mode });
      if (!v.counterexample) continue;
      n++;
      const ce = view({ scenario, fixes, mode, params: { at: v.counterexample.at }, sched: [...v.counterexample.schedule], t: 'fault' });
      const frag = encodeView(ce);
      expect(frag.length, frag).toBeLessThanOrEqual(40);
      expect(decodeFragment(frag).view).toEqual(normalizeView(ce));
    }
    expect(n).toBeGreaterThan(10);
  });

  it('survives mail and chat: percent-encoding, double encoding, wrapping, prose punctuation, angle brackets', () => {
    const frag = encodeView(view({ scenario: 'flash-unbind', fixes: ['notifier-sleep'], t: 'fault', sched: Array.from({ length: 30 }, (_, i) => i % 2) }));
    const want = decodeFragment(frag).view;
    expect(frag).toContain('~');
    for (const pasted of [
      `https://racelanes.example/#${frag.replace('~', '%7E')}`,
      `#${encodeURIComponent(encodeURIComponent(frag)).replace(/\./g, '%252E')}`,
      `https://racelanes.example/#${frag.slice(0, 12)}\n${frag.slice(12)}`,
      `(see https://racelanes.example/#${frag}).`,
      `<https://racelanes.example/#${frag}>`,
      `  #${frag}  `,
    ]) {
      const d = decodeFragment(pasted);
      expect(d.errors, pasted).toEqual([]);
      expect(d.view, pasted).toEqual(want);
    }
  });

  it('reports a link from a newer format version and applies nothing', () => {
    for (const link of ['#2.abcde.f7t.t5', '#17.abcde.f1.r1s', '#s=flash-unbind&fix=srcu-drain&v=2']) {
      const d = decodeFragment(link);
      expect(d.view, link).toEqual(view({}));
      expect(d.errors).toHaveLength(1);
      expect(d.errors[0]!.key).toBe('v');
      expect(d.errors[0]!.message).toMatch(/newer racelanes/);
      expect(d.notices).toEqual([]);
    }
    expect(decodeFragment('#0.abcde.f1').errors[0]!.message).toMatch(/unknown link format "0"/);
  });

  it('says when the link was made with another model, and still decodes the view', () => {
    const d = decodeFragment('#1.abc12.f1t.tf');
    expect(d.errors).toEqual([]);
    expect(d.model).toBe('abc12');
    expect(d.view).toEqual(view({ scenario: 'flash-unbind', fixes: ['notifier-sleep'], mode: 'timed', t: 'fault' }));
    expect(d.notices).toEqual([`This link was made with model abc12; this is model ${M}: replaying on the current model`]);
    expect(decodeFragment(`#s=qspi-unbind&v=1&m=abc12`).notices[0]).toMatch(/made with model abc12/);
  });

  it('applies every valid field of a broken link and names each bad one with what is allowed', () => {
    const d = decodeFragment(`#1.${M}.f9t.rbanana.n12.q1.a5m.t<b>`);
    expect(d.view).toEqual(view({ scenario: 'flash-unbind', mode: 'timed', params: { at: 5000 } }));
    expect(d.errors.map((e) => e.key)).toEqual(['fix', 'read', 'readers', 'q', 't']);
    expect(d.errors[1]!.message).toMatch(/read: "rbanana" is not a duration: digits, then m \(ms\) or s/);
    expect(d.errors[2]!.message).toMatch(/from 1 to 8/);
    expect(d.errors[4]!.message).toMatch(/step number/);
    expect(d.errors.some((e) => e.message.includes('<'))).toBe(false);
    const twice = decodeFragment(`#1.${M}.q0.t5.t7`);
    expect(twice.view.t).toBe(7);
    expect(twice.errors[0]!.message).toMatch(/given twice; the last one wins/);
    const bad = decodeFragment(`#1.${M}.x0.r1.r0`);
    expect(bad.errors.map((e) => e.key)).toEqual(['s', 'read', 'read']);
    expect(bad.view.params.read).toBe(1);
  });
});
