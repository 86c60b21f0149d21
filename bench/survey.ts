/**
 * Timed questions anywhere in the parameters' range, not only at the
 * scenarios' defaults (`npm run bench -- --survey`, minutes): a seeded sample
 * of random durations (read, sleep, erase, latency, start; log-uniform from
 * 1 µs to 10 s), parts, readers 1-4, scenario, kernel and fix set. Reports how
 * many stop at the state cap, with a latency window and without one, per
 * number of readers. The same seed asks the same questions on every machine.
 */
import { FIX_SETS, KERNEL_IDS, type ParamOverrides } from '../src/sim/index.ts';
import { median, timedVerdict } from './stats.ts';

export const SURVEY_SEED = 7;
export const SURVEY_QUESTIONS = 400;

export interface SurveyRow {
  readonly readers: number;
  readonly latency: boolean;
  readonly questions: number;
  /** The state search stopped at the cap; of those, proved Never by the modular search after it, and proven Sometimes. */
  readonly capped: number;
  readonly modular: number;
  readonly sometimes: number;
}

export interface SurveyBench {
  readonly questions: number;
  readonly capped: number;
  readonly rows: readonly SurveyRow[];
  readonly medianCompleteMs: number;
  readonly maxCompleteMs: number;
}

/** A linear congruential generator: the sample is the same everywhere. */
function generator(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}

export function benchSurvey(log: (line: string) => void = () => {}, count = SURVEY_QUESTIONS, seed = SURVEY_SEED): SurveyBench {
  const rnd = generator(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const duration = () => Math.round(Math.exp(rnd() * Math.log(10_000_000)));
  const all: { readers: number; latency: boolean; capped: boolean; modular: boolean; sometimes: boolean; ms: number }[] = [];
  for (let i = 0; i < count; i++) {
    const scenario = pick(['qspi-unbind', 'flash-unbind'] as const);
    const kernel = pick(KERNEL_IDS);
    const fixes = [...pick(FIX_SETS)];
    const params: ParamOverrides = {
      readers: 1 + Math.floor(rnd() * 4),
      erase: rnd() < 0.4 ? null : duration(),
      read: duration(),
      sleep: rnd() < 0.2 ? 0 : duration(),
      parts: Math.floor(rnd() * 5),
      lat: rnd() < 0.5 ? 0 : duration(),
      at: rnd() < 0.8 ? null : duration(),
    };
    const name = `${scenario} ${kernel} ${fixes.join('+') || 'none'} ${JSON.stringify(params)}`;
    const { v, ms } = timedVerdict({ scenario, kernel, fixes, params, mode: 'timed' }, name, log);
    all.push({ readers: params.readers!, latency: params.lat! > 0, capped: v.incomplete, modular: v.modular?.proved === true, sometimes: v.incomplete && v.verdict === 'Sometimes', ms });
  }
  const rows: SurveyRow[] = [];
  for (const latency of [false, true]) {
    for (let readers = 1; readers <= 4; readers++) {
      const qs = all.filter((q) => q.readers === readers && q.latency === latency);
      const capped = qs.filter((q) => q.capped);
      rows.push({ readers, latency, questions: qs.length, capped: capped.length, modular: capped.filter((q) => q.modular).length, sometimes: capped.filter((q) => q.sometimes).length });
    }
  }
  const complete = all.filter((q) => !q.capped).map((q) => q.ms);
  return {
    questions: all.length, capped: all.filter((q) => q.capped).length, rows,
    medianCompleteMs: median(complete), maxCompleteMs: Math.max(...complete),
  };
}
