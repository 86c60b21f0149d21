/**
 * Value spellings shared by both link forms: durations, schedules, fragments,
 * and making user input safe to echo. No view knowledge here (keys.ts has
 * that); every function is total and never throws.
 */
import type { Micros } from '../types.ts';

/** Longest input the parsers read; anything beyond is reported and ignored. */
export const MAX_LINK_LENGTH = 4096;
export const MAX_DURATION: Micros = 600_000_000; // 600 s
export const MAX_SCHED = 10_000;
/** Highest task a schedule can name (a-z). */
export const MAX_TASK_CHOICE = 25;

/** Printable ASCII, no markup, at most `max` characters. */
export function safeText(raw: string, max: number): string {
  const clean = raw.replace(/[^\x20-\x7e]|[<>]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

/** User input echoed inside a message: short, printable, never HTML. */
export function show(raw: string): string {
  return safeText(raw.replace(/["'`&]/g, '?'), 40);
}

/** Is a pasted text a "Copy as text" block (several lines)? A link never spans lines; an address bar never holds one. */
export function isTextBlock(input: string): boolean {
  return /[\r\n]/.test(input.trim());
}

/** The fragment part of whatever was pasted: a full URL, `#...`, or bare `k=v&...`. */
export function fragmentOf(input: string): string {
  const s = input.trim();
  const hash = s.indexOf('#');
  if (hash >= 0) return s.slice(hash + 1);
  return s.replace(/^\?/, '');
}

// ---------------------------------------------------------------------------
// Durations. Long form: `400ms`, `1.5s`, `250us`. Canonical: digits, then
// `m` (ms) or `s` (s); no unit = microseconds.
// ---------------------------------------------------------------------------

const UNIT: Readonly<Record<string, number>> = { us: 1, ms: 1000, s: 1_000_000 };

/** Parses `400ms`, `1.5s`, `250us` into integer microseconds, or says what is allowed. */
export function parseDuration(raw: string, key: string, min: Micros, max: Micros = MAX_DURATION): Micros | { key: string; message: string } {
  // Zero needs no unit (the page and the README write lat=0).
  const m = raw === '0' ? ['0', '0', 'us'] : /^(\d{1,9}(?:\.\d{1,6})?)(us|ms|s)$/.exec(raw);
  if (!m) return { key, message: `${key}=${show(raw)} is not a duration: write a number with a unit, e.g. ${key}=400ms (units: us, ms, s)` };
  const v = Math.round(Number(m[1]) * UNIT[m[2]!]!);
  if (v < min || v > max) return { key, message: `${key}=${show(raw)} is out of range: ${formatDuration(min)} to ${formatDuration(max)}` };
  return v;
}

/** 400000 -> "400ms"; the shortest exact form. */
export function formatDuration(us: Micros): string {
  if (us % 1_000_000 === 0 && us !== 0) return `${us / 1_000_000}s`;
  if (us % 1000 === 0 && us !== 0) return `${us / 1000}ms`;
  return `${us}us`;
}

/** 400000 -> "400m", 2000000 -> "2s", 24 -> "24", 0 -> "0": the shortest exact form. */
export function encodeDur(us: Micros): string {
  if (us !== 0 && us % 1_000_000 === 0) return `${us / 1_000_000}s`;
  if (us !== 0 && us % 1000 === 0) return `${us / 1000}m`;
  return String(us);
}

/** The inverse of encodeDur, or null when `raw` is not one. */
export function decodeDur(raw: string): Micros | null {
  const m = /^(\d{1,9})([ms]?)$/.exec(raw);
  if (!m) return null;
  const mul = m[2] === 's' ? 1_000_000 : m[2] === 'm' ? 1000 : 1;
  return Number(m[1]) * mul;
}

// ---------------------------------------------------------------------------
// Schedules: a task index per decision point, -1 = the default policy.
//  run-length: a-z = task 0-25, then the default letter (`.` long form,
//              `_` canonical); a count repeats: `a8b10a`.
//  packed:     `~` + width w (1-5) + base64url digits holding w-bit symbols,
//              most significant bit first; symbol 0 = default, k = task k-1.
//              Trailing zero symbols (padding) are defaults and are dropped.
// ---------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Drops trailing defaults (a missing entry already means "default"). */
export function trimSched(sched: readonly number[]): number[] {
  let n = sched.length;
  while (n > 0 && sched[n - 1]! < 0) n--;
  return sched.slice(0, n).map((v) => (v < 0 ? -1 : v));
}

/** Run-length spelling with `dflt` for the default choice. */
export function schedRle(sched: readonly number[], dflt: string): string {
  let out = '';
  for (let i = 0; i < sched.length; ) {
    const v = sched[i]!;
    let n = 1;
    while (sched[i + n] === v) n++;
    out += (v < 0 ? dflt : String.fromCharCode(97 + v)) + (n > 1 ? String(n) : '');
    i += n;
  }
  return out;
}

/** Parses a run-length schedule; a string is an error message. */
export function parseSchedRle(raw: string, dflt: string, maxLen: number): number[] | string {
  const out: number[] = [];
  const re = new RegExp(`([a-z${dflt === '.' ? '.' : '_'}])(\\d{0,5})`, 'gy');
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(raw))) {
    const v = m[1] === dflt ? -1 : m[1]!.charCodeAt(0) - 97;
    const n = m[2] ? Number(m[2]) : 1;
    if (n < 1) return 'a repeat count must be 1 or more';
    if (out.length + n > maxLen) return `the schedule is too long (at most ${maxLen} choices)`;
    for (let i = 0; i < n; i++) out.push(v);
    pos = re.lastIndex;
  }
  if (pos !== raw.length) return `letters a-z pick task 0-25, '${dflt}' keeps the default, a number repeats the choice (e.g. a8b10a)`;
  return out;
}

export function encodeSchedPacked(sched: readonly number[]): string {
  const max = sched.reduce((m, v) => Math.max(m, v + 1), 1);
  const w = Math.max(1, Math.ceil(Math.log2(max + 1)));
  let out = `~${w}`;
  let acc = 0;
  let bits = 0;
  for (const v of sched) {
    acc = (acc << w) | (v + 1);
    bits += w;
    while (bits >= 6) { bits -= 6; out += B64[(acc >> bits) & 63]; acc &= (1 << bits) - 1; }
  }
  if (bits > 0) out += B64[(acc << (6 - bits)) & 63];
  return out;
}

/** The shorter canonical spelling of a trimmed schedule ('' for none); RLE on a tie. */
export function encodeSched(sched: readonly number[]): string {
  const s = trimSched(sched);
  if (s.length === 0) return '';
  const rle = schedRle(s, '_');
  const packed = encodeSchedPacked(s);
  return packed.length < rle.length ? packed : rle;
}

/** Decodes either canonical spelling; a string is an error message. */
export function decodeSched(raw: string, maxLen: number): number[] | string {
  if (raw.startsWith('~')) return decodePacked(raw, maxLen);
  const s = parseSchedRle(raw, '_', maxLen);
  return typeof s === 'string' ? s : trimSched(s);
}

function decodePacked(raw: string, maxLen: number): number[] | string {
  const m = /^~([1-5])([A-Za-z0-9_-]*)$/.exec(raw);
  if (!m) return "a packed schedule is '~', a width 1-5, then base64url digits (A-Z a-z 0-9 - _)";
  const w = Number(m[1]);
  const data = m[2]!;
  if (Math.floor((data.length * 6) / w) > maxLen + 6) return `the schedule is too long (at most ${maxLen} choices)`;
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of data) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    while (bits >= w) {
      bits -= w;
      const sym = (acc >> bits) & ((1 << w) - 1);
      acc &= (1 << bits) - 1;
      if (sym - 1 > MAX_TASK_CHOICE) return `task ${sym - 1} is out of range (tasks 0-${MAX_TASK_CHOICE})`;
      out.push(sym - 1);
    }
  }
  const s = trimSched(out);
  if (s.length > maxLen) return `the schedule is too long (at most ${maxLen} choices)`;
  return s;
}
