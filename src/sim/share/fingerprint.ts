/**
 * The model fingerprint a canonical link carries: a short, deterministic hash
 * of everything that decides what a link replays.
 *
 * It hashes (through the public API, plus run() to avoid compiling twice):
 * - every built-in scenario's default parameters, tasks (comm, pid, cpu, start)
 *   and tables (resources with their kind and dependencies, locks, flags);
 * - every scenario compiled with every fix set at default parameters: each
 *   step's kind, C text, cost, call stack (function names), resource / lock /
 *   flag / SRCU indices, value, target state, error path and visibility;
 * - the default single run of each of those programs in both timing modes
 *   (event type, time, task, step), which is what catches engine changes that
 *   leave the compiled data alone (mutex hand-off order, wake-ups, ...).
 *
 * So ANY change to the scenarios, the fixes, the compiler or the engine's
 * semantics changes the fingerprint, and links made before the change open
 * with a notice ("this link was made with model X; this is model Y") instead
 * of silently showing something else. That is the point: never try to keep
 * the fingerprint stable across a model change.
 *
 * FNV-1a (32-bit) over UTF-16 code units, reduced to 5 base-36 characters
 * (36^5 = 60,466,176 values): short enough for the 40-character link budget.
 *
 * Computing it runs every program (about a second), so the page and the CLI
 * use the value computed at build time (`model.generated.ts`, written by
 * `npm run fingerprint`); a unit test checks it against the live computation.
 */
import { buildProgram } from '../api.ts';
import { FIX_IDS, KERNEL_IDS, SCENARIO_IDS, scenarioDefaults } from '../catalogue/index.ts';
import type { FixId } from '../catalogue/source.ts';
import type { Program } from '../engine/program.ts';
import { run } from '../engine/run.ts';
import type { Trace } from '../engine/trace.ts';
import { BUILT_MODEL } from './model.generated.ts';

export const FINGERPRINT_LENGTH = 5;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over the UTF-16 code units of `text`. */
export function fnv1a32(text: string, seed: number = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h;
}

/** A 32-bit hash as `FINGERPRINT_LENGTH` base-36 characters. */
export function toFingerprint(h: number): string {
  return ((h >>> 0) % 36 ** FINGERPRINT_LENGTH).toString(36).padStart(FINGERPRINT_LENGTH, '0');
}

/** Every subset of the model's fixes (bit i = FIX_IDS[i]). */
function fixSubsets(): FixId[][] {
  const out: FixId[][] = [];
  for (let m = 0; m < 1 << FIX_IDS.length; m++) out.push(FIX_IDS.filter((_, i) => (m & (1 << i)) !== 0));
  return out;
}

/** The semantic content of a program as text (stable field order). */
function programText(p: Program): string {
  const parts: string[] = [
    `P ${p.scenario} ${JSON.stringify(p.kernel)} ${p.hardware ?? ''} ${p.fixes.join(',')} ${JSON.stringify(p.params)} u${p.unbindTask}`,
    ...p.resources.map((r) => `R ${r.id} ${r.kind} ${(r.dependsOn ?? []).join(',')}`),
    ...p.locks.map((l) => `L ${l.id} ${l.in ?? ''}`),
    ...p.flags.map((f) => `F ${f.id} ${f.initial} ${f.in ?? ''}`),
    ...p.refs.map((r) => `C ${r.id} ${r.initial} ${r.in ?? ''}`),
    ...p.srcu.map((s) => `S ${s.id}`),
  ];
  for (const t of p.tasks) {
    parts.push(`T ${t.id} ${t.kind} ${t.comm} ${t.pid} ${t.cpu} ${t.start}`);
    for (const s of t.steps) {
      parts.push([
        s.kind, s.what, s.cost, s.stack.map((f) => f.fn).join('>'), s.res.join(','), s.lock, s.flag, s.ref, s.srcu,
        s.value ? 1 : 0, s.to, s.target, s.errJump ? 1 : 0, s.errno, s.size, s.write ? 1 : 0, s.addr, s.visible ? 1 : 0,
      ].join('|'));
    }
  }
  return parts.join('\n');
}

function traceText(t: Trace): string {
  const ev = t.events.map((e) => `${e.type} ${e.t} ${e.task} ${e.pc}`).join(';');
  return `E ${ev} F ${t.fault ? `${t.fault.kind} ${t.fault.task} ${t.fault.t}` : '-'} H ${t.hung.join(',')} D ${t.decisions.length} O ${t.report?.text ?? ''}`;
}

let memo: string | null = null;

/**
 * The current model's fingerprint, as computed at build time.
 * @example /^[0-9a-z]{5}$/.test(modelFingerprint())
 */
export function modelFingerprint(): string {
  return BUILT_MODEL;
}

/**
 * The fingerprint computed from the model itself (once, then memoised): what
 * `npm run fingerprint` writes into model.generated.ts.
 */
export function liveModelFingerprint(): string {
  if (memo !== null) return memo;
  let h = FNV_OFFSET;
  for (const scenario of SCENARIO_IDS) {
    const d = scenarioDefaults(scenario);
    h = fnv1a32(`D ${scenario} ${JSON.stringify(d)}`, h);
    for (const kernel of KERNEL_IDS) {
      for (const fixes of fixSubsets()) {
        // The same program simulate() builds for a default view; run() as simulate() runs it.
        const program = buildProgram(scenario, kernel, fixes, {});
        h = fnv1a32(programText(program), h);
        for (const mode of ['any', 'timed'] as const) {
          h = fnv1a32(traceText(run({ program, mode, at: d.at, schedule: [] })), h);
        }
      }
    }
  }
  memo = toFingerprint(h);
  return memo;
}
