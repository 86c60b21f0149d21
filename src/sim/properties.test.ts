/**
 * Property tests over schedules (fast-check) and an exhaustive oracle: the
 * explorer's counts equal a brute-force enumeration where the space is small.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KERNEL, DEFAULT_VIEW, buildProgram, simulate, type FixId, type ScenarioId } from './index.ts';
import { verdictOf } from './verdictRun.ts';
import { exploreTraces } from './engine/explore.ts';
import { exploreInterleavings } from './engine/interleavings.ts';
import { bruteInterleavings, bruteTraces } from './engine/oracle.ts';

const schedules = (tasks: number) => fc.array(fc.integer({ min: -1, max: tasks - 1 }), { maxLength: 120 });

describe('schedules (any mode)', () => {
  it('with srcu-drain, no schedule makes the reader fault (flash and controller unbind)', () => {
    for (const scenario of ['flash-unbind', 'qspi-unbind'] as ScenarioId[]) {
      fc.assert(fc.property(schedules(2), fc.integer({ min: 0, max: 20_000 }), (sched, at) => {
        const tr = simulate({ ...DEFAULT_VIEW, scenario, fixes: ['srcu-drain'], params: { at }, sched });
        return tr.fault === null && tr.hung.length === 0;
      }), { numRuns: 150, seed: 20261121 });
    }
  });

  it('with the devres group, no schedule makes the IRQ hit a powered-off ad7877', () => {
    fc.assert(fc.property(schedules(2), fc.integer({ min: 0, max: 3000 }), (sched, at) =>
      simulate({ ...DEFAULT_VIEW, scenario: 'devres-order', fixes: ['devres-group'], params: { at }, sched }).fault === null,
    ), { numRuns: 200, seed: 7 });
  });

  it('without a fix some schedule faults, and any fault a schedule finds is within the explorer\'s verdict', () => {
    for (const scenario of ['flash-unbind', 'qspi-unbind', 'devres-order'] as ScenarioId[]) {
      const v = verdictOf({ ...DEFAULT_VIEW, scenario });
      expect(v.verdict).not.toBe('Never');
    }
    fc.assert(fc.property(schedules(2), fc.constantFrom<FixId[]>([], ['notifier-sleep'], ['devres-group']), (sched, fixes) => {
      const tr = simulate({ ...DEFAULT_VIEW, scenario: 'flash-unbind', fixes, sched });
      return tr.fault === null || verdictOf({ ...DEFAULT_VIEW, scenario: 'flash-unbind', fixes }).verdict !== 'Never';
    }), { numRuns: 60, seed: 42 });
  });

  it('runs are deterministic: the same view gives the same trace', () => {
    fc.assert(fc.property(schedules(2), (sched) => {
      const view = { ...DEFAULT_VIEW, scenario: 'flash-unbind' as const, fixes: ['notifier-sleep'] as FixId[], sched };
      return JSON.stringify(simulate(view).events) === JSON.stringify(simulate(view).events);
    }), { numRuns: 40, seed: 3 });
  });

  it('replaying a run\'s own decisions reproduces it exactly', () => {
    fc.assert(fc.property(schedules(2), (sched) => {
      const a = simulate({ ...DEFAULT_VIEW, scenario: 'qspi-unbind', sched });
      const b = simulate({ ...DEFAULT_VIEW, scenario: 'qspi-unbind', sched: a.decisions.map((d) => d.chosen) });
      return b.events.length === a.events.length && b.fault?.t === a.fault?.t && b.fault?.kind === a.fault?.kind;
    }), { numRuns: 40, seed: 5 });
  });
});

describe('exhaustive oracle', () => {
  it.each([
    ['devres-order', [], 'any'], ['devres-order', ['devres-group'], 'any'],
    ['devres-order', [], 'timed'], ['devres-order', ['devres-group'], 'timed'],
    ['flash-unbind', [], 'timed'], ['flash-unbind', ['notifier-sleep'], 'timed'],
  ] as [ScenarioId, FixId[], 'any' | 'timed'][])('%s %j %s: memoised counts equal brute-force enumeration (interleavings and traces)', (scenario, fixes, mode) => {
    const program = buildProgram(scenario, DEFAULT_KERNEL, fixes, {});
    const brute = bruteInterleavings(program, mode, null);
    const v = exploreInterleavings({ program, mode, at: null });
    expect(v.executions).toBe(brute.executions);
    expect(v.faulting).toBe(brute.faulting);
    expect(brute.executions).toBeGreaterThan(1);
    const traces = bruteTraces(program, mode, null);
    const r = exploreTraces({ program, mode, at: null });
    expect({ executions: r.executions, faulting: r.faulting, hung: r.hung, shortest: r.counterexample?.moves ?? -1 }).toEqual(traces);
    expect(r.counterexample?.moves ?? -1).toBe(v.counterexample?.moves ?? -1);
  });
});
