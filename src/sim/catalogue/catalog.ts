/**
 * The catalogue's records: a scenario (written once, built for a kernel and
 * parameters), a fix (one record: what it is, where it comes from, on which
 * kernels it applies, and its transform). The lists themselves are in
 * catalogue/index.ts.
 */
import type { KernelDef } from './kernels.ts';
import type { FixId, KernelId, Params, ScenarioId, ScenarioSource } from './source.ts';

export interface ScenarioDef {
  readonly id: ScenarioId;
  readonly title: string;
  /** One paragraph: what runs and what breaks. */
  readonly summary: string;
  readonly seed: string;
  /** The scenario as written for one kernel and the parameters (partitions change its shape). */
  readonly source: (k: KernelDef, p: Params) => ScenarioSource;
}

export interface FixRecord {
  readonly id: FixId;
  /** One line for the toggle. */
  readonly title: string;
  /** Where it comes from: a posted patch, a merged commit, or racelanes' own sketch. */
  readonly source: string;
  /** What it is, in a few sentences, including what it does not do. */
  readonly description: string;
  /** The kernels it applies to (as posted or by design). */
  readonly kernels: readonly KernelId[];
  /** Why it does not apply (or means nothing) on a kernel it leaves out. */
  readonly notOn: Readonly<Record<KernelId, string>>;
  /** What it leaves open on a kernel it applies to, found by the explorer and explained. */
  readonly caveats?: Readonly<Partial<Record<KernelId, string>>>;
  /** The patch, as the code view marks the functions only it adds. */
  readonly patch: string;
  readonly transform: (src: ScenarioSource, k: KernelDef) => ScenarioSource;
}
