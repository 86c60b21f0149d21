import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, counterexampleView, questionKey, questionOf, simulate, startsCheckKey, type Counterexample } from '../sim/index.ts';
import { verdictOf } from '../sim/verdictRun.ts';
import {
  codeAt, cursorToT, describeChange, faultIndex, formatCount, formatMicros, indexAtTime,
  compareJob, latencyProbeJob, neededVerdicts, sweepJobs, nextDecision, startsCheckJob, resolveCursor, scheduleChoosing, taskCommand, taskLabel, taskName, taskStatus,
} from './selectors.ts';
import { answeredCheck, checkState, startsKeyOf } from './verdictSlice.ts';

const trace = simulate(DEFAULT_VIEW);

describe('trace selectors', () => {
  it('finds the fault and resolves link cursors', () => {
    const f = faultIndex(trace);
    expect(trace.events[f]!.type).toBe('fault');
    expect(resolveCursor(trace, 'fault')).toEqual({ cursor: f, problem: null });
    expect(resolveCursor(trace, null).cursor).toBe(0);
    expect(resolveCursor(trace, 'end').cursor).toBe(trace.events.length - 1);
    expect(cursorToT(trace, f)).toBe('fault');
    expect(cursorToT(trace, 0)).toBeNull();
    expect(cursorToT(trace, 5)).toBe(5);
    expect(faultIndex(simulate({ ...DEFAULT_VIEW, fixes: ['srcu-drain'] }))).toBe(-1);
  });

  it('maps a time to the last event at or before it', () => {
    const i = indexAtTime(trace, 2000);
    expect(trace.events[i]!.t).toBeLessThanOrEqual(2000);
    expect(trace.events[i + 1]!.t).toBeGreaterThan(2000);
    expect(indexAtTime(trace, -5)).toBe(0);
  });

  it('names tasks the way the lanes label them', () => {
    expect(taskName(trace, 0)).toBe('cat (reader)');
    expect(taskCommand(trace, 1)).toBe('echo ff8d2000.spi > …/unbind');
    expect(taskLabel(trace, 1)).toBe('sh: echo ff8d2000.spi > …/unbind');
  });

  it('finds the next scheduling point and the schedule that picks a task there', () => {
    const d = nextDecision(trace, 0)!;
    expect(d.decision.event).toBeGreaterThan(0);
    expect(nextDecision(trace, trace.events.length)).toBeNull();
    const sched = scheduleChoosing(trace, 3, 1);
    expect(sched).toHaveLength(4);
    expect(sched[3]).toBe(1);
  });

  it('shows the innermost function and its code line per task', () => {
    const f = faultIndex(trace);
    const c = codeAt(trace, 0, f)!;
    expect(c.fn).toBe('cqspi_indirect_read_execute');
    expect(c.file).toBe('drivers/spi/spi-cadence-quadspi.c');
    expect(c.lines[c.line]).toMatch(/ioread32_rep/);
    expect(codeAt(trace, 1, 0)).toBeNull();
    expect(taskStatus(trace, 1, 0)).toBe('not started yet');
    expect(taskStatus(trace, 0, f)).toBe('faulted');
  });

  it('describes what each event changed', () => {
    const free = trace.events.findIndex((e) => e.type === 'res.free');
    expect(describeChange(trace, free)).toMatch(/→ freed/);
    const f = faultIndex(trace);
    expect(describeChange(trace, f)).toMatch(/^FAULT mmio-disabled/);
    for (let i = 0; i < trace.events.length; i++) expect(describeChange(trace, i)).not.toBe('');
  });
});

describe('verdict selectors', () => {
  it('asks for every fix set in both modes plus the current fixes', () => {
    expect(neededVerdicts(DEFAULT_VIEW)).toHaveLength(10);
    expect(neededVerdicts({ ...DEFAULT_VIEW, fixes: ['notifier-sleep', 'srcu-drain'] })).toHaveLength(12);
  });

  it('in mode timed also asks the same question at the probe latency, last', () => {
    const timed = { ...DEFAULT_VIEW, mode: 'timed' as const, fixes: ['notifier-sleep' as const] };
    const jobs = neededVerdicts(timed);
    expect(jobs).toHaveLength(11);
    expect(jobs.at(-1)).toEqual(latencyProbeJob(timed));
    expect(jobs.at(-1)!.question.params).toEqual({ lat: 1000 });
    expect(latencyProbeJob({ ...timed, params: { lat: 5000 } })!.question.params).toEqual({ lat: 0 });
    expect(latencyProbeJob(DEFAULT_VIEW)).toBeNull();
    // Its key is its own question's, never the view's.
    expect(jobs.at(-1)!.key).not.toBe(jobs[0]!.key);
  });

  it('checks the headline over every unbind start once it is a complete timed Never or Always, and nothing else', () => {
    const timed = { ...DEFAULT_VIEW, mode: 'timed' as const, fixes: ['srcu-drain' as const] };
    const q = questionOf(timed);
    expect(startsCheckJob(timed, {})).toBeNull();
    const verdicts = { [questionKey(q)]: { verdict: verdictOf(timed), ms: 1 } };
    const job = startsCheckJob(timed, verdicts)!;
    expect([job.key, job.starts, job.question.mode]).toEqual([startsCheckKey(q, 'Never'), 'Never', 'timed']);
    expect(neededVerdicts(timed, verdicts)[1]).toEqual(job);
    expect(neededVerdicts(timed, verdicts)).toHaveLength(neededVerdicts(timed).length + 1);
    // A latency window is kept at every start: checked too.
    const windowed = { ...timed, params: { lat: 50 } };
    expect(startsCheckJob(windowed, { [questionKey(questionOf(windowed))]: { verdict: verdictOf(windowed), ms: 1 } })?.starts).toBe('Never');
    // A Sometimes has both kinds already; a fixed start is not what the check covers; mode any has no starts.
    const some = { ...timed, fixes: [] };
    expect(startsCheckJob(some, { [questionKey(questionOf(some))]: { verdict: verdictOf(some), ms: 1 } })).toBeNull();
    for (const v of [{ ...timed, params: { at: 30 } }, { ...timed, mode: 'any' as const }]) {
      expect(startsCheckJob(v, { [questionKey(questionOf(v))]: { verdict: verdictOf(v), ms: 1 } }), JSON.stringify(v.params)).toBeNull();
    }
  });

  it('checks each sweep cell\'s timed Never over every start once its verdict is in, after every cell', () => {
    const spec = { x: { param: 'read' as const, from: 200_000, to: 400_000, steps: 3 }, y: null };
    const view = { ...DEFAULT_VIEW, scenario: 'flash-unbind' as const, mode: 'timed' as const, fixes: ['notifier-sleep' as const], sweep: spec };
    const cells = sweepJobs(view);
    expect(cells).toHaveLength(3);
    const verdicts = Object.fromEntries(cells.map((c) => [c.key, { verdict: verdictOf(c.question), ms: 1 }]));
    expect(cells.map((c) => verdicts[c.key]!.verdict.verdict)).toEqual(['Never', 'Sometimes', 'Sometimes']);
    const before = neededVerdicts(view, {});
    const after = neededVerdicts(view, verdicts);
    // The headline's own check is not asked: its verdict is not given here.
    expect(after.slice(0, before.length)).toEqual(before);
    const q = questionOf(cells[0]!.question);
    expect(after.slice(before.length)).toEqual([{ ...cells[0]!, key: startsCheckKey(q, 'Never'), starts: 'Never' }]);
  });

  it('checks side B of a comparison over every start once its verdict is in, after side B', () => {
    // Side B on another kernel: not a row of the table, so its job comes after the table's.
    const view = { ...DEFAULT_VIEW, scenario: 'qspi-unbind' as const, mode: 'timed' as const, fixes: [], cmp: ['srcu-drain' as const], cmpk: 'mainline' as const };
    const b = compareJob(view)!;
    const verdicts = { [b.key]: { verdict: verdictOf(b.question), ms: 1 } };
    const jobs = neededVerdicts(view, verdicts);
    const at = jobs.findIndex((j) => j.key === b.key);
    expect(at).toBe(10); // the table's ten (the headline among them) first
    expect(jobs[at + 1]).toEqual({ ...b, key: startsCheckKey(questionOf(b.question), 'Never'), starts: 'Never' });
    expect(jobs).toHaveLength(neededVerdicts(view).length + 1);
  });

  it('reads a check over every start as none needed, asked, cancelled, failed or answered (checkState)', () => {
    const timed = { ...DEFAULT_VIEW, mode: 'timed' as const, fixes: ['srcu-drain' as const] };
    const q = questionOf(timed);
    const base = { verdicts: {}, startsChecks: {}, verdictPending: [] as string[], verdictCancelled: [] as string[] };
    expect(checkState(base, q)).toBeUndefined();
    const verdicts = { [questionKey(q)]: { verdict: verdictOf(timed), ms: 1 } };
    const key = startsKeyOf({ verdicts }, q)!;
    expect(key).toBe(startsCheckKey(q, 'Never'));
    expect(checkState({ ...base, verdicts, verdictPending: [key] }, q)).toBe('asked');
    expect(checkState({ ...base, verdicts, verdictCancelled: [key] }, q)).toBe('cancelled');
    expect(checkState({ ...base, verdicts }, q)).toBe('failed');
    const check = { want: 'fault' as const, holds: true, witness: null, states: 1, generated: 1, maxStates: 1, memoryBytes: 0, lat: 0 };
    const answered = { ...base, verdicts, startsChecks: { [key]: { check, ms: 1 } } };
    expect(checkState(answered, q)).toBe(check);
    expect(answeredCheck(answered, q)).toBe(check);
    expect(answeredCheck({ ...base, verdicts }, q)).toBeNull();
    // A Sometimes needs none.
    const some = { ...timed, fixes: [] };
    expect(checkState({ ...base, verdicts: { [questionKey(questionOf(some))]: { verdict: verdictOf(some), ms: 1 } } }, questionOf(some))).toBeUndefined();
  });

  it('builds the replay view of a counterexample: the same question, one replay', () => {
    const ce: Counterexample = { at: 24, schedule: [0, 1], moves: 3 };
    const base = { ...DEFAULT_VIEW, params: { read: 9000 } };
    const q = questionOf({ ...base, fixes: ['notifier-sleep'], mode: 'timed' });
    const v = counterexampleView(base, q, ce);
    expect(v).toEqual({ ...DEFAULT_VIEW, fixes: ['notifier-sleep'], params: { read: 9000 }, mode: 'timed', start: 24, sched: [0, 1], t: 'fault' });
    expect(questionOf(v)).toEqual(q);
    const real = verdictOf({ ...DEFAULT_VIEW, scenario: 'qspi-unbind', fixes: [], params: {}, mode: 'timed' }).counterexample!;
    expect(simulate(counterexampleView(DEFAULT_VIEW, questionOf({ ...DEFAULT_VIEW, mode: 'timed' }), real)).fault).not.toBeNull();
  });

  it('formats counts and times', () => {
    expect(formatCount(2379)).toBe('2,379');
    expect(formatCount(30079037031694736)).toBe('3.01e16');
    expect(formatMicros(24)).toBe('24 µs');
    expect(formatMicros(2045)).toBe('2.045 ms');
    expect(formatMicros(300_000)).toBe('300 ms');
    expect(formatMicros(1_500_000)).toBe('1.5 s');
  });
});
