import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { miniArb } from './arbitrary.ts';
import { exploreInterleavings } from './interleavings.ts';
import { proveNeverModular } from './modular.ts';
import { explore } from './explore.ts';
import { memoryBound } from './memory.ts';
import { FIX_SETS } from '../api.ts';
import { KERNEL_IDS, SCENARIO_IDS } from '../catalogue/index.ts';
import { herdLine, incompleteSentence, programOf, questionOf } from '../question.ts';
import { nearerQuestions } from '../nearer.ts';
import { DEFAULT_VIEW } from '../share/view.ts';
import { verdictOf } from '../verdictRun.ts';

describe('the reader-modular proof of Never (random small programs, fast-check)', () => {
  it('never proves a program that faults: proved means the unreduced search finds no fault', () => {
    let proved = 0, faults = 0, total = 0;
    fc.assert(fc.property(miniArb(3), ({ program }) => {
      const r = proveNeverModular(program, { maxViews: 200_000 });
      const exact = exploreInterleavings({ program, mode: 'any', at: null, symmetry: false });
      total++;
      if (exact.verdict !== 'Never') faults++;
      if (r.proved) { proved++; expect(exact.verdict, 'a proved Never').toBe('Never'); }
    }), { numRuns: Number(process.env.RUNS ?? 400), seed: Number(process.env.SEED ?? 20261207) });
    console.log({ total, proved, faults });
  });
});

describe('the modular proof on the built-in scenarios', () => {
  it('proves Never only where the complete state search says Never (every scenario, kernel and fix set with two readers; with an eraser too, no fix or one)', () => {
    const proved: string[] = [];
    let compared = 0;
    for (const scenario of SCENARIO_IDS) for (const kernel of KERNEL_IDS) for (const fixes of FIX_SETS) for (const erase of [null, 1_000_000]) {
      // With an eraser (a task of its own), the drain alone and no fix: the others take seconds more.
      if (erase !== null && fixes.length > 1) continue;
      const q = questionOf({ scenario, kernel, fixes: [...fixes], params: { readers: 2, erase }, mode: 'any' });
      const program = programOf(q);
      const name = `${scenario} ${kernel} ${fixes.join('+') || 'none'} erase=${erase}`;
      // A few questions with an eraser stop at this cap: with a fault found (a proven Sometimes), or not (left out).
      const exact = explore({ program, mode: 'any', at: null, maxStates: 60_000 });
      if (exact.verdict === 'Unknown') continue;
      compared++;
      const r = proveNeverModular(program, { maxViews: 2_000_000 });
      if (r.proved) { expect(exact.verdict, `${name}: proved`).toBe('Never'); proved.push(name); }
      // Where the search finds a fault, the modular search meets one too (it never proves it away).
      if (exact.faulting > 0) expect(r.reason, name).toBe('fault');
    }
    expect(compared).toBeGreaterThanOrEqual(SCENARIO_IDS.length * KERNEL_IDS.length * (FIX_SETS.length * 2 - 1) - 4);
    // It is not vacuous: the drain (alone and with the others) is proved on every scenario it applies to, eraser or not.
    expect(proved.filter((n) => n.includes('srcu-drain')).length).toBeGreaterThanOrEqual(SCENARIO_IDS.length * KERNEL_IDS.length);
  });

  it('proves eight readers of the drain, whose state search stops at a million states, in a fraction of its memory', () => {
    const q = questionOf({ scenario: 'flash-unbind', kernel: '6.14-rc7', fixes: ['srcu-drain'], params: { readers: 8 }, mode: 'any' });
    const program = programOf(q);
    const r = proveNeverModular(program, { maxBytes: memoryBound(program, 'any') });
    expect(r).toMatchObject({ proved: true, reason: null, classes: [8] });
    expect(r.memoryBytes).toBeLessThan(memoryBound(program, 'any'));
  });
});

describe('a verdict the cap stopped (verdictOf)', () => {
  it('is Never when the modular search proves it: 0 faulting exactly, the rest lower bounds, no nearer questions', () => {
    const q = questionOf({ scenario: 'flash-unbind', kernel: '6.14-rc7', fixes: ['srcu-drain'], params: { readers: 2 }, mode: 'any' });
    const v = verdictOf(q, { maxStates: 500 });
    expect(v).toMatchObject({ verdict: 'Never', faulting: 0, incomplete: true, states: 500, modular: { proved: true, reason: null, classes: [2] } });
    expect(v.modular!.memoryBytes).toBeLessThanOrEqual(v.modular!.maxBytes);
    expect(herdLine(q, v)).toContain('Never 0 ');
    expect(herdLine(q, v)).toContain('(Never proved by the modular search: stopped at 500 states; counts are lower bounds)');
    expect(incompleteSentence(v, q)).toMatch(/^Never is proven by the modular search: .*no move from any of its [\d,]+ views \([\d.]+ [KM]B, within the state search's [\d.]+ [KM]B\) faults/);
    expect(nearerQuestions(DEFAULT_VIEW, q, v)).toEqual([]);
  });

  it('stays Unknown when the modular search reaches its memory bound, and says so', () => {
    const q = questionOf({ scenario: 'flash-unbind', kernel: '6.14-rc7', fixes: ['srcu-drain'], params: { readers: 4 }, mode: 'any' });
    const v = verdictOf(q, { maxStates: 5000 });
    expect(v).toMatchObject({ verdict: 'Unknown', modular: { proved: false, reason: 'cap' } });
    expect(v.modular!.memoryBytes).toBeLessThanOrEqual(v.modular!.maxBytes);
    expect(incompleteSentence(v, q)).toContain('The modular search did not prove Never either: it reached its memory bound');
  });

  it('proves a timed question Never too, whose executions are each one of mode any, and says so', () => {
    const q = questionOf({ scenario: 'flash-unbind', kernel: '6.14-rc7', fixes: ['srcu-drain'], params: { readers: 2 }, mode: 'timed' });
    const v = verdictOf(q, { maxStates: 50 });
    expect(v).toMatchObject({ verdict: 'Never', faulting: 0, incomplete: true, states: 50, modular: { proved: true, reason: null, classes: [2] } });
    expect(v.modular!.maxBytes).toBe(memoryBound(programOf(q), 'timed', 50));
    expect(v.modular!.memoryBytes).toBeLessThanOrEqual(v.modular!.maxBytes);
    expect(incompleteSentence(v, q)).toMatch(/faults, so no execution does in mode any, where durations and the unbind start do not matter, and each timed execution of this question is one of those, step for step, whatever its unbind start\. The state search/);
    // The complete answer agrees.
    expect(verdictOf(q).verdict).toBe('Never');
    // A fix that works by timing is no Never in mode any: Unknown stays Unknown, and says why.
    const timing = verdictOf({ ...q, fixes: ['notifier-sleep'] }, { maxStates: 50 });
    expect(timing).toMatchObject({ verdict: 'Unknown', modular: { proved: false, reason: 'fault' } });
    expect(verdictOf({ ...q, fixes: ['notifier-sleep'] }).verdict).toBe('Never');
  });

  it('stays Unknown when a view faults (a fix that does not hold), and is not run where the search found a fault', () => {
    const q = questionOf({ scenario: 'flash-unbind', kernel: '6.14-rc7', fixes: [], params: { readers: 2 }, mode: 'any' });
    // One state is too few to meet the fault; the modular search meets it.
    const v = verdictOf(q, { maxStates: 1 });
    expect(v.faulting).toBe(0);
    expect(v).toMatchObject({ verdict: 'Unknown', modular: { proved: false, reason: 'fault' } });
    expect(incompleteSentence(v, q)).toContain('that view may be one no execution reaches');
    expect(verdictOf(q, { maxStates: 1000 }).modular).toBeUndefined();
    expect(verdictOf({ ...q, mode: 'timed' }, { maxStates: 1 })).toMatchObject({ verdict: 'Unknown', modular: { proved: false, reason: 'fault' } });
    expect(verdictOf({ ...q, mode: 'timed' }, { maxStates: 1000 }).modular).toBeUndefined();
  });
});
