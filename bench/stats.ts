/** Median-of-runs timing helpers for `npm run bench` (wall clock lives here, never in src/sim). */
import { type QuestionInput, type Verdict } from '../src/sim/index.ts';
import { verdictOf } from '../src/sim/verdictRun.ts';
import { threadRacer } from '../src/cli/race.ts';

/**
 * The grid and the survey run as `racelanes check` does: the modular search a capped search needs on a second
 * thread beside it (src/cli/race.ts), where the machine has two cores; `--one-thread` runs it after, as before.
 */
export const RACE = process.argv.includes('--one-thread') ? undefined : threadRacer();
export const raceOption = RACE ? { race: RACE } : {};

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `fn` `runs` times after `warm` warm-ups; returns the median milliseconds and the last result. */
export function timeIt<T>(fn: () => T, runs = 7, warm = 2): { ms: number; result: T } {
  let result = fn();
  for (let i = 1; i < warm; i++) result = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

/** `fn` run once: its result and its milliseconds to a tenth (the grid and the survey). */
export function timedOnce<T>(fn: () => T): { result: T; ms: number } {
  const t0 = performance.now();
  const result = fn();
  return { result, ms: Math.round((performance.now() - t0) * 10) / 10 };
}

/** A check over every start in a word: it holds, a start contradicts it, or it stopped at the cap (null). */
export const startsWord = (holds: boolean | null, modular = false): string =>
  (holds === null ? 'not settled' : holds ? (modular ? 'holds (the modular search, after the cap)' : 'holds') : 'contradicted');

/**
 * One verdict, timed once (the grid and the survey): its milliseconds to a
 * tenth, and a line to `log` when it stopped at the cap or took over a second.
 */
export function timedVerdict(input: QuestionInput, name: string, log: (line: string) => void): { v: Verdict; ms: number } {
  const { result: v, ms } = timedOnce(() => verdictOf(input, raceOption));
  const mod = v.modular ? ` (modular search: ${v.modular.proved ? 'proved' : v.modular.reason}, ${v.modular.views} views, ${Math.round(v.modular.memoryBytes / 1e6)} of ${Math.round(v.modular.maxBytes / 1e6)} MB)` : '';
  if (v.incomplete || ms > 1000) log(`  ${v.incomplete ? 'cap ' : 'slow'} ${ms} ms ${v.verdict} ${v.states} states${mod}: ${name}`);
  return { v, ms };
}

/**
 * A Never whose state search runs to the cap (six readers of the drain, 1,000,000 states: about 42 s on the command
 * line, a minute in the page) and whose modular search, beside it, proves it in a second or two: how soon the CLI
 * (cli.ts) and the page's headline (page.ts) say Never.
 */
export const CAPPED_NEVER = '#s=flash-unbind&k=mainline&fix=srcu-drain&readers=6';
