/**
 * The exact question a verdict answers, and the words every surface uses to
 * state it and its answer: the page's headline and table, the text block,
 * the CLI's text and JSON. One module, so they can never say different things.
 *
 * A question is the scenario, the fixes, every parameter, the timing mode and
 * the range of unbind starts (at 0 and right after each step of the other
 * tasks, unless `at` narrows it to one; see explore.ts; startsCheck.ts checks
 * a complete timed Never or Always over every start). A replay (its start and
 * schedule) is never part of it.
 */
import { buildSource, kernelDef, orderFixes, scenarioDefaults } from './catalogue/index.ts';
import { MODES, type FixId, type KernelId, type Mode, type Params, type ScenarioId } from './catalogue/source.ts';
import { compile } from './engine/compile.ts';
import { memoryBound } from './engine/memory.ts';
import type { Counting, ExploreProgress, Verdict } from './engine/verdict.ts';
import type { Program } from './engine/program.ts';
import { exploredOrder } from './engine/run.ts';
import type { Trace } from './engine/trace.ts';
import { formatDuration } from './share/codecs.ts';
import type { ParamOverrides } from './share/view.ts';

export interface Question {
  readonly scenario: ScenarioId;
  readonly kernel: KernelId;
  readonly fixes: readonly FixId[];
  readonly mode: Mode;
  /** Every parameter, resolved against the scenario defaults; `at: null` = the starts startsText names. */
  readonly params: Params;
}

/** Scenario defaults overlaid with what the view sets. */
export function resolveParams(scenario: ScenarioId, o: ParamOverrides): Params {
  const d = scenarioDefaults(scenario);
  return {
    read: o.read ?? d.read,
    sleep: o.sleep ?? d.sleep,
    readers: o.readers ?? d.readers,
    erase: o.erase === undefined ? d.erase : o.erase,
    at: o.at ?? null,
    parts: o.parts ?? d.parts,
    lat: o.lat ?? d.lat,
  };
}

/** What a question is read from: a view, or a question itself. */
export interface QuestionInput {
  readonly scenario: ScenarioId;
  readonly kernel: KernelId;
  readonly fixes: readonly FixId[];
  readonly params: ParamOverrides;
  readonly mode: Mode;
}

/** The question a view asks (its replay, cursor and look are not part of it). Idempotent. */
export function questionOf(view: QuestionInput): Question {
  return { scenario: view.scenario, kernel: view.kernel, fixes: orderFixes(view.fixes), mode: view.mode, params: resolveParams(view.scenario, view.params) };
}

/**
 * A stable identity for caches: two views with the same key ask the same
 * question. In mode any durations and the start do not enter the search, so
 * they are left out of the key (the answer is the same for every value).
 */
export function questionKey(q: Question): string {
  const p = q.params;
  const timed = q.mode === 'timed';
  const erase = p.erase === null ? 'none' : timed ? String(p.erase) : 'yes';
  const parts = [q.scenario, q.kernel, q.fixes.join('+') || 'none', q.mode, `n${p.readers}`, `e${erase}`, `p${p.parts}`];
  if (timed) parts.push(`r${p.read}`, `z${p.sleep}`, `a${p.at ?? 'every'}`, `l${p.lat}`);
  return parts.join('|');
}

/**
 * Questions with the same shape compile to the same tasks and steps (only
 * durations, the start and the latency differ) and have the same state
 * layout, so the same memoryBound at a cap: in mode timed, a latency window
 * or none (a state's key holds each task's slack only with a window,
 * engine/symmetry.ts) is part of the shape.
 */
export function shapeKey(q: Question): string {
  const p = q.params;
  const parts = [q.scenario, q.kernel, q.fixes.join('+') || 'none', q.mode, `n${p.readers}`, `e${p.erase === null ? 'none' : 'yes'}`, `p${p.parts}`];
  if (q.mode === 'timed' && p.lat > 0) parts.push('window');
  return parts.join('|');
}

/** `flash-unbind+notifier-sleep`: herd's test name. */
export function testName(q: Pick<Question, 'scenario' | 'fixes'>): string {
  return [q.scenario, ...q.fixes].join('+');
}

/** The parameters that decide the verdict, as `key=value` words. */
export function paramWords(q: Question): string[] {
  const p = q.params;
  const erase = `erase=${p.erase === null ? 'none' : formatDuration(p.erase)}`;
  if (q.mode === 'any') return [`readers=${p.readers}`, erase, `parts=${p.parts}`];
  return [`read=${formatDuration(p.read)}`, `sleep=${formatDuration(p.sleep)}`, `readers=${p.readers}`, erase, `parts=${p.parts}`, `lat=${formatDuration(p.lat)}`];
}

/**
 * Which unbind starts the question covers, in words. With `at` unset, the
 * explorer starts the unbind at 0 or right after a step of another task; a
 * start between two of their steps can order the unbind's later steps
 * differently, and is not searched (starts.test.ts): the counts do not
 * cover it. A complete Never or Always is checked over every start apart
 * (startsCheck.ts).
 */
export function startsText(q: Question): string {
  if (q.mode === 'any') return 'any timing: durations and the unbind start do not matter';
  return withLatency(q, q.params.at === null ? EXPLORED_STARTS : `unbind at ${formatDuration(q.params.at)} only`);
}

/** The unbind starts a timed question with `at` unset explores, in words (startsText, the text block's Covers line). */
export const EXPLORED_STARTS = 'unbind starting at 0 or right after a step of another task';

/**
 * Is a replay one of the executions the question's verdict counts? In mode
 * any and with `at` fixed, always; in mode timed with `at` unset, when its
 * order of moves is one the explorer tries (run.ts exploredOrder): a replay
 * whose unbind starts between two steps of the other tasks may not be.
 */
export function replayCounted(q: Pick<Question, 'mode' | 'params'>, trace: Trace): boolean {
  return q.mode === 'any' || q.params.at !== null || exploredOrder(trace);
}

/** What the page and the text block say of a replay replayCounted says no to. */
export const UNCOUNTED_REPLAY = 'not an order the verdict counts: its start is not at 0 or right after a step of another task';

/** What a latency window lets a timed search try (engine.ts): the question text's words and the check over every start's. */
export const WINDOW_TRIED = "a woken task runs at once or right after another task's step within lat";

/** `text` (which starts a timed question covers), then what its latency window lets it try (engine.ts), if it has one. */
export function withLatency(q: Question, text: string): string {
  return q.mode === 'timed' && q.params.lat > 0 ? `${text}; ${WINDOW_TRIED}` : text;
}

/**
 * The whole question in one line.
 * @example questionText(questionOf({ scenario: 'flash-unbind', fixes: [], params: {}, mode: 'timed' }))
 * // 'flash-unbind, no fix, mode=timed: read=5ms sleep=300ms readers=1 erase=none; unbind starting at 0 or right after a step of another task'
 */
export function questionText(q: Question): string {
  const fixes = q.fixes.length ? q.fixes.join(' + ') : 'no fix';
  return `${q.scenario} on ${q.kernel}, ${fixes}, mode=${q.mode}: ${paramWords(q).join(' ')}; ${startsText(q)}`;
}

/** The question as JSON (the CLI's `question` field). */
export function questionJson(q: Question): Record<string, unknown> {
  return {
    scenario: q.scenario, kernel: q.kernel, fixes: [...q.fixes], mode: q.mode,
    params: { ...q.params, at: q.params.at === null ? 'every' : q.params.at },
    text: questionText(q),
  };
}

/** What the counts of a verdict count, in one line (see Counting in engine/verdict.ts). */
export function countingText(c: Counting): string {
  return c === 'traces'
    ? 'traces: executions up to reordering of independent steps'
    : 'interleavings: every order of the visible steps';
}

/** The memory a search kept, for people: `740 KB`, `12.4 MB`, `2.1 GB`. */
export function memoryText(bytes: number): string {
  if (bytes < 1 << 20) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return bytes < 1 << 30 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${(bytes / (1 << 30)).toFixed(1)} GB`;
}

/** An execution count as herd prints it: exact below 2^53, else `~1.3e+16` (a float count). */
export function formatCount(n: number): string {
  return n <= Number.MAX_SAFE_INTEGER ? String(n) : `~${n.toPrecision(3)}`;
}

/**
 * Herd's line, `Observation flash-unbind+notifier-sleep Sometimes 7 20`. A cut-short
 * search says so on the same line: its counts are lower bounds.
 */
export function herdLine(q: Pick<Question, 'scenario' | 'fixes'>, v: Verdict): string {
  // A Never the modular search proved: 0 faulting is exact (a lower bound too), the rest were counted up to the cap.
  const tail = v.speedcheck ? ` (speedcheck: stopped at ${v.states} states once settled; counts are lower bounds)`
    : v.incomplete ? ` (${v.modular?.proved ? 'Never proved by the modular search' : 'incomplete'}: stopped at ${v.states} states; counts are lower bounds)` : '';
  return `Observation ${testName(q)} ${v.verdict} ${formatCount(v.faulting)} ${formatCount(v.executions - v.faulting)}${tail}`;
}

/** What a search that has proved Sometimes while it counts has found (ExploreProgress.sometimes), as the page and the CLI say it. */
export const SOMETIMES_PROVED = 'an execution that faults and one that does not were found';

/** What a search whose race has proved Never while it counts has found (ExploreProgress.never), as the page and the CLI say it. */
export const NEVER_PROVED = 'the modular search run beside it proved that no execution faults';

/**
 * How long a search runs without a fault before the modular search it needs if the cap stops it starts beside it,
 * on another thread (src/cli/race.ts) or worker (src/worker/races.ts): a shorter search ends first anyway.
 */
export const RACE_AFTER_MS = 500;

export interface VerdictOptions {
  readonly maxStates?: number;
  readonly onProgress?: (p: ExploreProgress) => void;
  /** Stop once Sometimes is proved (ExploreOptions.speedcheck; the CLI's --speedcheck). */
  readonly speedcheck?: boolean;
}

/** The program a question explores (and a replay runs). */
export function programOf(q: Question): Program {
  return compile(buildSource(q.scenario, q.kernel, q.fixes, q.params), kernelDef(q.kernel), q.fixes, q.params);
}

const bounds = new Map<string, number>();
const boundKey = (q: Question, maxStates: number) => `${shapeKey(q)}|${maxStates}`;

/**
 * The most memory one search of the question keeps at this state cap
 * (engine/memory.ts memoryBound), compiled once per shape of question and cap: the
 * page asks on every change of the view, a sweep for each of its cells. Both
 * modes explore the same program, so one compile answers both (the page's
 * table asks each fix set in each mode, on its main thread).
 */
export function memoryBoundOf(q: Question, maxStates: number): number {
  const key = boundKey(q, maxStates);
  let b = bounds.get(key);
  if (b === undefined) {
    if (bounds.size >= 256) bounds.clear();
    const program = programOf(q);
    for (const mode of MODES) bounds.set(boundKey({ ...q, mode }, maxStates), memoryBound(program, mode, maxStates));
    b = bounds.get(key)!;
  }
  return b;
}

/** The latency a timed verdict is checked against: 1 ms when the question has none, none when it has some. */
export const LAT_PROBE_US = 1000;

/**
 * The same timed question at another scheduling latency, to tell whether the
 * verdict depends on it (lat=0 means a woken task runs at once); null in mode any.
 * @example latencyProbe(questionOf(view))?.params.lat // 1000 when view has lat=0
 */
export function latencyProbe(q: Question): Question | null {
  if (q.mode !== 'timed') return null;
  return { ...q, params: { ...q.params, lat: q.params.lat === 0 ? LAT_PROBE_US : 0 } };
}
