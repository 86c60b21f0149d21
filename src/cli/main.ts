/**
 * racelanes command line: the same fragment gives the same answer as the page.
 *
 *   racelanes check '<link or fragment>' [--json]   verdict over every execution
 *   racelanes run   '<link or fragment>' [--json]   one execution: text block for email + Oops
 *   racelanes link  '<link or fragment>' [--json]   the canonical fragment
 *   racelanes trace '<link or fragment>'            Chrome trace-event JSON (Perfetto)
 *   racelanes compare '<link>' [--json]             side A (fix=, k=) against side B (cmp=, cmpk=)
 *   racelanes sweep '<link>' [--x <param>=<from>..<to>[:<steps>]] [--y ...] [--json|--csv]
 *
 * `--base <url>` puts a page URL before the `#` of every link printed.
 * Exit 0 on any verdict; 2 on bad input (message on stderr, no stack trace).
 * Notices (e.g. a link made with another model) go to stderr with exit 0.
 */
import { decodeFragment } from '../sim/share/decode.ts';
import { NEVER_PROVED, SOMETIMES_PROVED, checkBase, formatCount, parseSweepAxis, sweepOf, type DecodeResult, type ExploreProgress, type SweepSpec } from '../sim/index.ts';
import type { ModularRacer } from '../sim/verdictRun.ts';
import {
  DEFAULT_CLI_MAX_STATES, checkCommand, compareCommand, linkCommand, runCommand, sweepCommand, traceCommand, type CheckOptions, type CommandOutput,
  type SearchPhase, type SweepCommandOptions,
} from './commands.ts';

const USAGE = `usage: racelanes <check|run|link|trace|compare|sweep> '<link or fragment>' [--json] [--base <url>] [--max-states N] [--speedcheck] [--quiet] [--no-every-start] [--one-thread]
       racelanes sweep '<link>' [--x <param>=<from>..<to>[:<steps>]] [--y <param>=<from>..<to>[:<steps>]] [--json|--csv]

  check   the verdict (Never / Sometimes / Always / Unknown a fault) of the
          link's question, over every execution it allows; for a complete
          timed Never or Always, whether it holds for every unbind start
  run     one execution (the link's replay) as a plain-text block for
          email, then the Oops
  link    the canonical fragment of a link (#1.<model>.<scenario><fixes>...)
  trace   one execution as Chrome trace-event JSON (open in ui.perfetto.dev);
          with cmp= or cmpk=, both runs of the comparison (processes A, B)
  compare side A (the link's fix= and k=) against side B (its cmp= fixes
          and cmpk= kernel): both verdicts, the same replay on both, the
          step where the runs part, each outcome
  sweep   the link's question once per value of one or two parameters
          (--x, --y, or the link's sweep=): a table of verdicts

  --json          machine-readable output (check, run, link, compare, sweep)
  --csv           sweep: one row per cell
  --x, --y        sweep: <param>=<from>..<to>[:<steps>], e.g. --x read=100ms..500ms:5
                  --y readers=1..2 (durations: 5 values unless :<steps>)
  --base <url>    page URL to put before '#' in printed links
  --max-states N  state cap of the search (default ${DEFAULT_CLI_MAX_STATES}); a search
                  stopped by it without a fault answers Unknown
  --speedcheck    check: stop the search as soon as the verdict is settled
                  (herd7's -speedcheck): once a faulting and a fault-free
                  execution are found it answers Sometimes, with lower-bound
                  counts and the shortest counterexample found so far; a Never or an
                  Always still needs the whole search
  --quiet         no progress lines on stderr for long searches
  --no-every-start  check, run, compare, sweep: leave out the check of a
                  timed Never or Always over every unbind start (its Every
                  start and Starts lines)
  --one-thread    check, run, compare, sweep: run the modular search that a
                  search stopped by the cap needs after it, not on a second
                  thread beside it (the default with two cores or more); the
                  output is the same

example: racelanes check '#s=flash-unbind&fix=notifier-sleep&read=400ms&mode=timed'`;

const COMMANDS = ['check', 'run', 'link', 'trace', 'compare', 'sweep'] as const;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where progress goes while a command runs (the bin writes it to stderr at once). */
export interface CliIo {
  progress?(line: string): void;
  /** Runs the modular search on a second thread alongside the search before it (race.ts threadRacer; the bin passes it, --one-thread leaves it out). */
  race?: ModularRacer;
  /** The clock (ms) for progress; tests pass a fake one. */
  now?(): number;
}

const fail = (msg: string): CliResult => ({ code: 2, stdout: '', stderr: msg.endsWith('\n') ? msg : `${msg}\n` });

/** Progress lines once a search (or the check over every start after it) has run a second, then at most every second. */
function progressReporter(io: CliIo): CheckOptions['progress'] {
  const next: Record<SearchPhase, number> = { searching: 1000, 'checking every start': 1000 };
  return (p: ExploreProgress, ms: number, what: SearchPhase = 'searching') => {
    if (ms < next[what] || !io.progress) return;
    next[what] = ms + 1000;
    const proved = p.sometimes ? `; Sometimes is proved (${SOMETIMES_PROVED}), counting the rest`
      : !p.never ? ''
      : what === 'searching' ? `; Never is proved (${NEVER_PROVED}), counting the rest`
      : `; Never holds for every start (${NEVER_PROVED}), the check goes on`;
    const modular = p.views === undefined ? '' : `; stopped at the cap without a fault, proving Never task by task (modular search), round ${p.round ?? 1}: ${formatCount(p.views)} views`;
    io.progress(`racelanes: ${what}: ${formatCount(p.states)} states (${formatCount(p.generated)} generated), ${(ms / 1000).toFixed(1)} s${proved}${modular}\n`);
  };
}

/** Sweep progress once the sweep has run a second, then at most every second. */
function sweepReporter(io: CliIo): NonNullable<SweepCommandOptions['sweepProgress']> {
  let next = 1000;
  return (done, total, cell, states, ms, phase) => {
    if (ms < next || !io.progress) return;
    next = ms + 1000;
    const now = cell === null ? '' : `; ${phase === 'searching' ? 'searching' : 'checking every start at'} ${cell}: ${formatCount(states)} states`;
    io.progress(`racelanes: sweeping: ${done}/${total} cells done${now}, ${(ms / 1000).toFixed(1)} s\n`);
  };
}

const clean = (s: string) => s.slice(0, 40).replace(/[^\x20-\x7e]|[<>]/g, '?');

/** Pure entry point (testable): argv without `node script`. */
export function main(argv: readonly string[], io: CliIo = {}): CliResult {
  if (argv.includes('--help') || argv[0] === '-h' || argv[0] === 'help') return { code: 0, stdout: USAGE + '\n', stderr: '' };
  const json = argv.includes('--json');
  const csv = argv.includes('--csv');
  const quiet = argv.includes('--quiet');
  const everyStart = !argv.includes('--no-every-start');
  const speedcheck = argv.includes('--speedcheck');
  const race = argv.includes('--one-thread') ? undefined : io.race;
  const args: string[] = [];
  let base = '';
  let maxStates = DEFAULT_CLI_MAX_STATES;
  const axes: { x?: string; y?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json' || a === '--quiet' || a === '--csv' || a === '--no-every-start' || a === '--speedcheck' || a === '--one-thread') continue;
    const axis = /^--([xy])(?:=(.*))?$/s.exec(a);
    if (axis) {
      const v = axis[2] ?? argv[++i];
      if (v === undefined || v === '') return fail(`racelanes: --${axis[1]} needs <param>=<from>..<to>[:<steps>], e.g. --x read=100ms..500ms:5`);
      axes[axis[1] as 'x' | 'y'] = v;
      continue;
    }
    if (a === '--base' || a.startsWith('--base=')) {
      const v = a === '--base' ? argv[++i] : a.slice('--base='.length);
      const checked = checkBase(v ?? '');
      if (!checked.ok) return fail(`racelanes: --base ${checked.message}`);
      base = checked.base;
      continue;
    }
    if (a === '--max-states' || a.startsWith('--max-states=')) {
      const v = a === '--max-states' ? argv[++i] : a.slice('--max-states='.length);
      if (!v || !/^\d{1,10}$/.test(v) || Number(v) < 1 || Number(v) > 1e9) return fail('racelanes: --max-states needs a whole number from 1 to 1000000000');
      maxStates = Number(v);
      continue;
    }
    if (a.startsWith('--')) return fail(`racelanes: unknown option "${clean(a)}"\n${USAGE}`);
    args.push(a);
  }
  const [cmd, link, ...rest] = args;
  if (!cmd || !(COMMANDS as readonly string[]).includes(cmd)) return fail(`racelanes: unknown command ${cmd ? `"${cmd.slice(0, 40)}"` : '(none)'}\n${USAGE}`);
  if (link === undefined) return fail(`racelanes ${cmd}: missing the link or fragment\n${USAGE}`);
  if (rest.length) return fail(`racelanes ${cmd}: unexpected argument "${rest[0]!.slice(0, 40)}"`);
  if (speedcheck && cmd !== 'check') return fail(`racelanes ${cmd}: --speedcheck is an option of check`);
  if (cmd !== 'sweep') {
    if (csv) return fail(`racelanes ${cmd}: --csv is an option of sweep`);
    if (axes.x !== undefined || axes.y !== undefined) return fail(`racelanes ${cmd}: --${axes.x !== undefined ? 'x' : 'y'} is an option of sweep`);
  } else if (csv && json) return fail('racelanes sweep: --json and --csv: choose one');
  const parsed: DecodeResult = decodeFragment(link);
  if (parsed.errors.length) return fail(parsed.errors.map((e) => `racelanes: ${e.message}`).join('\n'));
  if (cmd === 'compare' && (parsed.view.cmp ?? null) === null && (parsed.view.cmpk ?? null) === null) {
    return fail("racelanes compare: the link names no side B: add cmp=<fixes|none> (side B's fixes) and/or cmpk=<kernel>, e.g. '#s=flash-unbind&fix=notifier-sleep&mode=timed&cmp=srcu-drain'");
  }
  let spec: SweepSpec | null = null;
  if (cmd === 'sweep') {
    const r = sweepSpec(axes, parsed);
    if (typeof r === 'string') return fail(r);
    spec = r;
  }
  const progress = quiet || json ? undefined : progressReporter(io);
  const opts: CheckOptions = { json, base, maxStates, everyStart, ...(speedcheck ? { speedcheck } : {}), ...(progress ? { progress } : {}), ...(race ? { race } : {}), ...(io.now ? { now: io.now } : {}) };
  try {
    const r: CommandOutput =
      cmd === 'check' ? checkCommand(parsed, opts)
        : cmd === 'run' ? runCommand(parsed, opts)
          : cmd === 'link' ? linkCommand(parsed, json, base)
            : cmd === 'compare' ? compareCommand(parsed, opts)
              : cmd === 'sweep' ? sweepCommand(parsed, { ...opts, spec: spec!, csv, ...(quiet ? {} : { sweepProgress: sweepReporter(io) }) })
                : traceCommand(parsed);
    const out = r.out.endsWith('\n') ? r.out : `${r.out}\n`;
    return { code: 0, stdout: out, stderr: r.notes.map((n) => `racelanes: note: ${n}\n`).join('') };
  } catch (e) {
    return fail(`racelanes: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The sweep: --x (and --y) when given, else the link's sweep=; a string is the message. */
function sweepSpec(axes: { x?: string; y?: string }, parsed: DecodeResult): SweepSpec | string {
  if (axes.x === undefined) {
    if (axes.y !== undefined) return 'racelanes sweep: --y needs --x (the columns), e.g. --x read=100ms..500ms:5 --y readers=1..2';
    return parsed.view.sweep ?? 'racelanes sweep: nothing to sweep: give --x <param>=<from>..<to>[:<steps>] (e.g. --x read=100ms..500ms:5) or a link with sweep=';
  }
  const x = parseSweepAxis(axes.x, '--x');
  if (typeof x === 'string') return `racelanes sweep: ${x}`;
  const y = axes.y === undefined ? null : parseSweepAxis(axes.y, '--y');
  if (typeof y === 'string') return `racelanes sweep: ${y}`;
  const s = sweepOf(x, y);
  return typeof s === 'string' ? `racelanes sweep: --x and --y: ${s}` : s;
}

export { threadRacer } from './race.ts';
