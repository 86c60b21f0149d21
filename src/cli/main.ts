/**
 * racelanes command line: the same fragment gives the same answer as the page.
 *
 *   racelanes check '<link or fragment>' [--json]   verdict over every execution
 *   racelanes run   '<link or fragment>' [--json]   one execution: text block for email + Oops
 *   racelanes link  '<link or fragment>' [--json]   the canonical fragment
 *   racelanes trace '<link or fragment>'            Chrome trace-event JSON (Perfetto)
 *
 * `--base <url>` puts a page URL before the `#` of every link printed.
 * Exit 0 on any verdict; 2 on bad input (message on stderr, no stack trace).
 * Notices (e.g. a link made with another model) go to stderr with exit 0.
 */
import { decodeFragment, type DecodeResult } from '../sim/index.ts';
import { checkCommand, linkCommand, runCommand, traceCommand, type CommandOutput } from './commands.ts';

const USAGE = `usage: racelanes <check|run|link|trace> '<link or fragment>' [--json] [--base <url>]

  check   verdict (Never / Sometimes / Always a fault) over every execution
  run     one execution as a plain-text block for email, then the Oops
  link    the canonical fragment of a link (#1.<model>.<scenario><fixes>...)
  trace   one execution as Chrome trace-event JSON (open in ui.perfetto.dev)

  --json        machine-readable output (check, run, link)
  --base <url>  page URL to put before '#' in printed links

example: racelanes check '#s=flash-unbind&fix=notifier-sleep&read=400ms&mode=timed'`;

const COMMANDS = ['check', 'run', 'link', 'trace'] as const;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const fail = (msg: string): CliResult => ({ code: 2, stdout: '', stderr: msg.endsWith('\n') ? msg : `${msg}\n` });

/** Pure entry point (testable): argv without `node script`. */
export function main(argv: readonly string[]): CliResult {
  const json = argv.includes('--json');
  const args: string[] = [];
  let base = '';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') continue;
    if (a === '--base' || a.startsWith('--base=')) {
      const v = a === '--base' ? argv[++i] : a.slice('--base='.length);
      if (!v || !/^https?:\/\/[^\s#]+$/.test(v)) return fail(`racelanes: --base needs an http(s) URL without '#', e.g. --base https://example.org/racelanes/`);
      base = v;
      continue;
    }
    args.push(a);
  }
  const [cmd, link, ...rest] = args;
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') return { code: 0, stdout: USAGE + '\n', stderr: '' };
  if (!cmd || !(COMMANDS as readonly string[]).includes(cmd)) return fail(`racelanes: unknown command ${cmd ? `"${cmd.slice(0, 40)}"` : '(none)'}\n${USAGE}`);
  if (link === undefined) return fail(`racelanes ${cmd}: missing the link or fragment\n${USAGE}`);
  if (rest.length) return fail(`racelanes ${cmd}: unexpected argument "${rest[0]!.slice(0, 40)}"`);
  const parsed: DecodeResult = decodeFragment(link);
  if (parsed.errors.length) return fail(parsed.errors.map((e) => `racelanes: ${e.message}`).join('\n'));
  try {
    const r: CommandOutput =
      cmd === 'check' ? checkCommand(parsed, json, base)
        : cmd === 'run' ? runCommand(parsed, json, base)
          : cmd === 'link' ? linkCommand(parsed, json, base)
            : traceCommand(parsed);
    const out = r.out.endsWith('\n') ? r.out : `${r.out}\n`;
    return { code: 0, stdout: out, stderr: r.notes.map((n) => `racelanes: note: ${n}\n`).join('') };
  } catch (e) {
    return fail(`racelanes: ${e instanceof Error ? e.message : String(e)}`);
  }
}
