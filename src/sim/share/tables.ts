/**
 * Frozen tables of canonical link format v1: the scenario letters and the fix
 * bits of the head. Field tags are in keys.ts (one row per key).
 *
 * These tables are part of the released format: links in mailing-list archives
 * depend on them. NEVER reorder, rename or remove an entry. A new scenario or
 * fix needs a new format version (keep v1 decoding as it is, forever), because
 * v1's head packs the fix set into one digit 0-7.
 */
import type { FixId, KernelId, ScenarioId } from '../catalogue/source.ts';

export const V1 = '1';

/** Scenario letter of v1. */
export const V1_SCENARIO_LETTER: Readonly<Record<string, ScenarioId>> = {
  q: 'qspi-unbind',
  f: 'flash-unbind',
  d: 'devres-order',
};
export const V1_SCENARIOS: readonly ScenarioId[] = ['qspi-unbind', 'flash-unbind', 'devres-order'];

/** Fix bit i of v1's head digit. */
export const V1_FIXES: readonly FixId[] = ['notifier-sleep', 'srcu-drain', 'devres-group'];

/**
 * The kernel field `k` of v1: its code (a field value cannot hold the dots of
 * a version). Absent = 6.14-rc7, the seed's kernel, so every link made before
 * kernels existed keeps its meaning.
 */
export const V1_KERNEL_CODE: Readonly<Record<string, KernelId>> = {
  s: '6.12.117',
  m: 'mainline',
};

export function kernelCode(k: KernelId): string | null {
  for (const [c, id] of Object.entries(V1_KERNEL_CODE)) if (id === k) return c;
  return null;
}

export function scenarioLetter(s: ScenarioId): string | null {
  for (const [k, v] of Object.entries(V1_SCENARIO_LETTER)) if (v === s) return k;
  return null;
}

/**
 * The comparison's kernel field `o` (side B's kernel): the codes of `k`, plus
 * `r` for 6.14-rc7 (side B may go back to the seed's kernel when side A is
 * another one). Added with the comparison; same rules: never reorder or reuse.
 */
export const V1_CMP_KERNEL_CODE: Readonly<Record<string, KernelId>> = {
  r: '6.14-rc7',
  ...V1_KERNEL_CODE,
};

export function cmpKernelCode(k: KernelId): string | null {
  for (const [c, id] of Object.entries(V1_CMP_KERNEL_CODE)) if (id === k) return c;
  return null;
}

/** The v1 fix bits of a fix set (as in the head's digit), or null when a fix is outside the v1 table. */
export function fixBits(fixes: readonly FixId[]): number | null {
  let bits = 0;
  for (const f of fixes) {
    const i = V1_FIXES.indexOf(f);
    if (i < 0) return null;
    bits |= 1 << i;
  }
  return bits;
}
