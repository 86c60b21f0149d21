/**
 * The whole grid of built-in questions the controls can ask, once each:
 * every scenario, kernel and fix set of the verdict table, both modes, the
 * readers and erase values below (at every start, the scenario's other
 * defaults). Reports the median, the slowest questions and every one that
 * stopped at the state cap; and for each complete timed Never or Always, the
 * check over every unbind start that `racelanes check` runs after it (its
 * time, and whether it settled at the default cap). Long (about an hour):
 * `npm run bench -- --grid`.
 */
import { FIX_SETS, KERNEL_IDS, MODES, SCENARIO_IDS, questionOf, type Mode } from '../src/sim/index.ts';
import { startsCheckOf } from '../src/sim/verdictRun.ts';
import { median, raceOption, startsWord, timedOnce, timedVerdict } from './stats.ts';

export interface GridQuestion {
  readonly question: string;
  readonly verdict: string;
  readonly states: number;
  readonly ms: number;
  /** The state search stopped at the cap without a fault and the modular search proved Never. */
  readonly modular: boolean;
}

/** The check over every start of one complete timed Never or Always: its time, states, and whether it settled. */
export interface GridStarts {
  readonly question: string;
  readonly verdict: string;
  readonly ms: number;
  readonly states: number;
  /** True: the verdict holds at every start; false: a start contradicts it; null: stopped at the cap. */
  readonly holds: boolean | null;
  /** The check with the start kept symbolic stopped at the cap, and the modular search proved the Never. */
  readonly modular: boolean;
}

export interface GridBench {
  readonly questions: number;
  readonly medianMs: number;
  readonly slowest: readonly GridQuestion[];
  readonly incomplete: readonly GridQuestion[];
  /** Per mode: questions, complete ones (the state search), Nevers the modular search proved, median and slowest ms. */
  readonly byMode: readonly { mode: Mode; questions: number; complete: number; modular: number; medianMs: number; maxMs: number }[];
  /** Every check over every start the grid's timed verdicts ask for. */
  readonly starts: readonly GridStarts[];
}

/** Readers and erase values per mode (erase in µs, null = no eraser). */
export const GRID: Readonly<Record<Mode, { readers: readonly number[]; erase: readonly (number | null)[] }>> = {
  any: { readers: [1, 2, 3, 8], erase: [null, 1_000_000] },
  timed: { readers: [1, 2, 3, 4, 8], erase: [null, 1_000_000, 10_000_000] },
};

export function benchGrid(log: (line: string) => void = () => {}): GridBench {
  const all: (GridQuestion & { mode: Mode; incomplete: boolean })[] = [];
  const starts: GridStarts[] = [];
  for (const mode of MODES) {
    for (const scenario of SCENARIO_IDS) for (const kernel of KERNEL_IDS) for (const fixes of FIX_SETS) {
      for (const readers of GRID[mode].readers) for (const erase of GRID[mode].erase) {
        const question = `${scenario} k=${kernel} fix=${fixes.length ? fixes.join(',') : 'none'} mode=${mode} readers=${readers} erase=${erase === null ? 'none' : `${erase / 1e6}s`}`;
        const input = { scenario, kernel, fixes: [...fixes], params: { readers, erase }, mode };
        const { v, ms } = timedVerdict(input, question, log);
        all.push({ question, verdict: v.verdict, states: v.states, ms, mode, incomplete: v.incomplete, modular: v.modular?.proved === true });
        const { result: check, ms: checkMs } = timedOnce(() => startsCheckOf(questionOf(input), v, raceOption));
        if (!check) continue;
        const modular = check.modular?.proved === true;
        starts.push({ question, verdict: v.verdict, ms: checkMs, states: check.states, holds: check.holds, modular });
        if (check.holds === null || checkMs > 1000) log(`  ${check.holds === null ? 'cap ' : 'slow'} ${checkMs} ms every start: ${v.verdict} ${startsWord(check.holds, modular)} at ${check.states} states: ${question}`);
      }
    }
  }
  const strip = ({ question, verdict, states, ms, modular }: GridQuestion): GridQuestion => ({ question, verdict, states, ms, modular });
  return {
    questions: all.length,
    medianMs: median(all.map((q) => q.ms)),
    slowest: [...all].filter((q) => !q.incomplete || q.modular).sort((a, b) => b.ms - a.ms).slice(0, 5).map(strip),
    incomplete: all.filter((q) => q.incomplete).map(strip),
    byMode: MODES.map((mode) => {
      const qs = all.filter((q) => q.mode === mode);
      return {
        mode, questions: qs.length, complete: qs.filter((q) => !q.incomplete).length, modular: qs.filter((q) => q.modular).length,
        medianMs: median(qs.map((q) => q.ms)), maxMs: Math.max(...qs.map((q) => q.ms)),
      };
    }),
    starts,
  };
}
