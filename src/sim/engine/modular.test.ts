import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { F, heap, miniArb } from './arbitrary.ts';
import { check, fn, free, get, label, lock, put, putAboveOne, unlock, use } from '../catalogue/tree.ts';
import type { Node } from '../catalogue/source.ts';
import { mini, prog, task } from './testkit.ts';
import { exploreInterleavings } from './interleavings.ts';
import { proveNeverModular } from './modular.ts';
import { explore } from './explore.ts';
import { memoryBound } from './memory.ts';
import { FIX_SETS } from '../api.ts';
import { KERNEL_IDS, SCENARIO_IDS } from '../catalogue/index.ts';
import { herdLine, programOf, questionOf } from '../question.ts';
import { incompleteSentence } from '../incomplete.ts';
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

/** Readers that take and drop references, some puts keeping the last one (refcount_read() > 1): the shares a task holds grow late in the search. */
const sharesArb = fc.record({
  reader: fc.array(fc.constantFrom<Node>(get('r', 'get r'), put('r', 'put r'), use('a', 'use a'), use('b', 'use b'), putAboveOne('r', 'put r above one'),
    fn('close', F, check('$err', true, 'label:skip', 'if (ret) goto skip'), put('r', 'put r'), label('skip'))), { minLength: 2, maxLength: 7 }),
  readers: fc.integer({ min: 2, max: 4 }),
  unbind: fc.array(fc.constantFrom<Node>(put('r', 'put r', free('a', 'release: kfree(a)')), free('b', 'kfree(b)'), putAboveOne('r', 'put above'), use('a', 'use a')), { minLength: 1, maxLength: 3 }),
  initial: fc.integer({ min: 1, max: 4 }),
  locked: fc.boolean(),
});
type SharesCase = { reader: Node[]; readers: number; unbind: Node[]; initial: number; locked: boolean };
const sharesProgram = (x: SharesCase) => prog(mini({
  resources: [heap('a'), heap('b')], locks: [{ id: 'L', label: 'L' }],
  refs: [{ id: 'r', label: 'r', initial: x.initial, refcountT: false }],
  tasks: [
    ...Array.from({ length: x.readers }, (_, i) => task(`R${i}`, 0, [fn('reader', F,
      ...(x.locked && x.reader.length > 2 ? [x.reader[0]!, lock('L', 'lock'), ...x.reader.slice(1), unlock('L', 'unlock')] : x.reader))])),
    task('U', 'at', [fn('unbind', F, ...x.unbind)], 'unbind'),
  ],
}));

describe('a round after a widening of the shares walks again only the pairs that met under narrower shares', () => {
  it('answers as walking every pair again, with the same views, shared parts, guarantees and rounds (random programs)', () => {
    let later = 0;
    const check1 = (program: ReturnType<typeof sharesProgram>) => {
      const changed = proveNeverModular(program, { maxViews: 300_000 });
      expect(changed).toEqual(proveNeverModular(program, { maxViews: 300_000, rewalk: 'every' }));
      if (changed.rounds > 1) later++;
    };
    fc.assert(fc.property(sharesArb, (x) => check1(sharesProgram(x))), { numRuns: Number(process.env.RUNS ?? 1500), seed: Number(process.env.SEED ?? 20261207) });
    fc.assert(fc.property(miniArb(3), ({ program }) => check1(program)), { numRuns: Number(process.env.RUNS ?? 400), seed: Number(process.env.SEED ?? 20261207) });
    expect(later).toBeGreaterThan(100);
  });

  it('is not vacuous: in these programs the walk again finds views the first round did not (without it, fewer)', () => {
    // Found by sampling sharesArb: a put that keeps the last reference widens a reader's share late in the search.
    const cases: SharesCase[] = [
      { reader: [get('r', 'get r'), putAboveOne('r', 'put r above one'), get('r', 'get r'), use('a', 'use a')],
        readers: 3, unbind: [putAboveOne('r', 'put above'), putAboveOne('r', 'put above')], initial: 2, locked: false },
      { reader: [use('a', 'use a'), get('r', 'get r'), putAboveOne('r', 'put r above one'), get('r', 'get r')],
        readers: 4, unbind: [free('b', 'kfree(b)'), putAboveOne('r', 'put above')], initial: 1, locked: false },
    ];
    for (const x of cases) {
      const program = sharesProgram(x);
      const changed = proveNeverModular(program, {}), every = proveNeverModular(program, { rewalk: 'every' }), none = proveNeverModular(program, { rewalk: 'none' });
      expect(changed).toEqual(every);
      expect(changed.rounds).toBeGreaterThan(1);
      expect(none.views).toBeLessThan(every.views);
    }
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
