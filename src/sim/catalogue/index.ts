/**
 * The catalogue: every scenario, kernel and fix racelanes knows, and the
 * lists of their ids. A new scenario, kernel or fix is a new entry here, not
 * a type change: core types use plain string ids.
 */
import type { FixRecord, ScenarioDef } from './catalog.ts';
import { FIX_RECORDS } from './fixes.ts';
import { DEFAULT_KERNEL, KERNELS, type KernelDef } from './kernels.ts';
import { devresOrder } from './scenarios/devresOrder.ts';
import { flashUnbind } from './scenarios/flashUnbind.ts';
import { qspiUnbind } from './scenarios/qspiUnbind.ts';
import type { FixId, KernelId, Params, ScenarioId, ScenarioSource } from './source.ts';

export type { FixRecord, ScenarioDef } from './catalog.ts';
export { COMMITS, DEFAULT_KERNEL, KERNELS, type Commit, type KernelDef } from './kernels.ts';

export const SCENARIO_DEFS: readonly ScenarioDef[] = [qspiUnbind, flashUnbind, devresOrder];

export const SCENARIO_IDS: readonly ScenarioId[] = SCENARIO_DEFS.map((s) => s.id);
export const FIX_IDS: readonly FixId[] = FIX_RECORDS.map((f) => f.id);
export const KERNEL_IDS: readonly KernelId[] = KERNELS.map((k) => k.id);

export { FIX_RECORDS };

export const isScenario = (id: string): boolean => SCENARIO_IDS.includes(id);
export const isFix = (id: string): boolean => FIX_IDS.includes(id);
export const isKernel = (id: string): boolean => KERNEL_IDS.includes(id);

export function scenarioDef(id: ScenarioId): ScenarioDef {
  const s = SCENARIO_DEFS.find((x) => x.id === id);
  if (!s) throw new Error(`unknown scenario ${id}`);
  return s;
}

export function kernelDef(id: KernelId): KernelDef {
  const k = KERNELS.find((x) => x.id === id);
  if (!k) throw new Error(`unknown kernel ${id}`);
  return k;
}

export function fixRecord(id: FixId): FixRecord {
  const f = FIX_RECORDS.find((x) => x.id === id);
  if (!f) throw new Error(`unknown fix ${id}`);
  return f;
}

/** A scenario's default parameters (every kernel shares them). */
export function scenarioDefaults(id: ScenarioId): Params & { readonly at: number } {
  // Building a scenario to read its defaults is not free, and every question key asks: once per scenario.
  let d = DEFAULTS.get(id);
  if (!d) DEFAULTS.set(id, (d = scenarioDef(id).source(kernelDef(DEFAULT_KERNEL), BASE_PARAMS).defaults));
  return d;
}

const DEFAULTS = new Map<ScenarioId, Params & { readonly at: number }>();

/** Parameters used only to read a scenario's defaults. */
const BASE_PARAMS: Params = { read: 5000, sleep: 300_000, readers: 1, erase: null, at: null, parts: 2, lat: 0 };

/** The scenario as written for a kernel and parameters, with the fixes applied (in catalogue order). */
export function buildSource(scenario: ScenarioId, kernel: KernelId, fixes: readonly FixId[], p: Params): ScenarioSource {
  const k = kernelDef(kernel);
  const src = scenarioDef(scenario).source(k, p);
  return FIX_RECORDS.filter((f) => fixes.includes(f.id)).reduce((s, f) => f.transform(s, k), src);
}

/** The fix ids in catalogue order, each once. */
export function orderFixes(fixes: readonly FixId[]): FixId[] {
  return FIX_IDS.filter((f) => fixes.includes(f));
}

/** On this kernel, does the fix apply? Null when it does; else why not. */
/** What a fix leaves open on a kernel it applies to, or null. */
export function fixCaveat(fix: FixId, kernel: KernelId): string | null {
  const f = fixRecord(fix);
  return f.kernels.includes(kernel) ? f.caveats?.[kernel] ?? null : null;
}

export function fixNotOn(fix: FixId, kernel: KernelId): string | null {
  const f = fixRecord(fix);
  return f.kernels.includes(kernel) ? null : f.notOn[kernel] ?? `${fix} is not written for ${kernel}`;
}
