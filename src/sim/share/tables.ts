/**
 * Frozen tables and value codecs of canonical link format v1.
 *
 * These tables are part of the released format: links in mailing-list archives
 * depend on them. NEVER reorder, rename or remove an entry. A new scenario or
 * fix needs a new format version (keep v1 decoding as it is, forever), because
 * v1's head packs the fix set into one digit 0-7.
 */
import type { FixId, Micros, ScenarioId } from '../types.ts';
import { schedRle } from '../link.ts';

export const V1 = '1';

/** Scenario letter of v1. */
export const V1_SCENARIO_LETTER: Readonly<Record<string, ScenarioId>> = {
  q: 'qspi-unbind',
  f: 'flash-unbind',
  d: 'devres-order',
};
export const V1_SCENARIOS: readonly ScenarioId[] = ['qspi-unbind', 'flash-unbind', 'devres-order'];

/** Fix bit i of v1's head digit. */
export const V1_FIXES: readonly FixId[] = ['notifier-sleep', 'srcu-drain', 'devres-group'];

export function scenarioLetter(s: ScenarioId): string | null {
  for (const [k, v] of Object.entries(V1_SCENARIO_LETTER)) if (v === s) return k;
  return null;
}

// ---------------------------------------------------------------------------
// Durations: digits, then `m` (ms) or `s` (s); no unit = microseconds.
// ---------------------------------------------------------------------------

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
// Schedules. Two spellings; the encoder writes the shorter (RLE on a tie).
//  RLE:    a-z = task 0-25, `_` = default; a count repeats: `a8b10a`.
//  packed: `~` + width w (1-5) + base64url digits holding w-bit symbols,
//          most significant bit first; symbol 0 = default, k = task k-1.
//          Trailing zero symbols (padding) are defaults and are dropped.
// ---------------------------------------------------------------------------

export const MAX_TASK_CHOICE = 25;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Drops trailing defaults (a missing entry already means "default"). */
export function trimSched(sched: readonly number[]): number[] {
  let n = sched.length;
  while (n > 0 && sched[n - 1]! < 0) n--;
  return sched.slice(0, n).map((v) => (v < 0 ? -1 : v));
}

export function encodeSchedRle(sched: readonly number[]): string {
  return schedRle(sched, '_');
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

/** The shorter spelling of a trimmed schedule ('' for none). */
export function encodeSched(sched: readonly number[]): string {
  const s = trimSched(sched);
  if (s.length === 0) return '';
  const rle = encodeSchedRle(s);
  const packed = encodeSchedPacked(s);
  return packed.length < rle.length ? packed : rle;
}

/** Decodes either spelling; a string is an error message. */
export function decodeSched(raw: string, maxLen: number): number[] | string {
  if (raw.startsWith('~')) return decodePacked(raw, maxLen);
  const out: number[] = [];
  const re = /([a-z_])(\d{0,5})/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(raw))) {
    const v = m[1] === '_' ? -1 : m[1]!.charCodeAt(0) - 97;
    const n = m[2] ? Number(m[2]) : 1;
    if (n < 1) return 'a repeat count must be 1 or more';
    if (out.length + n > maxLen) return `the schedule is too long (at most ${maxLen} choices)`;
    for (let i = 0; i < n; i++) out.push(v);
    pos = re.lastIndex;
  }
  if (pos !== raw.length) return "letters a-z pick task 0-25, '_' keeps the default, a number repeats the choice (e.g. a8b10a)";
  return trimSched(out);
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
