/**
 * What each link key means, in words: one line per key of the key table
 * (keys.ts), the README's list of keys (a test keeps the README equal to
 * keyDocLines()). Kept apart from the table because the page never shows
 * these lines, so it does not load them; a key without one here makes
 * keyDocLines throw, and src/cli/readme.test.ts checks there is none for a
 * key the table does not have.
 */
import { DEFAULT_KERNEL, FIX_IDS, SCENARIO_IDS, scenarioDefaults } from '../catalogue/index.ts';
import { formatDuration } from './codecs.ts';
import { DEFAULT_SWEEP_STEPS, MAX_SWEEP_STEPS, PARAM_KEYS, PARAM_SPECS, VIEW_KEYS, type ParamSpec } from './keys.ts';

/**
 * By long-form key: what it sets (a parameter's default is added from the
 * scenarios, defaultWords). A function, not a table built at load: nothing of
 * this module stays in a bundle that does not call it.
 */
export function keyDocs(): Readonly<Record<string, string>> {
  return {
    s: `scenario; default ${SCENARIO_IDS[0]}`,
    k: `the kernel modelled; default ${DEFAULT_KERNEL} (the seed's)`,
    fix: `fixes: ${FIX_IDS.join(', ')}; default none`,
    read: "one read chunk's transfer time (the FIFO drain)",
    sleep: "the notifier fix's msleep()",
    erase: 'a concurrent flash_erase holding nor->lock this long',
    readers: 'concurrent `while true; do cat /dev/mtd0; done` loops',
    at: 'narrows the question to one unbind start (any = at 0 or right after each step of the other tasks; a start between two of their steps is not searched, but a complete Never or Always is checked over every start too)',
    parts: 'fixed partitions on the flash; /dev/mtd0 is the first (0 = the whole flash); the board has 2',
    lat: 'scheduling latency: a woken task runs at once or, up to this much later, right after a step of another task (mode timed; a delay that lets no other step go first is not tried)',
    mode: 'any: every interleaving, no timing; timed: durations as given; default any',
    start: "this replay's unbind start (the question still covers its starts, at 0 and right after each step of the other tasks, unless `at` is set); default: the scenario's default start",
    sched: "this replay's choice at each decision point: a = task 0, b = task 1, ..., `.` the default; a number repeats (a2b)",
    t: 'the cursor: a step number, fault or end; default the first step',
    axis: 'the lanes\' axis: step (every event one column) or time (linear µs); default step',
    stacks: 'call stacks: capped (deep frames share a lane\'s last row) or full; default capped',
    sel: 'the selected event (its details are shown); default none',
    cmp: "compare: side B's fixes (side A is fix=), the same replay run on both; default no comparison",
    cmpk: "compare: side B's kernel; default side A's (k=)",
    sweep: `the question asked once per value of one parameter (x) or two (x,y): ${PARAM_KEYS.join(', ')}; ` +
      `durations take ${DEFAULT_SWEEP_STEPS} evenly spaced values unless :<steps> says (2-${MAX_SWEEP_STEPS}), whole numbers step by 1; default none`,
  };
}

/** The default of a parameter in words, from the scenarios themselves (never written twice). */
function defaultWords(d: ParamSpec): string {
  if (!d.scenarioDefault) return d.none ? `default: ${d.none.means}` : '';
  const values = [...new Set(SCENARIO_IDS.map((s) => scenarioDefaults(s)[d.key]))];
  const word = (v: number | null) => (v === null ? d.none?.words[0] ?? 'none' : d.kind === 'duration' ? formatDuration(v) : String(v));
  return values.length === 1 ? `default ${word(values[0]!)}` : `default per scenario (${SCENARIO_IDS.map((s) => `${s} ${word(scenarioDefaults(s)[d.key])}`).join(', ')})`;
}

/** The README's list of link keys, one line per key of the table, in link order. */
export function keyDocLines(): string[] {
  const docs = keyDocs();
  return VIEW_KEYS.map((k) => {
    const doc = docs[k.key];
    if (doc === undefined) throw new Error(`racelanes: the link key ${k.key} has no words in keyDocs.ts`);
    const param = PARAM_SPECS.find((p) => p.key === k.key);
    return `- \`${k.key}=${k.syntax}\`${k.tag ? ` (canonical \`${k.tag}\`)` : ''}: ${param ? `${doc}; ${defaultWords(param)}` : doc}`;
  });
}
