import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW, PARAM_SPECS, decodeLink, encodeView, faultShare, formatDuration, formatSweep, formatSweepAxis, parseSweep, parseSweepAxis, sweepAxis, sweepCellView, sweepGrid, sweepNotes, sweepSize, sweepValues, withParam, type ParamKey, type SweepAxis, type SweepSpec, type ViewState,
} from './index.ts';
import { sweepCell, sweepCells } from './sweepRun.ts';
import { verdictOf } from './verdictRun.ts';

const view = (v: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, fixes: [], params: {}, sched: [], ...v });

/** Valid axes of every parameter, inside its range from the key table. */
const axisArb: fc.Arbitrary<SweepAxis> = fc.constantFrom(...PARAM_SPECS).chain((p) => {
  if (p.kind === 'count') {
    return fc.tuple(fc.integer({ min: p.min, max: p.max }), fc.integer({ min: p.min, max: p.max }))
      .map(([a, b]) => ({ param: p.key, from: Math.min(a, b), to: Math.max(a, b), steps: Math.abs(a - b) + 1 }));
  }
  const dur = fc.oneof(fc.integer({ min: p.min, max: 10_000 }), fc.integer({ min: Math.max(1, p.min), max: 600 }).map((n) => n * 1000), fc.integer({ min: 1, max: 600 }).map((n) => n * 1_000_000));
  return fc.tuple(dur, dur, fc.integer({ min: 2, max: 32 })).filter(([a, b, n]) => a !== b && Math.abs(a - b) >= n - 1)
    .map(([a, b, n]) => ({ param: p.key, from: Math.min(a, b), to: Math.max(a, b), steps: n }));
});

export const sweepArb: fc.Arbitrary<SweepSpec> = fc.tuple(axisArb, fc.option(axisArb)).filter(([x, y]) => !y || y.param !== x.param).map(([x, y]) => ({ x, y }));

describe('sweep specs: parse and format', () => {
  it('reads the long form: durations in the link syntax, steps, whole numbers by 1', () => {
    expect(parseSweep('read:100ms..500ms:5,readers:1..2')).toEqual({
      x: { param: 'read', from: 100_000, to: 500_000, steps: 5 }, y: { param: 'readers', from: 1, to: 2, steps: 2 },
    });
    expect(parseSweep('sleep:1.5s..2s')).toEqual({ x: { param: 'sleep', from: 1_500_000, to: 2_000_000, steps: 5 }, y: null });
    expect(parseSweepAxis('read=100ms..500ms:3', '--x')).toEqual({ param: 'read', from: 100_000, to: 500_000, steps: 3 });
    expect(parseSweepAxis('at:250us..250us')).toEqual({ param: 'at', from: 250, to: 250, steps: 1 });
    expect(formatSweep(parseSweep('read:100ms..500ms:5,readers:1..2') as SweepSpec)).toBe('read:100ms..500ms:5,readers:1..2');
  });

  it('round-trips every valid sweep through the long form', () => {
    fc.assert(fc.property(sweepArb, (s) => {
      expect(parseSweep(formatSweep(s))).toEqual(s);
      expect(parseSweepAxis(formatSweepAxis(s.x).replace(':', '='), '--x')).toEqual(s.x);
    }), { seed: 21, numRuns: 1000 });
  });

  it.each([
    ['foo:1..2', 'sweep: "foo" is not a parameter that can be swept (read, sleep, erase, readers, at, parts, lat)'],
    ['read', 'sweep: "read" is not a sweep: write param:from..to[:steps], e.g. read:100ms..500ms:5 or readers:1..3'],
    ['read:100ms-500ms', 'sweep: "read:100ms-500ms" is not a sweep: write param:from..to[:steps], e.g. read:100ms..500ms:5 or readers:1..3'],
    ['read:100..500', 'sweep: read value "100" is not a duration: write a number with a unit (us, ms, s), e.g. read:100ms..500ms:5'],
    ['read:0us..1s', 'sweep: read 0us..1s is out of range: read is 1us to 600s'],
    ['readers:1..9', 'sweep: readers 1..9 is out of range: readers is 1 to 8'],
    ['readers:a..3', 'sweep: readers value "a" must be a whole number from 1 to 8'],
    ['readers:1..3:4', 'sweep: readers is a whole number and steps by 1: write readers:1..3 without :4'],
    ['read:500ms..100ms', 'sweep: read 500ms..100ms goes down: write the lower value first (100ms..500ms)'],
    ['read:100ms..500ms:1', 'sweep: read takes 2 to 32 steps, not 1'],
    ['read:100ms..500ms:33', 'sweep: read takes 2 to 32 steps, not 33'],
    ['read:100ms..500ms:x', 'sweep: read: the step count "x" is not a whole number'],
    ['read:100ms..100ms:3', 'sweep: read 100ms..100ms is one value: leave out :3'],
    ['lat:0us..10us:20', 'sweep: lat 0us..10us is too narrow for 20 distinct values (whole us)'],
    ['read:1ms..2ms,read:3ms..4ms', 'sweep: read is swept twice: the two axes take different parameters'],
    ['read:1ms..2ms,readers:1..2,parts:0..1', 'sweep: at most two parameters (x,y), not 3'],
    ['read:1ms..2ms,<script>', 'sweep: "?script?" is not a sweep: write param:from..to[:steps], e.g. read:100ms..500ms:5 or readers:1..3'],
  ])('%s: says what is wrong, naming the key', (raw, message) => {
    expect(parseSweep(raw)).toBe(message);
  });

  it('never throws on any input, and never echoes markup', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => {
      const r = parseSweep(s);
      if (typeof r === 'string') expect(r).not.toMatch(/[<>]/);
    }), { seed: 22, numRuns: 2000 });
  });

  it('takes each parameter\'s range from the key table', () => {
    for (const p of PARAM_SPECS) {
      expect(sweepAxis(p.key, p.min, p.max, p.kind === 'count' ? null : 2)).toMatchObject({ param: p.key, from: p.min, to: p.max });
      if (p.min > 0) expect(sweepAxis(p.key, p.min - 1, p.max, null)).toMatch(/is out of range/);
      expect(sweepAxis(p.key, p.min, p.max + 1, null)).toMatch(/is out of range/);
    }
  });

  it('lists the cells: evenly spaced durations, every whole number', () => {
    expect(sweepValues({ param: 'read', from: 100_000, to: 500_000, steps: 5 })).toEqual([100_000, 200_000, 300_000, 400_000, 500_000]);
    expect(sweepValues({ param: 'lat', from: 0, to: 10, steps: 4 })).toEqual([0, 3, 7, 10]);
    expect(sweepValues({ param: 'at', from: 5, to: 5, steps: 1 })).toEqual([5]);
    const s = parseSweep('read:100ms..500ms:5,readers:1..3') as SweepSpec;
    expect(sweepGrid(s)).toEqual({ xs: [100_000, 200_000, 300_000, 400_000, 500_000], ys: [1, 2, 3] });
    expect(sweepSize(s)).toBe(15);
    expect(sweepGrid({ x: s.x, y: null }).ys).toEqual([null]);
    fc.assert(fc.property(axisArb, (a) => {
      const v = sweepValues(a);
      expect(v).toHaveLength(a.steps);
      expect(v[0]).toBe(a.from);
      expect(v[v.length - 1]).toBe(a.to);
      for (let i = 1; i < v.length; i++) expect(v[i]!).toBeGreaterThan(v[i - 1]!);
      for (const x of v) expect(Number.isInteger(x)).toBe(true);
    }), { seed: 23, numRuns: 500 });
  });
});

describe('the sweep key in links', () => {
  it('long form and canonical round trip, next to every other key', () => {
    fc.assert(fc.property(sweepArb, fc.constantFrom('flash-unbind', 'qspi-unbind'), (sweep, scenario) => {
      const v = view({ scenario, fixes: ['notifier-sleep'], mode: 'timed', sweep });
      const long = decodeLink(`#s=${scenario}&fix=notifier-sleep&mode=timed&sweep=${formatSweep(sweep)}`);
      expect(long.errors).toEqual([]);
      expect(long.view.sweep).toEqual(sweep);
      const frag = encodeView(v);
      expect(frag).toMatch(/^[A-Za-z0-9._~-]+$/);
      const d = decodeLink(frag);
      expect(d.errors).toEqual([]);
      expect(d.view).toEqual(long.view);
      expect(encodeView(d.view)).toBe(frag);
    }), { seed: 24, numRuns: 500 });
  });

  it('spells the canonical sweep as tag, from-to, steps; axes joined by _', () => {
    const v = decodeLink('#s=flash-unbind&fix=notifier-sleep&mode=timed&sweep=read:100ms..500ms:5,readers:1..2').view;
    expect(encodeView(v, 'abcde')).toBe('1.abcde.f1t.wr100m-500m-5_n1-2');
    expect(decodeLink('#1.abcde.q0.wz0-2s-3').view.sweep).toEqual({ x: { param: 'sleep', from: 0, to: 2_000_000, steps: 3 }, y: null });
  });

  it.each([
    ['#1.abcde.q0.wq1-2', /^sweep: "wq1-2" is not a sweep: each axis is a parameter tag \(r read, z sleep, e erase, n readers, a at, p parts, l lat\)/],
    ['#1.abcde.q0.wr1m', /^sweep: "wr1m" is not a sweep: after the tag r comes from-to-steps$/],
    ['#1.abcde.q0.wn1-9', /^sweep: "wn1-9" is not a valid sweep: readers 1\.\.9 is out of range: readers is 1 to 8$/],
    ['#1.abcde.q0.wr1m-2m-3_r3m-4m-2', /^sweep: "wr1m-2m-3_r3m-4m-2" is not a valid sweep: read is swept twice/],
    ['#1.abcde.q0.wr1m-2m-3_n1-2_p0-1', /^sweep: .* at most two axes, joined by _$/],
    ['#1.abcde.q0.wrx-2m', /^sweep: "wrx-2m" is not a sweep: read takes durations/],
    ['#s=qspi-unbind&sweep=read:100ms..500ms:40', /^sweep: read takes 2 to 32 steps, not 40$/],
  ])('%s: a bad sweep names the key and is not applied', (link, message) => {
    const d = decodeLink(link);
    expect(d.errors).toHaveLength(1);
    expect(d.errors[0]!.key).toBe('sweep');
    expect(d.errors[0]!.message).toMatch(message);
    expect(d.view.sweep).toBeUndefined();
  });
});

describe('sweep cells', () => {
  it('a cell is verdictOf the view\'s question with the parameter(s) set, and its link opens that configuration', () => {
    const cfg = fc.record({
      scenario: fc.constantFrom('flash-unbind', 'qspi-unbind', 'devres-order'),
      fixes: fc.subarray(['notifier-sleep', 'srcu-drain', 'devres-group']),
      mode: fc.constantFrom('any' as const, 'timed' as const),
      x: fc.constantFrom<[ParamKey, number]>(['read', 250_000], ['read', 400_000], ['sleep', 100_000], ['parts', 0], ['parts', 3], ['lat', 50_000]),
      y: fc.option(fc.constantFrom<[ParamKey, number]>(['readers', 1], ['erase', 2_000_000]), { nil: null }),
    });
    fc.assert(fc.property(cfg, ({ scenario, fixes, mode, x, y }) => {
      const xAxis = sweepAxis(x[0], x[1], x[1] + (x[0] === 'parts' ? 1 : 1000), x[0] === 'parts' ? null : 2) as SweepAxis;
      const yAxis = y ? sweepAxis(y[0], y[1], y[1] + (y[0] === 'readers' ? 0 : 1000), y[0] === 'readers' ? null : 2) as SweepAxis : null;
      const base = view({ scenario, fixes, mode, sched: [1, 0], start: 3, t: 'fault', sweep: { x: xAxis, y: yAxis } });
      const c = sweepCell(base, x[1], y ? y[1] : null, { maxStates: 50_000 });
      let params = withParam({}, x[0], x[1]);
      if (y) params = withParam(params, y[0], y[1]);
      const configured = view({ scenario, fixes, mode, params });
      const want = verdictOf(configured, { maxStates: 50_000 });
      expect({ verdict: c.verdict, faulting: c.faulting, executions: c.executions, incomplete: c.incomplete })
        .toEqual({ verdict: want.verdict, faulting: want.faulting, executions: want.executions, incomplete: want.incomplete });
      expect(c.x).toBe(x[1]);
      expect(c.y).toBe(y ? y[1] : null);
      expect(c.link).toBe(`#${encodeView(configured)}`);
      expect(decodeLink(c.link).view).toEqual(decodeLink(encodeView(configured)).view);
      expect(c.view.sweep).toBeUndefined();
    }), { seed: 25, numRuns: 25 });
  });

  it('notifier-sleep is safe while one read is shorter than its msleep: the boundary at sleep=300ms', () => {
    const v = decodeLink('#s=flash-unbind&fix=notifier-sleep&mode=timed&sweep=read:200ms..400ms:5').view;
    const cells = [...sweepCells(v)];
    expect(cells.map((c) => [formatDuration(c.x), c.verdict])).toEqual([
      ['200ms', 'Never'], ['250ms', 'Never'], ['300ms', 'Sometimes'], ['350ms', 'Sometimes'], ['400ms', 'Sometimes'],
    ]);
    expect(faultShare(cells[0]!)).toBe(0);
    expect(faultShare(cells[2]!)).toBeGreaterThan(0);
  });

  it('streams cells row by row and stops when the caller stops asking', () => {
    const v = view({ scenario: 'devres-order', fixes: ['devres-group'], sweep: parseSweep('readers:1..2,parts:0..2') as SweepSpec });
    const it = sweepCells(v);
    const first = it.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ x: 1, y: 0 });
    expect(it.next().value).toMatchObject({ x: 2, y: 0 });
    expect(it.next().value).toMatchObject({ x: 1, y: 1 });
    expect(it.return(undefined)).toEqual({ done: true, value: undefined });
    expect(it.next().done).toBe(true);
    expect([...sweepCells(v)].map((c) => [c.x, c.y])).toEqual([[1, 0], [2, 0], [1, 1], [2, 1], [1, 2], [2, 2]]);
  });

  it('asks a question once when cells share it (a duration in mode any), and says it is swept for nothing', () => {
    const v = view({ scenario: 'qspi-unbind', sweep: parseSweep('read:1ms..5ms:3') as SweepSpec });
    const cells = [...sweepCells(v)];
    expect(new Set(cells.map((c) => c.result)).size).toBe(1);
    expect(new Set(cells.map((c) => c.link)).size).toBe(3);
    expect(sweepNotes(v, v.sweep!)).toEqual(['in mode any, read does not change the verdict (durations and the start do not matter there): add mode=timed to sweep it']);
    expect(sweepNotes({ mode: 'timed' }, v.sweep!)).toEqual([]);
  });

  it('a cell keeps the look but no replay, cursor, comparison or sweep', () => {
    const v = view({ scenario: 'flash-unbind', sched: [1], start: 5, t: 9, sel: 3, axis: 'time', full: true, cmp: ['srcu-drain'], sweep: parseSweep('readers:1..2') as SweepSpec });
    const c = sweepCellView(v, v.sweep!, 2, null);
    expect(c).toEqual(view({ scenario: 'flash-unbind', params: { readers: 2 }, axis: 'time', full: true }));
    expect(() => sweepCell(view({}), 1, null)).toThrow(/no sweep/);
  });
});
