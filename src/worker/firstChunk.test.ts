/**
 * The page's first chunk (everything main.tsx reaches by static imports)
 * does not carry the searches: they run in the verdict worker, which loads
 * them after the first paint (and the check over every start only when one
 * is asked). Read from the sources' import statements, the
 * graph the bundler follows (type-only imports and `import()` excluded).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..');

/** Modules reached from `entry` by value imports. */
function reached(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [resolve(SRC, entry)];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'(\.[^']+)'/gm)) {
      if (m[2]) continue;
      // `import { type A, type B } from` is type-only too.
      const names = /\{([^}]*)\}/.exec(m[0])?.[1];
      if (names && names.split(',').every((n) => !n.trim() || n.trim().startsWith('type '))) continue;
      const target = join(dirname(file), m[3]!);
      if (/\.(ts|tsx)$/.test(target)) todo.push(target);
    }
  }
  return new Set([...seen].map((f) => f.slice(SRC.length + 1)));
}

const SEARCH = ['sim/engine/explore.ts', 'sim/engine/traces.ts', 'sim/engine/footprint.ts', 'sim/engine/everyStart.ts', 'sim/engine/interleavings.ts', 'sim/verdictRun.ts', 'sim/searchRun.ts', 'sim/modularRun.ts', 'sim/engine/modular.ts', 'sim/sweepRun.ts', 'sim/startsCheckRun.ts'];

describe("the page's first chunk", () => {
  it('reaches no module of the searches; the worker reaches those it runs', () => {
    const page = reached('main.tsx');
    expect(page.has('sim/engine/engine.ts'), 'the page runs the engine itself (one execution)').toBe(true);
    expect(page.has('sim/engine/memory.ts'), 'the page says the memory bound of each question').toBe(true);
    expect(SEARCH.filter((m) => page.has(m))).toEqual([]);
    const worker = reached('worker/verdict.worker.ts');
    expect(['sim/searchRun.ts', 'sim/engine/traces.ts'].filter((m) => !worker.has(m))).toEqual([]);
  });

  it('the page loads the words under an answer that is not complete with the first one it shows', () => {
    const page = reached('main.tsx');
    expect(['sim/incomplete.ts', 'sim/nearer.ts', 'store/incomplete.ts'].filter((m) => page.has(m))).toEqual([]);
    expect(readFileSync(resolve(SRC, 'components/useIncomplete.ts'), 'utf8')).toContain("import('../store/incomplete.ts')");
    expect(reached('store/incomplete.ts').has('sim/incomplete.ts')).toBe(true);
  });

  it("the worker loads the check over every start with the first check (a view in mode any never asks for one)", () => {
    const worker = reached('worker/verdict.worker.ts');
    expect(['sim/startsCheckRun.ts', 'sim/engine/everyStart.ts'].filter((m) => worker.has(m))).toEqual([]);
    expect(readFileSync(resolve(SRC, 'worker/verdict.worker.ts'), 'utf8')).toContain("import('../sim/startsCheckRun.ts')");
    expect(reached('sim/startsCheckRun.ts').has('sim/engine/everyStart.ts')).toBe(true);
  });

  it('the worker loads the modular search when a search first stops at the cap without a fault', () => {
    const worker = reached('worker/verdict.worker.ts');
    expect(['sim/modularRun.ts', 'sim/engine/modular.ts', 'sim/verdictRun.ts'].filter((m) => worker.has(m))).toEqual([]);
    expect(readFileSync(resolve(SRC, 'worker/verdict.worker.ts'), 'utf8')).toContain("import('../sim/modularRun.ts')");
    expect(reached('sim/modularRun.ts').has('sim/engine/modular.ts')).toBe(true);
  });
});
