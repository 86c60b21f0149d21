/** fast-check generators of views (test-only helper; never imported by app code). */
import fc from 'fast-check';
import { MAX_DURATION } from './codecs.ts';
import type { ParamOverrides, ViewState } from './view.ts';
import { FIX_IDS, KERNEL_IDS, SCENARIO_IDS } from '../catalogue/index.ts';

const dur = (min: number) => fc.oneof(
  fc.integer({ min, max: MAX_DURATION }),
  fc.integer({ min: Math.max(min, 1), max: 600_000 }).map((n) => n * 1000),
  fc.integer({ min: Math.max(min, 1), max: 600 }).map((n) => n * 1_000_000),
);

export const paramsArb: fc.Arbitrary<ParamOverrides> = fc.record(
  { read: dur(1), sleep: dur(0), readers: fc.integer({ min: 1, max: 8 }), erase: fc.option(dur(1)), at: fc.option(dur(0)), parts: fc.integer({ min: 0, max: 4 }), lat: dur(0) },
  { requiredKeys: [] },
);

export const schedArb = fc.oneof(
  fc.array(fc.integer({ min: -1, max: 25 }), { maxLength: 200 }),
  fc.array(fc.integer({ min: -1, max: 2 }), { maxLength: 400 }),
  fc.array(fc.record({ v: fc.integer({ min: -1, max: 3 }), n: fc.integer({ min: 1, max: 40 }) }), { maxLength: 12 })
    .map((runs) => runs.flatMap(({ v, n }) => Array<number>(n).fill(v))),
);

export const cursorArb: fc.Arbitrary<ViewState['t']> = fc.oneof(
  fc.constant(null), fc.constant('fault' as const), fc.constant('end' as const), fc.integer({ min: 0, max: 999_999 }),
);

export const viewArb: fc.Arbitrary<ViewState> = fc.record({
  scenario: fc.constantFrom(...SCENARIO_IDS),
  kernel: fc.constantFrom(...KERNEL_IDS),
  fixes: fc.subarray([...FIX_IDS]),
  params: paramsArb,
  mode: fc.constantFrom('any' as const, 'timed' as const),
  start: fc.option(dur(0)),
  sched: schedArb,
  t: cursorArb,
  axis: fc.constantFrom('step' as const, 'time' as const),
  full: fc.boolean(),
  sel: fc.option(fc.integer({ min: 0, max: 999_999 })),
});
