import { describe, expect, it } from 'vitest';
import { everyStart } from './engine/everyStart.ts';
import { explore } from './engine/explore.ts';
import { counterexampleOf } from './engine/run.ts';
import { betweenStarts, prog } from './engine/testkit.ts';
import { memoryText, questionOf, type QuestionInput } from './question.ts';
import { verdictOf } from './verdictRun.ts';
import { startsCheckBound, startsCheckText, startsCheckWant, startsWitnessView, type StartsCheck } from './startsCheck.ts';
import { sweepStartsLines } from './sweepStarts.ts';
import { startsCheckOf } from './verdictRun.ts';
import { symbolicStartsCheckOf, wantsStartsModular } from './startsCheckRun.ts';
import { DEFAULT_VIEW } from './share/view.ts';

const timed: QuestionInput = { scenario: 'qspi-unbind', kernel: '6.14-rc7', fixes: ['srcu-drain'], mode: 'timed', params: {} };

describe('the check of a timed verdict over every unbind start', () => {
  it('is asked for a complete timed Never (a fault) or Always (an end without one), with at unset', () => {
    const q = questionOf(timed);
    expect(startsCheckWant(q, { verdict: 'Never', incomplete: false })).toBe('fault');
    expect(startsCheckWant(q, { verdict: 'Always', incomplete: false })).toBe('clean');
    expect(startsCheckWant(q, { verdict: 'Sometimes', incomplete: false })).toBeNull();
    expect(startsCheckWant(q, { verdict: 'Unknown', incomplete: true })).toBeNull();
    expect(startsCheckWant(q, { verdict: 'Never', incomplete: true })).toBeNull();
    expect(startsCheckWant(questionOf({ ...timed, mode: 'any' }), { verdict: 'Never', incomplete: false })).toBeNull();
    expect(startsCheckWant(questionOf({ ...timed, params: { at: 40 } }), { verdict: 'Never', incomplete: false })).toBeNull();
    expect(startsCheckWant(questionOf({ ...timed, params: { lat: 50 } }), { verdict: 'Never', incomplete: false })).toBe('fault');
  });

  it('says the Never of srcu-drain holds for every start, and that it is not settled under a small cap', () => {
    const q = questionOf(timed);
    const v = verdictOf(q);
    const c = startsCheckOf(q, v)!;
    expect([v.verdict, c.want, c.holds, c.witness]).toEqual(['Never', 'fault', true, null]);
    expect(startsCheckText(v, c)).toBe(`Never for every unbind start too, not only the unbind starting at 0 or right after a step of another task: checked with the start kept symbolic (${c.states.toLocaleString('en-US')} states).`);
    const capped = symbolicStartsCheckOf(q, v, { maxStates: 100 })!;
    expect([capped.holds, capped.states, capped.maxStates, capped.modular]).toEqual([null, 100, 100, undefined]);
    expect(wantsStartsModular(capped)).toBe(true);
    expect(startsCheckText(v, capped)).toMatch(/^Whether Never holds for every unbind start, .* is not settled: .*stopped at the state cap \(100 states\)\. To settle it, raise the cap \(--max-states N, or the page's state cap setting\)\.$/);
    expect(startsCheckOf(q, verdictOf({ ...timed, fixes: [] }))).toBeNull();
  });

  it('is settled by the modular search where the cap stops it looking for a fault, if that proves Never in mode any', () => {
    const q = questionOf({ ...timed, params: { readers: 2 } });
    const v = verdictOf(q);
    const c = startsCheckOf(q, v, { maxStates: 100 })!;
    expect([v.verdict, c.holds, c.states, c.witness, c.modular?.proved, c.modular?.reason]).toEqual(['Never', true, 100, null, true, null]);
    expect(c.modular!.memoryBytes).toBeLessThanOrEqual(c.modular!.maxBytes);
    expect(c.modular!.maxBytes).toBe(startsCheckBound(q, 100));
    expect(startsCheckText(v, c)).toBe('Never for every unbind start too, not only the unbind starting at 0 or right after a step of another task: the check with the start kept ' +
      `symbolic stopped at the state cap (100 states), and the modular search then proved that no execution faults in mode any, where durations and the unbind start do not matter (${c.modular!.views.toLocaleString('en-US')} views, ` +
      `${memoryText(c.modular!.memoryBytes)} within the check's ${memoryText(c.modular!.maxBytes)}). Every execution at every start, in any latency window, is one of those.`);
    // Where it completes, the check alone answers.
    expect(startsCheckOf(q, v)!.modular).toBeUndefined();
  });

  it('stays not settled where the modular search cannot prove Never (a fix that works by timing) or runs out of memory', () => {
    // notifier-sleep closes the race by waiting long enough: in mode any, where durations do not matter, it faults.
    const q = questionOf({ ...timed, fixes: ['notifier-sleep'] });
    const v = verdictOf(q);
    const c = startsCheckOf(q, v, { maxStates: 100 })!;
    expect([v.verdict, c.holds, c.modular?.proved, c.modular?.reason]).toEqual(['Never', null, false, 'fault']);
    expect(startsCheckText(v, c)).toMatch(/is not settled: .*\(100 states\)\. To settle it, raise the cap .*\. The modular search did not prove it either: in one of its views a move faults \(.+\); that view may be one no execution reaches, since it sees the other tasks only as counts\.$/);
    // Always looks for an end without a fault: the modular search proves only Never, so it is not asked.
    const capped = symbolicStartsCheckOf(q, v, { maxStates: 100 })!;
    expect([wantsStartsModular(capped), wantsStartsModular({ ...capped, want: 'clean' }), wantsStartsModular({ ...capped, holds: true })]).toEqual([true, false, false]);
  });

  it('keeps a latency window at every start, and says so', () => {
    const q = questionOf({ ...timed, params: { lat: 20 } });
    const v = verdictOf(q);
    const c = startsCheckOf(q, v)!;
    expect([v.verdict, c.holds, c.lat]).toEqual(['Never', true, 20]);
    expect(startsCheckText(v, c)).toBe(`Never for every unbind start too, not only the unbind starting at 0 or right after a step of another task: checked with the start kept symbolic (${c.states.toLocaleString('en-US')} states); at every start, as in the question, a woken task runs at once or right after another task's step within lat.`);
  });

  it('names the start that contradicts a Never, and its replay faults there', () => {
    const program = prog(betweenStarts());
    expect(explore({ program, mode: 'timed', at: null }).verdict).toBe('Never');
    const e = everyStart(program, { want: 'fault', maxStates: 1_000_000 });
    const c: StartsCheck = {
      want: 'fault', holds: false, witness: counterexampleOf(program, 'timed', e.found!.at, e.found!.path),
      states: e.states, generated: e.generated, maxStates: 1_000_000, memoryBytes: e.memoryBytes, lat: 0,
    };
    expect(startsCheckText({ verdict: 'Never' }, c)).toBe(`Not for every unbind start: with the unbind started at ${e.found!.at}us, an execution faults (an order the counts do not include). Over every start the answer is Sometimes.`);
    const q = questionOf(timed);
    const view = startsWitnessView(DEFAULT_VIEW, q, c)!;
    expect([view.start, view.sched, view.t, view.mode]).toEqual([e.found!.at, c.witness!.schedule, 'fault', 'timed']);
    expect(startsWitnessView(DEFAULT_VIEW, q, { ...c, want: 'clean' })!.t).toBeNull();
    expect(startsWitnessView(DEFAULT_VIEW, q, { ...c, holds: true, witness: null })).toBeNull();
  });

  it('a sweep\'s checks: one sentence for the cells checked, then one per cell that does not hold or is not settled', () => {
    const check = (holds: boolean | null, states: number): StartsCheck => ({
      want: 'fault', holds, states, generated: states, maxStates: 1000, memoryBytes: 0, lat: 0,
      witness: holds === false ? { at: 47, schedule: [1, 0], moves: 2 } as unknown as StartsCheck['witness'] : null,
    });
    const explored = 'not only the unbind starting at 0 or right after a step of another task';
    expect(sweepStartsLines([{ where: 'read=1ms', verdict: 'Sometimes', check: null }])).toEqual([]);
    expect(sweepStartsLines([{ where: 'read=1ms', verdict: 'Never', check: check(true, 900) }, { where: 'read=2ms', verdict: 'Sometimes', check: null }])).toEqual([
      { text: `Every start: the Never cell (read=1ms) holds for every unbind start too, ${explored}: checked with the start kept symbolic (900 states).`, cell: -1 },
    ]);
    const lines = sweepStartsLines([
      { where: 'readers=1', verdict: 'Never', check: check(true, 900) },
      { where: 'readers=2', verdict: 'Never', check: check(true, 950) },
      { where: 'readers=3', verdict: 'Never', check: check(false, 300) },
      { where: 'readers=4', verdict: 'Never', check: check(null, 1000) },
    ]);
    expect(lines.map((l) => l.cell)).toEqual([-1, 2, 3]);
    expect(lines[0]!.text).toBe(`Every start: 2 of the 4 Never cells hold for every unbind start too, ${explored} (checked with the start kept symbolic, at most 950 states per cell); the other 2:`);
    expect(lines[1]!.text).toBe('readers=3: Not for every unbind start: with the unbind started at 47us, an execution faults (an order the counts do not include). Over every start the answer is Sometimes.');
    expect(lines[2]!.text).toMatch(/^readers=4: Whether Never holds for every unbind start, .* is not settled: .*\(1,000 states\)/);
    expect(sweepStartsLines([{ where: 'x=1', verdict: 'Never', check: check(null, 1000) }, { where: 'x=2', verdict: 'Always', check: { ...check(false, 5), want: 'clean' } }])[0]!.text)
      .toBe('Every start: none of the 2 Never and Always cells is shown to hold for every unbind start, beyond the unbind starting at 0 or right after a step of another task:');
    // A cell the modular search settled has its own line, after the ones that do not hold; the head says how.
    const modular = { ...check(true, 1000), modular: { proved: true, reason: null, faultAt: null, classes: [2, 1], views: 77, rounds: 2, memoryBytes: 1, maxBytes: 2, words: 'Never by the modular search.' } };
    const mixed = sweepStartsLines([
      { where: 'readers=1', verdict: 'Never', check: check(true, 900) },
      { where: 'readers=2', verdict: 'Never', check: modular },
      { where: 'readers=3', verdict: 'Never', check: check(null, 1000) },
    ]);
    expect(mixed.map((l) => [l.cell, l.text])).toEqual([
      [-1, `Every start: 2 of the 3 Never cells hold for every unbind start too, ${explored} (checked with the start kept symbolic, 900 states; or by the modular search where that stopped at the state cap, below); the other one:`],
      [2, expect.stringMatching(/^readers=3: Whether Never holds for every unbind start, .* is not settled/)],
      [1, 'readers=2: Never by the modular search.'],
    ]);
    expect(sweepStartsLines([{ where: 'x=1', verdict: 'Never', check: modular }])[0]!.text)
      .toBe(`Every start: the Never cell (x=1) holds for every unbind start too, ${explored}: by the modular search, where the check with the start kept symbolic stopped at the state cap (below).`);
    expect(sweepStartsLines([{ where: 'x=1', verdict: 'Never', check: check(false, 5) }]).map((l) => l.text)).toEqual([
      'Every start: the Never cell is not shown to hold for every unbind start, beyond the unbind starting at 0 or right after a step of another task:',
      'x=1: Not for every unbind start: with the unbind started at 47us, an execution faults (an order the counts do not include). Over every start the answer is Sometimes.',
    ]);
  });
});
