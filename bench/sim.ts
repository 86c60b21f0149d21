/** Simulation figures: runner events/s, explorer states/s, time to every built-in verdict. */
import { DEFAULT_KERNEL, DEFAULT_VIEW, FIX_SETS, LAT_PROBE_US, SCENARIO_IDS, formatDuration, questionOf, simulate, type FixId, type ParamOverrides, type ScenarioId } from '../src/sim/index.ts';
import { verdictOf, verdictTable } from '../src/sim/verdictRun.ts';
import { startsCheckOf } from '../src/sim/verdictRun.ts';
import { proveNeverModular } from '../src/sim/engine/modular.ts';
import { memoryBound } from '../src/sim/engine/memory.ts';
import { programOf } from '../src/sim/question.ts';
import { timeIt } from './stats.ts';

export interface SimBench {
  runnerEventsPerSec: number;
  explorer: { case: string; states: number; generated: number; ms: number; statesPerSec: number; generatedPerSec: number }[];
  verdicts: { scenario: ScenarioId; fixes: string; mode: string; verdict: string; ms: number }[];
  maxVerdictMs: number;
  tables: { scenario: ScenarioId; ms: number }[];
  maxTableMs: number;
  /** The check over every unbind start (startsCheck.ts) of each default timed question that has one, of a larger one and of one with a latency window. */
  starts: { question: string; holds: boolean | null; states: number; ms: number }[];
  /** Questions whose whole count stops at the default cap, answered with --speedcheck (stopped once Sometimes is proved). */
  speedcheck: { question: string; verdict: string; states: number; ms: number }[];
  /** The modular search alone (engine/modular.ts), in its memory bound, on a question whose state search stops at the default cap. */
  modular: { question: string; proved: boolean; views: number; rounds: number; memoryMB: number; boundMB: number; ms: number; viewsPerSec: number }[];
}

/** The larger question whose every-start check is timed besides the default timed ones: three readers (with every fix). */
const STARTS_LARGE: ParamOverrides = { readers: 3 };
/** A question whose check keeps a latency window at every start: the page's probe latency (with every fix). */
const STARTS_WINDOW: ParamOverrides = { lat: LAT_PROBE_US };

export function benchSim(quick: boolean): SimBench {
  const runs = quick ? 3 : 7;
  // Runner: all default runs of every scenario and fix set, events per second.
  const views = SCENARIO_IDS.flatMap((scenario) => FIX_SETS.map((fixes) => ({ ...DEFAULT_VIEW, scenario, fixes: [...fixes] })));
  const r = timeIt(() => views.reduce((n, v) => n + simulate(v).events.length, 0), runs);
  const runnerEventsPerSec = Math.round((r.result / r.ms) * 1000);

  // Explorer: larger spaces so the rate is not dominated by setup.
  const cases: [string, ScenarioId, ParamOverrides, 'any' | 'timed'][] = [
    ['qspi-unbind readers=2 any', 'qspi-unbind', { readers: 2 }, 'any'],
    ['flash-unbind readers=3 timed', 'flash-unbind', { readers: 3 }, 'timed'],
    ['qspi-unbind erase=2s any', 'qspi-unbind', { erase: 2_000_000 }, 'any'],
  ];
  const explorer = cases.map(([name, scenario, params, mode]) => {
    const t = timeIt(() => verdictOf({ scenario, kernel: DEFAULT_KERNEL, fixes: [], params, mode }), quick ? 1 : 5, 1);
    return {
      case: name, states: t.result.states, generated: t.result.generated, ms: round(t.ms),
      statesPerSec: Math.round((t.result.states / t.ms) * 1000), generatedPerSec: Math.round((t.result.generated / t.ms) * 1000),
    };
  });

  const verdicts = SCENARIO_IDS.flatMap((scenario) => FIX_SETS.flatMap((fixes) => (['any', 'timed'] as const).map((mode) => {
    const t = timeIt(() => verdictOf({ scenario, kernel: DEFAULT_KERNEL, fixes: [...fixes], params: {}, mode }), runs);
    return { scenario, fixes: fixes.length ? fixes.join('+') : 'none', mode, verdict: t.result.verdict, ms: round(t.ms) };
  })));
  const tables = SCENARIO_IDS.map((scenario) => ({ scenario, ms: round(timeIt(() => verdictTable(scenario, DEFAULT_KERNEL, {}), quick ? 3 : 5).ms) }));
  const checked = [
    ...SCENARIO_IDS.flatMap((scenario) => FIX_SETS.map((fixes) => questionOf({ scenario, kernel: DEFAULT_KERNEL, fixes: [...fixes], params: {}, mode: 'timed' }))),
    questionOf({ scenario: 'qspi-unbind', kernel: DEFAULT_KERNEL, fixes: [...FIX_SETS.at(-1)!], params: STARTS_LARGE, mode: 'timed' }),
    questionOf({ scenario: 'qspi-unbind', kernel: DEFAULT_KERNEL, fixes: [...FIX_SETS.at(-1)!], params: STARTS_WINDOW, mode: 'timed' }),
  ];
  const starts = checked.flatMap((q) => {
    const v = verdictOf(q);
    const t = timeIt(() => startsCheckOf(q, v), quick ? 1 : 3);
    const c = t.result;
    const lat = q.params.lat > 0 ? ` lat=${formatDuration(q.params.lat)}` : '';
    return c ? [{ question: `${q.scenario} ${q.fixes.join('+') || 'none'} readers=${q.params.readers}${lat} ${v.verdict}`, holds: c.holds, states: c.states, ms: round(t.ms) }] : [];
  });
  // The largest questions of each mode whose counting stops at the default cap (bench --grid): how soon they are settled.
  const settled: [string, ScenarioId, string, FixId[], ParamOverrides, 'any' | 'timed'][] = [
    ['qspi-unbind readers=3 any', 'qspi-unbind', DEFAULT_KERNEL, [], { readers: 3 }, 'any'],
    ['qspi-unbind readers=8 erase=1s any', 'qspi-unbind', DEFAULT_KERNEL, [], { readers: 8, erase: 1_000_000 }, 'any'],
    ['qspi-unbind 6.12.117 notifier-sleep readers=8 erase=1s timed', 'qspi-unbind', '6.12.117', ['notifier-sleep'], { readers: 8, erase: 1_000_000 }, 'timed'],
  ];
  const speedcheck = settled.map(([name, scenario, kernel, fixes, params, mode]) => {
    const t = timeIt(() => verdictOf({ scenario, kernel, fixes, params, mode }, { speedcheck: true }), quick ? 1 : 5, 1);
    return { question: name, verdict: t.result.verdict, states: t.result.states, ms: round(t.ms) };
  });
  // The modular search on eight readers of the drain (its state search stops at the default cap): one run, seconds.
  const modular = [{ scenario: 'flash-unbind' as const, fixes: ['srcu-drain'] as FixId[], params: { readers: 8 } }].map(({ scenario, fixes, params }) => {
    const program = programOf(questionOf({ scenario, kernel: DEFAULT_KERNEL, fixes, params, mode: 'any' }));
    const bound = memoryBound(program, 'any');
    const t = timeIt(() => proveNeverModular(program, { maxBytes: bound }), 1);
    const r = t.result;
    return {
      question: `${scenario} ${fixes.join('+')} readers=${params.readers} any`, proved: r.proved, views: r.views, rounds: r.rounds,
      memoryMB: round(r.memoryBytes / 1e6), boundMB: round(bound / 1e6), ms: round(t.ms), viewsPerSec: Math.round((r.views / t.ms) * 1000),
    };
  });
  return {
    speedcheck, modular,
    runnerEventsPerSec, explorer, verdicts,
    maxVerdictMs: Math.max(...verdicts.map((v) => v.ms)), tables, maxTableMs: Math.max(...tables.map((t) => t.ms)), starts,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
