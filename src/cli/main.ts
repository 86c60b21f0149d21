/**
 * racelanes command line: the same fragment gives the same answer as the page.
 *
 *   racelanes check '<link or fragment>' [--json]   verdict over every execution
 *   racelanes run   '<link or fragment>' [--json]   one execution: timeline + Oops
 *   racelanes link  '<link or fragment>'            the canonical fragment
 *
 * Exit 0 on any verdict; 2 on bad input (message on stderr, no stack trace).
 */
import { parseLink, type ParseResult } from '../sim/index.ts';
import { checkCommand, linkCommand, runCommand } from './commands.ts';

const USAGE = `usage: racelanes <check|run|link> '<link or fragment>' [--json]

  check   verdict (Never / Sometimes / Always a fault) over every execution
  run     one execution as a plain-text timeline, with the Oops if any
  link    the canonical fragment of a link

example: racelanes check '#s=flash-unbind&fix=notifier-sleep&read=400ms&mode=timed'`;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Pure entry point (testable): argv without `node script`. */
export function main(argv: readonly string[]): CliResult {
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  const [cmd, link, ...rest] = args;
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') return { code: 0, stdout: USAGE + '\n', stderr: '' };
  if (!cmd || !['check', 'run', 'link'].includes(cmd)) return { code: 2, stdout: '', stderr: `racelanes: unknown command ${cmd ? `"${cmd}"` : '(none)'}\n${USAGE}\n` };
  if (link === undefined) return { code: 2, stdout: '', stderr: `racelanes ${cmd}: missing the link or fragment\n${USAGE}\n` };
  if (rest.length) return { code: 2, stdout: '', stderr: `racelanes ${cmd}: unexpected argument "${rest[0]}"\n` };
  const parsed: ParseResult = parseLink(link);
  if (parsed.errors.length) {
    return { code: 2, stdout: '', stderr: parsed.errors.map((e) => `racelanes: ${e.message}`).join('\n') + '\n' };
  }
  try {
    const out = cmd === 'check' ? checkCommand(parsed, json) : cmd === 'run' ? runCommand(parsed, json) : linkCommand(parsed, json);
    return { code: 0, stdout: out.endsWith('\n') ? out : out + '\n', stderr: '' };
  } catch (e) {
    return { code: 2, stdout: '', stderr: `racelanes: ${(e as Error).message}\n` };
  }
}
