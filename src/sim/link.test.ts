import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLongLink, parseLink, formatSched, parseSched, parseDuration } from './link.ts';
import { decodeLink, encodeView, normalizeView } from './share/canonical.ts';
import { modelFingerprint } from './share/fingerprint.ts';
import { viewArb } from './share/testkit.ts';

describe('parseLink (the one parser of the long form)', () => {
  it('reads the PRODUCT.md example', () => {
    const { view, errors } = parseLink('https://x.example/#s=flash-unbind&fix=notifier-sleep&read=400ms&readers=2&mode=timed&t=57');
    expect(errors).toEqual([]);
    expect(view).toMatchObject({ scenario: 'flash-unbind', fixes: ['notifier-sleep'], mode: 'timed', t: 57, params: { read: 400_000, readers: 2 } });
  });

  it('accepts a bare fragment, units us/ms/s, fix lists and none', () => {
    expect(parseLink('s=qspi-unbind&sleep=1.5s&at=250us&erase=2s').view.params).toEqual({ sleep: 1_500_000, at: 250, erase: 2_000_000 });
    expect(parseLink('#fix=srcu-drain,notifier-sleep').view.fixes).toEqual(['notifier-sleep', 'srcu-drain']);
    expect(parseLink('#fix=none').view.fixes).toEqual([]);
    expect(parseLink('#at=any').view.params.at).toBeNull();
    // Zero needs no unit: the page's latency note writes lat=0.
    expect(parseLink('#lat=0&at=0').view.params).toEqual({ lat: 0, at: 0 });
    expect(parseLink('#mode=timed&lat=0').errors).toEqual([]);
  });

  it.each([
    ['#s=nand-unbind', 's', 'unknown scenario "nand-unbind" (known: qspi-unbind, flash-unbind, devres-order)'],
    ['#fix=msleep', 'fix', 'unknown fix "msleep" (known: notifier-sleep, srcu-drain, devres-group, or none)'],
    ['#read=400', 'read', 'read=400 is not a duration: write a number with a unit, e.g. read=400ms (units: us, ms, s)'],
    ['#read=9999s', 'read', 'read=9999s is out of range: 1us to 600s'],
    ['#readers=9', 'readers', 'readers=9 must be a whole number from 1 to 8'],
    ['#mode=fast', 'mode', 'mode=fast must be any or timed'],
    ['#foo=1', 'foo', 'unknown key "foo" (known keys: s, k, fix, read, sleep, erase, readers, at, parts, lat, mode, start, sched, t, axis, stacks, sel, cmp, cmpk, sweep)'],
    ['#t=-3', 't', 't=-3 must be a step number (0, 1, ...) or fault or end'],
  ])('%s: names the key and what is allowed', (input, key, message) => {
    const { errors } = parseLink(input);
    expect(errors).toEqual([{ key, message }]);
  });

  it('applies what was valid next to what was not', () => {
    const { view, errors } = parseLink('#s=flash-unbind&read=banana&mode=timed&fix=bogus,srcu-drain');
    expect(errors.map((e) => e.key)).toEqual(['read', 'fix']);
    expect(view).toMatchObject({ scenario: 'flash-unbind', mode: 'timed', fixes: ['srcu-drain'], params: {} });
  });

  it('never throws and never echoes markup or control characters', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (a, b) => {
      const r = parseLink(`#${a}=${b}&s=<script>alert(1)</script>&${b}`);
      // eslint-disable-next-line no-control-regex -- the point is to find control characters
      return r.errors.every((e) => !/[<>\u0000-\u001f]/.test(e.message) && e.message.length < 300);
    }), { numRuns: 2000, seed: 11 });
    expect(parseLink('#read=%E0%A4%A').errors[0]?.message).toContain('percent-encoding');
    expect(parseLink('x'.repeat(100_000)).errors[0]?.key).toBe('link');
  });

  it('schedules: letters pick tasks, dots keep the default, numbers repeat', () => {
    expect(parseSched('.3b2a')).toEqual([-1, -1, -1, 1, 1, 0]);
    expect(formatSched([-1, -1, -1, 1, 1, 0, -1])).toBe('.3b2a');
    expect(parseSched('a!')).toMatchObject({ key: 'sched' });
    fc.assert(fc.property(fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 50 }), (s) => {
      const trimmed = [...s];
      while (trimmed.length && trimmed[trimmed.length - 1] === -1) trimmed.pop();
      return JSON.stringify(parseSched(formatSched(s))) === JSON.stringify(trimmed);
    }), { numRuns: 500, seed: 1 });
  });

  it('long form round-trips', () => {
    const input = '#s=flash-unbind&fix=notifier-sleep,srcu-drain&read=400ms&readers=2&erase=2s&at=4us&mode=timed&sched=a2b&t=fault';
    const once = parseLink(input).view;
    expect(parseLink(formatLongLink(once)).view).toEqual(once);
    expect(parseDuration('0.5ms', 'read', 1)).toBe(500);
  });
});

describe('comparison keys: cmp (side B\'s fixes) and cmpk (side B\'s kernel)', () => {
  const M = modelFingerprint();

  it('long form: fix lists or none, a kernel; B keeps A\'s fixes when only cmpk= is given', () => {
    expect(parseLink('#s=flash-unbind&fix=notifier-sleep&cmp=srcu-drain,notifier-sleep').view.cmp).toEqual(['notifier-sleep', 'srcu-drain']);
    expect(parseLink('#cmp=none').view.cmp).toEqual([]);
    expect(parseLink('#cmpk=mainline').view).toMatchObject({ cmpk: 'mainline' });
    expect(decodeLink('#fix=devres-group&cmpk=mainline').view).toMatchObject({ fixes: ['devres-group'], cmp: ['devres-group'], cmpk: 'mainline' });
    // B's kernel equal to A's is no difference: it is dropped.
    expect(decodeLink('#k=mainline&cmp=none&cmpk=mainline').view).toMatchObject({ kernel: 'mainline', cmp: [] });
    expect(decodeLink('#k=mainline&cmp=none&cmpk=mainline').view.cmpk).toBeUndefined();
    expect(formatLongLink(decodeLink('#s=flash-unbind&cmpk=6.12.117&cmp=').view)).toBe('s=flash-unbind&cmp=none&cmpk=6.12.117');
  });

  it('canonical: c + the fix bits (as the head\'s digit), o + a kernel code (r 6.14-rc7, s 6.12.117, m mainline)', () => {
    const v = decodeLink('#s=flash-unbind&fix=notifier-sleep&mode=timed&cmp=notifier-sleep,srcu-drain').view;
    expect(encodeView(v)).toBe(`1.${M}.f1t.c3`);
    expect(encodeView(decodeLink('#s=qspi-unbind&k=mainline&cmp=none&cmpk=6.14-rc7').view)).toBe(`1.${M}.q0.km.c0.or`);
    expect(encodeView(decodeLink('#s=qspi-unbind&cmpk=6.12.117').view)).toBe(`1.${M}.q0.c0.os`);
    expect(decodeLink(`#1.${M}.d4.c7.om`).view).toMatchObject({ scenario: 'devres-order', fixes: ['devres-group'], cmp: ['notifier-sleep', 'srcu-drain', 'devres-group'], cmpk: 'mainline' });
    // Old links have no comparison, and still mean exactly what they meant.
    const old = decodeLink('#1.tegu6.f1t.r400m.a4.sa2b.tf').view;
    expect(old.cmp).toBeUndefined();
    expect(old.cmpk).toBeUndefined();
    expect(old.sweep).toBeUndefined();
  });

  it('round-trips through both forms with every other key', () => {
    const study = fc.record({
      cmp: fc.option(fc.subarray(['notifier-sleep', 'srcu-drain', 'devres-group']), { nil: null }),
      cmpk: fc.option(fc.constantFrom('6.14-rc7', '6.12.117', 'mainline'), { nil: null }),
    });
    fc.assert(fc.property(viewArb, study, (v, s) => {
      const view = { ...v, ...s };
      const want = normalizeView(view);
      const frag = encodeView(view);
      expect(frag).toMatch(/^[A-Za-z0-9._~-]+$/);
      const d = decodeLink(frag);
      expect(d.errors).toEqual([]);
      expect(d.view).toEqual(want);
      expect(encodeView(d.view)).toBe(frag);
      const long = decodeLink(`#${formatLongLink(view)}`);
      expect(long.errors).toEqual([]);
      expect(long.view).toEqual(want);
      if (s.cmp !== null || s.cmpk !== null) expect(want.cmp).toBeDefined();
      else expect(want.cmp).toBeUndefined();
    }), { seed: 31, numRuns: 1000 });
  });

  it.each([
    ['#cmp=msleep', 'cmp', 'cmp: unknown fix "msleep" (known: notifier-sleep, srcu-drain, devres-group, or none)'],
    ['#cmpk=6.1', 'cmpk', 'cmpk: unknown kernel "6.1" (known: 6.14-rc7, 6.12.117, mainline)'],
    ['#1.abcde.q0.c8', 'cmp', 'cmp: "c8" is not a digit 0-7: the fix bits (1 notifier-sleep, 2 srcu-drain, 4 devres-group; add them; 0 = none)'],
    ['#1.abcde.q0.ox', 'cmpk', 'cmpk: "ox" is not a kernel: r 6.14-rc7, s 6.12.117, m mainline'],
  ])('%s: names the key and what is allowed, and applies no comparison', (link, key, message) => {
    const d = decodeLink(link);
    expect(d.errors).toEqual([{ key, message }]);
    expect(d.view.cmp).toBeUndefined();
  });
});
