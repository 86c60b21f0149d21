/**
 * The pool's races (client.ts): an idle worker runs, beside a search that has gone RACE_AFTER_MS without a fault, the
 * modular search that search needs if the cap stops it (the headline's ahead of the jobs that wait once it has run
 * HEADLINE_FIRST_MS, the others' when no job waits); the search's worker,
 * stopped at the cap (`capped`), gets that result (at once, or when the race answers) or null when there is none.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DEFAULT_VIEW, type Verdict } from '../sim/index.ts';
import type { RacedModular } from '../sim/modularRun.ts';
import { createAppStore } from '../store/index.ts';
import { RACE_AFTER_MS } from '../sim/index.ts';
import { verdictKey } from '../store/selectors.ts';
import { SPAWN_AFTER_MS, startVerdictWorker } from './client.ts';
import { HEADLINE_FIRST_MS } from './races.ts';
import type { RaceAnswer, VerdictRequest, VerdictResponse } from './protocol.ts';

/** A worker stand-in the test drives: it records what it is given and posts what the test says. */
class Scripted {
  onmessage: ((ev: MessageEvent<VerdictResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  requests: VerdictRequest[] = [];
  answers: RaceAnswer[] = [];
  terminated = false;
  postMessage(m: VerdictRequest | RaceAnswer) { if ('type' in m) this.answers.push(m); else this.requests.push(m); }
  terminate() { this.terminated = true; }
  send(m: VerdictResponse) { this.onmessage?.({ data: m } as MessageEvent<VerdictResponse>); }
  get job() { return this.requests.at(-1)!.jobs[0]!; }
  get id() { return this.requests.at(-1)!.id; }
}

const verdict = { verdict: 'Never' } as Verdict;
const given = { result: { proved: true }, maxBytes: 1 } as unknown as RacedModular;

let workers: Scripted[];
let stop: () => void;
const store = () => createAppStore({ ...DEFAULT_VIEW, fixes: ['srcu-drain'], params: { readers: 4 } });
let s: ReturnType<typeof store>;

beforeEach(() => {
  vi.useFakeTimers();
  workers = [];
  s = store();
  stop = startVerdictWorker(s, () => { const w = new Scripted(); workers.push(w); return w as unknown as Worker; }, 2);
  // The headline on the first worker; the second starts after SPAWN_AFTER_MS and answers every other job.
  vi.advanceTimersByTime(SPAWN_AFTER_MS);
  while (workers[1]!.requests.length && !workers[1]!.job.race && !(workers[1]!.job.key in s.getState().verdicts)) {
    workers[1]!.send({ id: workers[1]!.id, type: 'result', key: workers[1]!.job.key, verdict, ms: 1 });
  }
});
afterEach(() => { stop(); vi.useRealTimers(); });

/** The headline's verdict key after setParam('readers', '5'). */
const key5 = () => verdictKey(s.getState().view, s.getState().view.fixes, s.getState().view.mode);

/** A new question (five readers) on both workers: its headline's, and the first row's; the rest of its table waits. */
function fiveReaders(): { live: Scripted[]; head: Scripted; row: Scripted } {
  s.getState().setParam('readers', '5');
  vi.advanceTimersByTime(SPAWN_AFTER_MS);
  const live = workers.filter((w) => !w.terminated && w.requests.length && !(w.job.key in s.getState().verdicts));
  const head = live.find((w) => w.job.key === key5())!;
  return { live, head, row: live.find((w) => w !== head)! };
}

const progress = (w: Scripted, ms: number, extra: Partial<Extract<VerdictResponse, { type: 'progress' }>> = {}) =>
  w.send({ id: w.id, type: 'progress', key: w.job.key, states: 1000, generated: 5000, ms, ...extra });

/** The search's progress past RACE_AFTER_MS: the first loads the races' chunk (races.ts), the next is seen by it. */
async function pastMark(w: Scripted, extra: Partial<Extract<VerdictResponse, { type: 'progress' }>> = {}) {
  progress(w, RACE_AFTER_MS, extra);
  await vi.dynamicImportSettled();
  progress(w, RACE_AFTER_MS + 250, extra);
}

it('starts a race on the idle worker once the search has run RACE_AFTER_MS without a fault, and hands its result to the search when it stops at the cap', async () => {
  const [a, b] = workers as [Scripted, Scripted];
  const key = a.job.key;
  expect(b.requests).toHaveLength(9);
  progress(a, RACE_AFTER_MS - 1);
  expect(b.requests).toHaveLength(9);
  await pastMark(a);
  expect(b.requests).toHaveLength(10);
  expect(b.job).toMatchObject({ key, race: true, question: a.job.question });
  // Capped before the race answers: the search waits; the race's progress is shown with the search's counts.
  a.send({ id: a.id, type: 'capped', key });
  await vi.dynamicImportSettled();
  expect(a.answers).toEqual([]);
  b.send({ id: b.id, type: 'progress', key, states: 0, generated: 0, views: 70_000, round: 1, ms: 900 });
  expect(s.getState().verdictProgress[key]).toMatchObject({ states: 1000, generated: 5000, views: 70_000, round: 1 });
  b.send({ id: b.id, type: 'raced', key, given });
  expect(a.answers).toEqual([{ type: 'given', key, given }]);
  a.send({ id: a.id, type: 'result', key, verdict, ms: 2 });
  expect(s.getState().verdicts[key]).toBeDefined();
  expect(s.getState().verdictPending).toEqual([]);
  expect(b.terminated).toBe(false);
});

it('a race that answers first is handed over at once when the search stops at the cap', async () => {
  const [a, b] = workers as [Scripted, Scripted];
  const key = a.job.key;
  await pastMark(a);
  b.send({ id: b.id, type: 'raced', key, given });
  expect(a.answers).toEqual([]);
  a.send({ id: a.id, type: 'capped', key });
  await vi.dynamicImportSettled();
  expect(a.answers).toEqual([{ type: 'given', key, given }]);
});

it('a race that proves Never while the search still counts: the verdict is shown at once, and kept by the search\'s later progress and by a Cancel', async () => {
  const [a, b] = workers as [Scripted, Scripted];
  const key = a.job.key;
  await pastMark(a);
  expect(s.getState().verdictProgress[key]?.never).toBeUndefined();
  b.send({ id: b.id, type: 'raced', key, given });
  // Its last progress, now with the proof; the search's next reports keep it.
  expect(s.getState().verdictProgress[key]).toEqual({ states: 1000, generated: 5000, ms: RACE_AFTER_MS + 250, never: true });
  progress(a, RACE_AFTER_MS + 500);
  expect(s.getState().verdictProgress[key]).toMatchObject({ ms: RACE_AFTER_MS + 500, never: true });
  s.getState().cancelVerdicts();
  expect(s.getState().cancelledProved).toEqual({ [key]: 'Never' });
});

it('a new state cap, or stopping at the verdict turned on, drops a Never proved under the old one: every search starts again', async () => {
  const [a, b] = workers as [Scripted, Scripted];
  const key = a.job.key;
  await pastMark(a);
  b.send({ id: b.id, type: 'raced', key, given });
  expect(s.getState().verdictProgress[key]?.never).toBe(true);
  s.getState().setMaxStates(100_000);
  expect(s.getState().verdictProgress).toEqual({});
  const again = workers.find((w) => !w.terminated && w.requests.length && w.job.key === key)!;
  await pastMark(again);
  b.send({ id: b.id, type: 'raced', key, given });
  expect(s.getState().verdictProgress[key]?.never).toBeUndefined();
  s.getState().setSpeedcheck(true);
  expect(s.getState().verdictProgress).toEqual({});
});

it('a race that does not prove Never changes nothing the search shows', async () => {
  const [a, b] = workers as [Scripted, Scripted];
  const key = a.job.key;
  await pastMark(a);
  const unproved = { result: { proved: false }, maxBytes: 1 } as unknown as RacedModular;
  b.send({ id: b.id, type: 'raced', key, given: unproved });
  progress(a, RACE_AFTER_MS + 500);
  expect(s.getState().verdictProgress[key]).toEqual({ states: 1000, generated: 5000, ms: RACE_AFTER_MS + 500 });
  a.send({ id: a.id, type: 'capped', key });
  await vi.dynamicImportSettled();
  expect(a.answers).toEqual([{ type: 'given', key, given: unproved }]);
});

it('a search that ends without the cap stops its race; one with no race gets null when it stops at the cap', async () => {
  const [a, b] = workers as [Scripted, Scripted];
  const key = a.job.key;
  await pastMark(a);
  expect(b.job.race).toBe(true);
  a.send({ id: a.id, type: 'result', key, verdict, ms: 2 });
  expect(b.terminated).toBe(true);
  // A new question: its search stops at the cap with no race (it never ran RACE_AFTER_MS): null, search it yourself.
  s.getState().setParam('readers', '5');
  const c = workers.find((w) => !w.terminated && w.requests.length && !w.job.race && !(w.job.key in s.getState().verdicts))!;
  c.send({ id: c.id, type: 'capped', key: c.job.key });
  await vi.dynamicImportSettled();
  expect(c.answers).toEqual([{ type: 'given', key: c.job.key, given: null }]);
});

it('no race beside a search that has proved Sometimes, nor beside a table row while jobs wait', async () => {
  const [a, b] = workers as [Scripted, Scripted];
  await pastMark(a, { sometimes: true });
  expect(b.requests).toHaveLength(9);
  // Another question: its headline and first row on the two workers, the rest of its table waiting.
  const { live } = fiveReaders();
  const rows = live.filter((w) => w.job.key !== key5());
  expect(live).toHaveLength(2);
  expect(rows).toHaveLength(1);
  // The idle time goes to the waiting jobs, not to a table row's race.
  for (const w of rows) await pastMark(w);
  expect(workers.flatMap((w) => w.requests).filter((r) => r.jobs[0]!.race)).toEqual([]);
});

/** Race jobs posted so far, by key. */
const races = () => workers.flatMap((w) => w.requests).filter((r) => r.jobs[0]!.race).map((r) => r.jobs[0]!.key);

it('the headline\'s search, once it has run HEADLINE_FIRST_MS, gets its race on a free slot at once, though jobs wait', async () => {
  // The new question's headline on the started worker; the other slot has no worker yet (SPAWN_AFTER_MS) and jobs wait.
  s.getState().setParam('readers', '5');
  const head = workers.find((w) => !w.terminated && w.requests.length && w.job.key === key5())!;
  const n = workers.length;
  await pastMark(head);
  // Half a second: not yet ahead of the waiting jobs.
  expect(races()).toEqual([]);
  progress(head, HEADLINE_FIRST_MS);
  await vi.dynamicImportSettled();
  expect(races()).toEqual([key5()]);
  expect(workers).toHaveLength(n + 1);
  expect(workers.at(-1)!.job).toMatchObject({ key: key5(), race: true });
});

it('the headline\'s search gets its race before the jobs that wait: the next worker to come free takes it', async () => {
  const { head, row } = fiveReaders();
  await pastMark(head);
  progress(head, HEADLINE_FIRST_MS);
  await vi.dynamicImportSettled();
  expect(races()).toEqual([]);
  // The row's search ends: its worker takes the headline's race, not the next row.
  const before = row.requests.length;
  row.send({ id: row.id, type: 'result', key: row.job.key, verdict, ms: 1 });
  expect(row.requests).toHaveLength(before + 1);
  expect(row.job).toMatchObject({ key: key5(), race: true });
  // Once the race has answered, that worker takes the next row.
  row.send({ id: row.id, type: 'raced', key: key5(), given });
  expect(row.requests).toHaveLength(before + 2);
  expect(row.job.race).toBeUndefined();
  expect(races()).toEqual([key5()]);
});

it('with no worker free, the headline\'s race takes the worker of a row that only counts; that row is asked again first', async () => {
  const { head, row } = fiveReaders();
  const rowKey = row.job.key;
  // The row has not proved its verdict: nothing gives way.
  progress(row, 300);
  await pastMark(head);
  progress(head, HEADLINE_FIRST_MS);
  await vi.dynamicImportSettled();
  expect(races()).toEqual([]);
  expect(row.terminated).toBe(false);
  // It proves Sometimes and counts on: at the headline's next report its worker gives way to the race.
  progress(row, 600, { sometimes: true });
  progress(head, HEADLINE_FIRST_MS + 250);
  await vi.dynamicImportSettled();
  expect(row.terminated).toBe(true);
  expect(races()).toEqual([key5()]);
  const racer = workers.at(-1)!;
  expect(racer.job).toMatchObject({ key: key5(), race: true });
  // Its word stays shown while it waits.
  expect(s.getState().verdictProgress[rowKey]?.sometimes).toBe(true);
  expect(s.getState().verdictPending).toContain(rowKey);
  // The race answers: its worker takes the row again, before the other waiting jobs.
  racer.send({ id: racer.id, type: 'raced', key: key5(), given });
  expect(racer.job).toMatchObject({ key: rowKey });
  expect(racer.job.race).toBeUndefined();
});

it('a headline that proves Sometimes after half a second gets no race, ahead of the jobs or after them', async () => {
  const { head } = fiveReaders();
  await pastMark(head);
  progress(head, HEADLINE_FIRST_MS, { sometimes: true });
  await vi.dynamicImportSettled();
  // Every other job answered: workers come free, nothing waits.
  for (let k = 0; k < 20; k++) {
    const w = workers.find((x) => x !== head && !x.terminated && x.requests.length && !x.job.race && !(x.job.key in s.getState().verdicts));
    if (!w) break;
    w.send({ id: w.id, type: 'result', key: w.job.key, verdict, ms: 1 });
  }
  expect(races()).toEqual([]);
});

it('Cancel stops the race with its search; asked again, the search may get a race again', async () => {
  const [a, b] = workers as [Scripted, Scripted];
  const key = a.job.key;
  await pastMark(a);
  expect(b.job.race).toBe(true);
  s.getState().cancelVerdicts();
  expect(a.terminated && b.terminated).toBe(true);
  // Asked again: only the headline (the table's answers stayed), on a new worker.
  s.getState().retryVerdicts();
  const again = workers.at(-1)!;
  expect(again.job.key).toBe(key);
  // Its race starts a worker of its own: the other slot has none since Cancel.
  await pastMark(again);
  const other = workers.at(-1)!;
  expect(other).not.toBe(again);
  expect(other.job).toMatchObject({ key, race: true });
  again.send({ id: again.id, type: 'capped', key });
  await vi.dynamicImportSettled();
  other.send({ id: other.id, type: 'raced', key, given });
  expect(again.answers).toEqual([{ type: 'given', key, given }]);
});

it('a search stopped at the cap before any race could start is answered null at once, and gets no race after', async () => {
  const [a, b] = workers as [Scripted, Scripted];
  const key = a.job.key;
  // No races loaded yet: the answer does not wait for their chunk.
  a.send({ id: a.id, type: 'capped', key });
  expect(a.answers).toEqual([{ type: 'given', key, given: null }]);
  // It searches the modular search itself now: a later report past the mark starts no race for it.
  await pastMark(a);
  expect(b.requests.filter((r) => r.jobs[0]!.race)).toEqual([]);
});

it('once the races are loaded, a search answered null at the cap gets no race after', async () => {
  const [a, b] = workers as [Scripted, Scripted];
  const key = a.job.key;
  // The races' chunk loads (a report past the mark), but a proved Sometimes starts no race.
  await pastMark(a, { sometimes: true });
  a.send({ id: a.id, type: 'capped', key });
  await vi.dynamicImportSettled();
  expect(a.answers).toEqual([{ type: 'given', key, given: null }]);
  progress(a, RACE_AFTER_MS + 500);
  await vi.dynamicImportSettled();
  expect(b.requests.filter((r) => r.jobs[0]!.race)).toEqual([]);
});
