/**
 * The verdict table: every built-in scenario x fix set x mode at the scenario
 * defaults, and the claims PRODUCT.md makes about each fix under other
 * parameters. Every faulting verdict's counterexample must replay to a fault.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FIX_SETS, simulate, counterexampleView, questionOf, fixCaveat, type FixId, type Mode, type ScenarioId, type ViewState, DEFAULT_VIEW, type ParamOverrides,
} from './index.ts';
import { verdictOf } from './verdictRun.ts';

type Row = [ScenarioId, string, Mode, 'Never' | 'Sometimes' | 'Always'];
const ALL = 'notifier-sleep+srcu-drain+devres-group';

const TABLE: Row[] = [
  // Controller unbind under `cat`: only the drain helps; the notifier+sleep holds in
  // timed mode at 5 ms reads (it even sleeps twice: DEL_DEVICE and UNBIND_DRIVER).
  ['qspi-unbind', 'none', 'any', 'Sometimes'], ['qspi-unbind', 'none', 'timed', 'Sometimes'],
  ['qspi-unbind', 'notifier-sleep', 'any', 'Sometimes'], ['qspi-unbind', 'notifier-sleep', 'timed', 'Never'],
  ['qspi-unbind', 'srcu-drain', 'any', 'Never'], ['qspi-unbind', 'srcu-drain', 'timed', 'Never'],
  ['qspi-unbind', 'devres-group', 'any', 'Sometimes'], ['qspi-unbind', 'devres-group', 'timed', 'Sometimes'],
  ['qspi-unbind', ALL, 'any', 'Never'], ['qspi-unbind', ALL, 'timed', 'Never'],
  ['flash-unbind', 'none', 'any', 'Sometimes'], ['flash-unbind', 'none', 'timed', 'Sometimes'],
  ['flash-unbind', 'notifier-sleep', 'any', 'Sometimes'], ['flash-unbind', 'notifier-sleep', 'timed', 'Never'],
  ['flash-unbind', 'srcu-drain', 'any', 'Never'], ['flash-unbind', 'srcu-drain', 'timed', 'Never'],
  ['flash-unbind', 'devres-group', 'any', 'Sometimes'], ['flash-unbind', 'devres-group', 'timed', 'Sometimes'],
  ['flash-unbind', ALL, 'any', 'Never'], ['flash-unbind', ALL, 'timed', 'Never'],
  // The ordering bug: only the devres group fixes it.
  ['devres-order', 'none', 'any', 'Sometimes'], ['devres-order', 'none', 'timed', 'Sometimes'],
  ['devres-order', 'notifier-sleep', 'any', 'Sometimes'], ['devres-order', 'notifier-sleep', 'timed', 'Sometimes'],
  ['devres-order', 'srcu-drain', 'any', 'Sometimes'], ['devres-order', 'srcu-drain', 'timed', 'Sometimes'],
  ['devres-order', 'devres-group', 'any', 'Never'], ['devres-order', 'devres-group', 'timed', 'Never'],
  ['devres-order', ALL, 'any', 'Never'], ['devres-order', ALL, 'timed', 'Never'],
];

const fixesOf = (s: string) => (s === 'none' ? [] : (s.split('+') as FixId[]));

function expectReplays(view: ViewState): void {
  const v = verdictOf(view);
  expect(v.counterexample).not.toBeNull();
  const ce = v.counterexample!;
  const tr = simulate({ ...view, params: { ...view.params, at: ce.at }, sched: [...ce.schedule] });
  expect(tr.fault).not.toBeNull();
  expect(tr.diverged).toBeNull();
}

describe('verdict table at the scenario defaults', () => {
  it('covers every fix set the page shows', () => {
    const sets = new Set(TABLE.map((r) => r[1]));
    for (const fs of FIX_SETS) expect(sets.has(fs.length ? fs.join('+') : 'none')).toBe(true);
  });

  it.each(TABLE)('%s %s %s: %s', (scenario, fixes, mode, want) => {
    const view = { ...DEFAULT_VIEW, scenario, fixes: fixesOf(fixes), mode };
    const v = verdictOf(view);
    expect(v.incomplete).toBe(false);
    expect(v.verdict).toBe(want);
    expect(v.faulting <= v.executions).toBe(true);
    if (want !== 'Never') expectReplays(view);
    else expect(v.counterexample).toBeNull();
  });
});

describe('notifier + msleep is a timing bet (kernel-facts model (4))', () => {
  const timed = (scenario: ScenarioId, params: ParamOverrides): ViewState =>
    ({ ...DEFAULT_VIEW, scenario, fixes: ['notifier-sleep'], mode: 'timed', params });

  it('loses to a read longer than the sleep (window (a): check, then wait for nor->lock)', () => {
    const view = timed('flash-unbind', { read: 400_000 });
    expect(verdictOf(view).verdict).toBe('Sometimes');
    expectReplays(view);
  });

  it('holds for a single short read', () => {
    expect(verdictOf(timed('flash-unbind', { read: 200_000 })).verdict).toBe('Never');
  });

  it('loses to a queue of readers, each shorter than the sleep', () => {
    const view = timed('flash-unbind', { read: 200_000, readers: 3 });
    expect(verdictOf(view).verdict).toBe('Sometimes');
    expectReplays(view);
  });

  it('loses to an erase holding nor->lock longer than the sleep', () => {
    const view = timed('flash-unbind', { erase: 2_000_000 });
    expect(verdictOf(view).verdict).toBe('Sometimes');
    expectReplays(view);
  });

  it('the drain does not lose to any of them', () => {
    for (const params of [{ read: 400_000 }, { read: 200_000, readers: 3 }, { erase: 2_000_000 }]) {
      expect(verdictOf({ ...timed('flash-unbind', params), fixes: ['srcu-drain'] }).verdict).toBe('Never');
    }
  });

  it('a fixed start leaves only the ties and mutex hand-offs to explore', () => {
    const every = verdictOf(timed('flash-unbind', { read: 400_000 }));
    const at = every.counterexample!.at!;
    const fixed = verdictOf(timed('flash-unbind', { read: 400_000, at }));
    expect(fixed.verdict).toBe('Sometimes');
    expect(fixed.counterexample!.at).toBe(at);
    expect(fixed.executions).toBeLessThan(every.executions / 10);
  });
});

describe('state cap', () => {
  it('answers incomplete instead of hanging', () => {
    const v = verdictOf({ ...DEFAULT_VIEW, scenario: 'qspi-unbind', params: { readers: 3 }, mode: 'any' }, { maxStates: 5_000 });
    expect(v.incomplete).toBe(true);
    expect(v.maxStates).toBe(5_000);
    expect(v.states).toBeLessThanOrEqual(5_001);
    expect(v.faulting).toBeGreaterThan(0);
  });
});

describe('srcu-drain is right by design: it guards every access that reaches driver memory', () => {
  const KERNELS = ['6.14-rc7', '6.12.117', 'mainline'] as const;

  it('is Never on 6.14-rc7 and mainline, in both modes, over random parameters (readers <= 2)', () => {
    fc.assert(fc.property(
      fc.constantFrom('6.14-rc7', 'mainline'), fc.constantFrom<ScenarioId>('qspi-unbind', 'flash-unbind'), fc.constantFrom<Mode>('any', 'timed'),
      fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 600 }), fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }), fc.integer({ min: 0, max: 4 }),
      (kernel, scenario, mode, readers, readMs, eraseMs, parts) => {
        // Two readers and an eraser in mode any exceed the state cap until the explorer reduces symmetric readers.
        const erase = eraseMs === undefined || readers > 1 ? {} : { erase: eraseMs * 1000 };
        const params: ParamOverrides = { readers, read: readMs * 1000, parts, ...erase };
        const v = verdictOf({ ...DEFAULT_VIEW, scenario, kernel, mode, fixes: ['srcu-drain'], params });
        expect(v.incomplete, JSON.stringify({ kernel, scenario, mode, params })).toBe(false);
        expect(v.verdict, JSON.stringify({ kernel, scenario, mode, params })).toBe('Never');
      }), { numRuns: 12, seed: 8 });
  });

  it('is Never in mode timed with up to four readers and an eraser, on 6.14-rc7 and mainline (the reduced explorer completes these)', () => {
    fc.assert(fc.property(
      fc.constantFrom('6.14-rc7', 'mainline'), fc.constantFrom<ScenarioId>('qspi-unbind', 'flash-unbind'),
      fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 600 }), fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }), fc.integer({ min: 0, max: 2 }),
      (kernel, scenario, readers, readMs, eraseMs, parts) => {
        const params: ParamOverrides = { readers, read: readMs * 1000, parts, erase: eraseMs === null ? null : eraseMs * 1000 };
        const v = verdictOf({ ...DEFAULT_VIEW, scenario, kernel, mode: 'timed', fixes: ['srcu-drain'], params });
        const where = JSON.stringify({ kernel, scenario, params });
        expect(v.incomplete, where).toBe(false);
        expect(v.verdict, where).toBe('Never');
      }), { numRuns: 20, seed: 12 });
  });

  it('on 6.12.117 the only fault left is cadence-quadspi\'s own refcount window, as its caveat says', () => {
    for (const mode of ['any', 'timed'] as const) {
      const view: ViewState = { ...DEFAULT_VIEW, scenario: 'qspi-unbind', kernel: '6.12.117', mode, fixes: ['srcu-drain'] };
      const v = verdictOf(view);
      expect(v.verdict).toBe('Sometimes');
      const t = simulate(counterexampleView(view, questionOf(view), v.counterexample!));
      expect(t.fault?.kind).toBe('ref-add-on-zero');
      expect(t.fault?.stack.at(-1)?.fn).toBe('cqspi_exec_mem_op');
    }
    expect(fixCaveat('srcu-drain', '6.12.117')).toMatch(/refcount_t: addition on 0/);
    // The flash unbind does not go through cqspi_remove(): nothing is left there.
    expect(verdictOf({ ...DEFAULT_VIEW, scenario: 'flash-unbind', kernel: '6.12.117', fixes: ['srcu-drain'] }).verdict).toBe('Never');
  });

  it('leaves no module or partition reference behind once the reader has closed', () => {
    for (const kernel of KERNELS) for (const scenario of ['qspi-unbind', 'flash-unbind'] as const) for (const at of [undefined, 10, 30, 3_000, 8_000]) {
      const t = simulate({ ...DEFAULT_VIEW, scenario, kernel, fixes: ['srcu-drain'], mode: 'timed', params: at === undefined ? {} : { at } });
      expect(t.fault).toBeNull();
      const last = (id: string) => {
        const i = t.program.refs.findIndex((r) => r.id === id);
        const evs = t.events.filter((e) => (e.type === 'ref.get' || e.type === 'ref.put') && e.ref === i);
        return evs.length ? evs.at(-1)!.count : t.program.refs[i]!.initial;
      };
      const where = `${kernel} ${scenario} at=${at}`;
      expect(last('ctlr_module'), where).toBe(0);
      expect(last('part_kref'), where).toBe(0);
    }
  });
});
