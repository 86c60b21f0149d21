/**
 * The modular search on a second thread (race.ts) gives the answer the search run after the state search gives:
 * the same verdict and check, field for field, whether the thread ran it, was not needed, or failed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { questionOf, type QuestionInput } from '../sim/question.ts';
import { startsCheckOf, verdictOf, type ModularRacer } from '../sim/verdictRun.ts';
import type { RacedModular } from '../sim/modularRun.ts';
import { threadRacer } from './race.ts';

/**
 * A racer on a second thread (afterMs 0: the thread starts at the search's first progress report, after 65,536
 * moves), what each of its races handed back (null: not started, not needed, or failed), and how many threads started.
 */
function spied(opts: { entry?: string; stallMs?: number } = {}): { racer: ModularRacer; given: (RacedModular | null)[]; started: () => number } {
  const given: (RacedModular | null)[] = [];
  let started = 0;
  const racer = threadRacer({ cores: 2, afterMs: 0, ...opts, onStart: () => { started++; } })!;
  return {
    given,
    started: () => started,
    racer: (q, starts, maxStates) => {
      const race = racer(q, starts, maxStates);
      return { onProgress: race.onProgress, proved: race.proved, finish: (want, onViews) => { const g = race.finish(want, onViews); given.push(g); return g; } };
    },
  };
}

/**
 * The thread's module, started `ms` late: its views and result come after a search of a second or two has ended,
 * so the main thread waits for them (finish) and reports the views.
 */
function delayedEntry(ms: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'racelanes-'));
  const file = join(dir, 'delayed.mjs');
  writeFileSync(file, `await new Promise((r) => setTimeout(r, ${ms}));
await import(${JSON.stringify(new URL('./modularThread.ts', import.meta.url).href)});
`);
  return pathToFileURL(file).href;
}

const input = (over: Partial<QuestionInput> & { params: QuestionInput['params'] }): QuestionInput =>
  ({ scenario: 'flash-unbind', kernel: 'mainline', fixes: ['srcu-drain'], mode: 'any', ...over }) as QuestionInput;

describe('threadRacer', () => {
  it('is not used with one core', () => {
    expect(threadRacer({ cores: 1 })).toBeUndefined();
    expect(threadRacer({ cores: 2 })).toBeTypeOf('function');
  });

  it('a verdict whose state search the cap stops: the thread proves Never, and the verdict is the one without it', () => {
    // Four readers at a 30,000-state cap: the state search stops without a fault; the modular search proves Never.
    const q = input({ params: { readers: 4, erase: null } });
    const s = spied();
    const raced = verdictOf(q, { maxStates: 30_000, race: s.racer });
    expect(s.given).toHaveLength(1);
    expect(s.given[0]?.result.proved).toBe(true);
    expect(raced.verdict).toBe('Never');
    expect(raced.modular?.proved).toBe(true);
    expect(raced).toEqual(verdictOf(q, { maxStates: 30_000 }));
  });

  it('reports the progress of the thread\'s search as the search after the state search does', () => {
    const q = input({ params: { readers: 4, erase: null } });
    const seen: number[] = [];
    // The thread starts its search 3 s late, after the state search (about 1 s) has ended.
    const s = spied({ entry: delayedEntry(3000) });
    const v = verdictOf(q, { maxStates: 30_000, race: s.racer, onProgress: (p) => { if (p.views !== undefined) seen.push(p.views); } });
    expect(v.modular?.proved).toBe(true);
    expect(s.given[0]?.result.proved).toBe(true);
    // Every 32,768 views, with the state search's counts; the thread posts them, the main thread reads them while it waits.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((x) => x >= 0 && x <= v.modular!.views)).toBe(true);
    // Once: the main thread takes the thread's result and does not search again (its views would count from 0 again).
    expect(seen.every((x, i) => i === 0 || x > seen[i - 1]!)).toBe(true);
  });

  it('a thread that proves Never while the state search still counts: the search\'s progress says Never from then on', () => {
    // Five readers at a 150,000-state cap: the state search runs about 5 s, the modular search about 1 s.
    const q = input({ params: { readers: 5, erase: null } });
    const said: boolean[] = [];
    const s = spied();
    const raced = verdictOf(q, { maxStates: 150_000, race: s.racer, onProgress: (p) => { if (p.views === undefined) said.push(p.never === true); } });
    expect(s.given[0]?.result.proved).toBe(true);
    // Not before the thread answered, then at every report.
    const first = said.indexOf(true);
    expect(first).toBeGreaterThan(0);
    expect(said.slice(first).every(Boolean)).toBe(true);
    // The thread's result, taken at the cap (that the answer is the one-thread answer, field for field, is tested above).
    expect(raced.verdict).toBe('Never');
    expect(raced.modular?.proved).toBe(true);
    expect(raced.modular?.views).toBe(s.given[0]?.result.views);
  }, 60_000);

  it('a check over every start that the cap stops: the thread\'s search decides it as the one after it would', () => {
    const q = questionOf(input({ scenario: 'qspi-unbind', mode: 'timed', params: { readers: 3, erase: 1_000_000 } }));
    // Started late (see delayedEntry): its views come while the main thread waits for them.
    const s = spied({ entry: delayedEntry(3000) });
    const seen: number[] = [];
    const raced = startsCheckOf(q, { verdict: 'Never', incomplete: false }, { maxStates: 20_000, race: s.racer, onProgress: (p) => { if (p.views !== undefined) seen.push(p.views); } });
    expect(s.given).toHaveLength(1);
    expect(s.given[0]).not.toBeNull();
    // The thread's search only: the main thread does not search again.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((x, i) => i === 0 || x > seen[i - 1]!)).toBe(true);
    expect(raced?.holds).toBeNull();
    expect(raced?.modular?.reason).toBe('cap');
    expect(raced).toEqual(startsCheckOf(q, { verdict: 'Never', incomplete: false }, { maxStates: 20_000 }));
  });

  it('a search that completes stops the thread it started, and one that meets a fault starts none', () => {
    // Three readers and an eraser: a complete Never at 131,036 states, long enough for the thread to start.
    const never = input({ params: { readers: 3, erase: 1_000_000 } });
    // No fix: a fault in the first moves, a complete Sometimes at 46,452 states.
    const sometimes = input({ fixes: [], params: { readers: 2, erase: null } });
    for (const [q, starts] of [[never, 1], [sometimes, 0]] as const) {
      const s = spied();
      const raced = verdictOf(q, { maxStates: 1_000_000, race: s.racer });
      expect(raced.incomplete).toBe(false);
      expect(s.started()).toBe(starts);
      expect(s.given).toEqual([null]);
      expect(raced).toEqual(verdictOf(q, { maxStates: 1_000_000 }));
    }
  });

  it('a thread that goes silent leaves the modular search to the main thread after a while: the same verdict', () => {
    // A thread that loads, says so, and then never posts again (as one that died out of memory would not).
    const dir = mkdtempSync(join(tmpdir(), 'racelanes-'));
    const silent = join(dir, 'silent.mjs');
    writeFileSync(silent, `import { workerData } from 'node:worker_threads';
workerData.port.postMessage({ type: 'ready' });
const c = new Int32Array(workerData.wake); Atomics.add(c, 0, 1); Atomics.notify(c, 0);
for (;;) {}
`);
    const q = input({ params: { readers: 4, erase: null } });
    const s = spied({ entry: pathToFileURL(silent).href, stallMs: 500 });
    const raced = verdictOf(q, { maxStates: 30_000, race: s.racer });
    expect(s.started()).toBe(1);
    expect(s.given).toEqual([null]);
    expect(raced.modular?.proved).toBe(true);
    expect(raced).toEqual(verdictOf(q, { maxStates: 30_000 }));
  });

  it('a thread that cannot load its module leaves the modular search to the main thread: the same verdict', () => {
    const q = input({ params: { readers: 4, erase: null } });
    const s = spied({ entry: new URL('./noSuchModule.mjs', import.meta.url).href });
    const raced = verdictOf(q, { maxStates: 30_000, race: s.racer });
    expect(s.given).toEqual([null]);
    expect(raced.modular?.proved).toBe(true);
    expect(raced).toEqual(verdictOf(q, { maxStates: 30_000 }));
  });
});
