/**
 * Golden traces of the default run of every scenario under each single fix
 * (on the default kernel), and with no fix on every other kernel.
 * A mismatch writes `<name>-changed.json` next to the golden (CI keeps it);
 * rewriting goldens is deliberate: `UPDATE_GOLDEN=1 npx vitest run golden`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KERNEL, DEFAULT_VIEW, FIX_IDS, KERNEL_IDS, SCENARIO_IDS, simulate, type FixId, type KernelId, type ScenarioId, type Trace } from './index.ts';

const DIR = join(import.meta.dirname, '__golden__');

function stable(trace: Trace): string {
  const rows = trace.events.map((e) => {
    const step = trace.program.tasks[e.task]!.steps[e.pc]!;
    return [e.t, trace.program.tasks[e.task]!.id, e.type, step.stack.at(-1)?.fn ?? '', e.what];
  });
  const head = JSON.stringify({
    scenario: trace.program.scenario, kernel: trace.program.kernel.id, fixes: trace.program.fixes, fault: trace.fault?.kind ?? null,
    faultAt: trace.fault?.t ?? null, end: trace.end,
  });
  // One event per line: stable key order, integer ticks, readable diffs.
  return `${head.slice(0, -1)},"events":[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}

const cases: [ScenarioId, KernelId, FixId[]][] = SCENARIO_IDS.flatMap((s) => [
  [s, DEFAULT_KERNEL, []], ...FIX_IDS.map((f) => [s, DEFAULT_KERNEL, [f]]),
  ...KERNEL_IDS.filter((k) => k !== DEFAULT_KERNEL).map((k) => [s, k, []]),
] as [ScenarioId, KernelId, FixId[]][]);

describe('golden traces', () => {
  it.each(cases)('%s on %s %j', (scenario, kernel, fixes) => {
    const on = kernel === DEFAULT_KERNEL ? '' : `-${kernel}`;
    const name = `${scenario}${on}-${fixes.length ? fixes.join('+') : 'none'}-default`;
    const file = join(DIR, `${name}.json`);
    const got = stable(simulate({ ...DEFAULT_VIEW, scenario, kernel, fixes }));
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, got);
    expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 once, review, commit`).toBe(true);
    const want = readFileSync(file, 'utf8');
    if (got !== want) writeFileSync(join(DIR, `${name}-changed.json`), got);
    expect(got === want, `${name} differs from its golden; see ${name}-changed.json`).toBe(true);
  });
});
