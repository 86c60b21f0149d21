/**
 * Finding the link in pasted text: a whole "Copy as text" block, a reply that
 * quotes it (`> `), a `Link:` line whose URL the mail client wrapped onto the
 * next line(s), a quoted-printable soft break (`=` at the end of a line).
 */
import { fragmentOf } from './codecs.ts';
import { decodeLink } from './canonical.ts';

const MAX_PASTE = 200_000;
/** How many following lines a wrapped URL may continue on. */
const MAX_WRAP = 4;

const unquote = (line: string): string => line.replace(/^\s*(?:>\s?)+/, '').trim();
/** A line that can be part of a URL: one token of URL characters. */
const urlish = (line: string): boolean => /^[A-Za-z0-9._~%#=&;:/?+@!$'()*,[\]-]+$/.test(line) && !/^-+$|^=+$/.test(line);
const strip = (s: string): string => s.replace(/^<+/, '').replace(/>+$/, '');

function validLink(candidate: string): boolean {
  const r = decodeLink(candidate);
  return r.errors.length === 0;
}

/** The longest join of `first` and the following URL-ish lines that decodes cleanly. */
function joinWrapped(first: string, next: readonly string[]): string {
  let best = first;
  let acc = first;
  for (let i = 0; i < next.length && i < MAX_WRAP; i++) {
    const line = next[i]!;
    if (!line || !urlish(line)) break;
    acc = (acc.endsWith('=') && !acc.endsWith('==') ? acc.slice(0, -1) : acc) + strip(line);
    if (validLink(acc)) best = acc;
  }
  return best;
}

/**
 * The fragment (without `#`) of the link in pasted text, or null if there is none.
 * @example parseTextBlock('> Link: https://racelanes.example/#1.abcde.f1.tf') // '1.abcde.f1.tf'
 */
export function parseTextBlock(text: string): string | null {
  if (typeof text !== 'string') return null;
  const lines = (text.length > MAX_PASTE ? text.slice(0, MAX_PASTE) : text).split(/\r\n|\r|\n/).map(unquote);
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^Link:\s*(.*)$/i.exec(lines[i]!);
    if (!m) continue;
    let first = strip(m[1]!.trim());
    let rest = lines.slice(i + 1);
    if (!first) {
      const at = rest.findIndex((l) => l !== '');
      if (at < 0) return null;
      first = strip(rest[at]!);
      rest = rest.slice(at + 1);
    }
    if (/\s/.test(first)) first = first.split(/\s+/)[0]!;
    return fragmentOf(joinWrapped(first, rest));
  }
  // No Link: line: a URL or fragment anywhere, else a bare one-token paste.
  for (let i = 0; i < lines.length; i++) {
    const tok = lines[i]!.split(/\s+/).find((w) => /#(?:\d+\.|s=)/.test(w));
    if (tok) return fragmentOf(joinWrapped(strip(tok.slice(Math.max(0, tok.search(/https?:|#/)))), lines.slice(i + 1)));
  }
  const tokens = lines.filter((l) => l !== '');
  if (tokens.length >= 1 && tokens.every(urlish)) return fragmentOf(joinWrapped(strip(tokens[0]!), tokens.slice(1)));
  return null;
}

/** The header lines of a text block (textBlock.ts writes them). */
type HeaderLabel = 'Scenario' | 'Kernel' | 'Fixes' | 'Params' | 'Covers' | 'Replay';

/**
 * A "Copy as text" block whose `Link:` line was cut: its header names the
 * whole question and the replay, so the view is rebuilt from it, as a
 * long-form link (one parser reads it). Null when there is no such header.
 * @example parseHeader('Scenario: flash-unbind (...)\nFixes:    none\nParams:   read=5ms ... mode=any')
 */
export function parseHeader(text: string): string | null {
  if (typeof text !== 'string') return null;
  const lines = (text.length > MAX_PASTE ? text.slice(0, MAX_PASTE) : text).split(/\r\n|\r|\n/).map(unquote);
  const field: Partial<Record<HeaderLabel, string>> = {};
  let current: HeaderLabel | null = null;
  for (const line of lines) {
    const m = /^(Scenario|Kernel|Fixes|Params|Covers|Replay):\s*(.*)$/.exec(line);
    if (m) { current = m[1] as HeaderLabel; field[current] = m[2]!; continue; }
    // A wrapped header line continues on the next (indented) line.
    if (current && line !== '' && !/^(Observation|Link:|CPU\d|Task\s)/.test(line)) { field[current] += ` ${line}`; continue; }
    current = null;
  }
  const scenario = /^([a-z0-9-]+)/.exec(field.Scenario ?? '')?.[1];
  if (!scenario || field.Params === undefined) return null;
  const parts = [`s=${scenario}`];
  const kernel = /^(\S+)/.exec(field.Kernel ?? '')?.[1];
  if (kernel) parts.push(`k=${kernel}`);
  const fixes = (field.Fixes ?? 'none').trim().split(/\s+/).filter((f) => f && f !== 'none');
  if (fixes.length) parts.push(`fix=${fixes.join(',')}`);
  for (const word of field.Params.trim().split(/\s+/)) if (/^[a-z]+=[^\s&#]+$/.test(word)) parts.push(word);
  const at = /only the unbind start at=([^\s;]+)/.exec(field.Covers ?? '')?.[1];
  if (at) parts.push(`at=${at}`);
  const replay = field.Replay ?? '';
  const start = /unbind at (\d+(?:\.\d+)?(?:us|ms|s))/.exec(replay)?.[1];
  if (start && !at) parts.push(`start=${start}`);
  const sched = /sched ([a-z.0-9]+)/.exec(replay)?.[1];
  if (sched) parts.push(`sched=${sched}`);
  if (/fault at step/.test(replay)) parts.push('t=fault');
  const model = /model ([0-9a-z]{5})/.exec(replay)?.[1];
  if (model) parts.push(`m=${model}`);
  return parts.join('&');
}
