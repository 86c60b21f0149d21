/**
 * The one parser of racelanes links, shared by the page and the CLI.
 *
 * Hand-editable long form (URL fragment, query-string syntax):
 *   #s=flash-unbind&fix=notifier-sleep&read=400ms&readers=2&mode=timed&t=57
 * Keys: s, fix, read, sleep, readers, erase, at, mode, sched, t (and v, m,
 * reserved for the canonical form). Bad input never throws: every problem is
 * reported with the key and what is allowed, and everything valid is applied.
 */
import { SCENARIOS } from './scenarios/index.ts';
import type { FixId, Micros, Mode, ScenarioId } from './types.ts';
import { FIX_IDS, SCENARIO_IDS } from './types.ts';

export interface ParamOverrides {
  read?: Micros;
  sleep?: Micros;
  readers?: number;
  /** null = explicitly no eraser. */
  erase?: Micros | null;
  /** null = explicitly every start time. */
  at?: Micros | null;
}

/** Everything a link carries: the whole view. */
export interface ViewState {
  scenario: ScenarioId;
  fixes: FixId[];
  /** Only what the user set; the rest comes from the scenario defaults. */
  params: ParamOverrides;
  mode: Mode;
  /** Task index per decision point; -1 = default policy. */
  sched: number[];
  /** Cursor: event index, or null for the first step. 'fault' jumps to the fault. */
  t: number | 'fault' | 'end' | null;
}

export interface LinkError {
  readonly key: string;
  readonly message: string;
}

export interface ParseResult {
  readonly view: ViewState;
  readonly errors: readonly LinkError[];
  /** Format version and model fingerprint, when the link carried them. */
  readonly version: string | null;
  readonly model: string | null;
}

export const DEFAULT_VIEW: ViewState = { scenario: 'qspi-unbind', fixes: [], params: {}, mode: 'any', sched: [], t: null };

export const KEYS = ['s', 'fix', 'read', 'sleep', 'readers', 'erase', 'at', 'mode', 'sched', 't', 'v', 'm'] as const;

/** Longest input the parser reads; anything beyond is reported and ignored. */
export const MAX_LINK_LENGTH = 4096;
export const MAX_DURATION: Micros = 600_000_000; // 600 s
export const MAX_SCHED = 10_000;

const UNIT: Readonly<Record<string, number>> = { us: 1, ms: 1000, s: 1_000_000 };

/** Parses `400ms`, `1.5s`, `250us` into integer microseconds. */
export function parseDuration(raw: string, key: string, min: Micros, max: Micros = MAX_DURATION): Micros | LinkError {
  const m = /^(\d{1,9}(?:\.\d{1,6})?)(us|ms|s)$/.exec(raw);
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

/** Printable, short, never HTML: user input echoed in messages. */
function show(raw: string): string {
  const clean = raw.replace(/[^\x20-\x7e]|[<>"'`&]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 37)}...` : clean;
}

/** The fragment part of whatever was pasted: a full URL, `#...`, or bare `k=v&...`. */
export function fragmentOf(input: string): string {
  const s = input.trim();
  const hash = s.indexOf('#');
  if (hash >= 0) return s.slice(hash + 1);
  return s.replace(/^\?/, '');
}

function decode(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Schedule syntax: a=task 0, b=task 1, ..., '.'=default; a count repeats: `.12b3a`. */
export function parseSched(raw: string): number[] | LinkError {
  const out: number[] = [];
  const re = /([a-z.])(\d{0,5})/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(raw))) {
    const v = m[1] === '.' ? -1 : m[1]!.charCodeAt(0) - 97;
    const n = m[2] ? Number(m[2]) : 1;
    if (out.length + n > MAX_SCHED) return { key: 'sched', message: `sched is too long (at most ${MAX_SCHED} choices)` };
    for (let i = 0; i < n; i++) out.push(v);
    pos = re.lastIndex;
  }
  if (pos !== raw.length) {
    return { key: 'sched', message: `sched=${show(raw)} is not a schedule: letters a-z pick task 0-25, '.' keeps the default, a number repeats (e.g. sched=.12b3a)` };
  }
  return out;
}

/**
 * Run-length spelling of a schedule: a letter per task, `dflt` for the default,
 * a count after a repeated choice. The long form uses `.`; the canonical form
 * uses `_` (`.` separates its fields).
 */
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

export function formatSched(sched: readonly number[]): string {
  return schedRle(sched, '.').replace(/\.\d*$/, '');
}

/**
 * Parses a link or fragment. Never throws.
 * @example parseLink('#s=flash-unbind&fix=notifier-sleep&read=400ms').view.params.read === 400000
 */
export function parseLink(input: string): ParseResult {
  const errors: LinkError[] = [];
  let text = typeof input === 'string' ? input : '';
  if (text.length > MAX_LINK_LENGTH) {
    errors.push({ key: 'link', message: `the link is ${text.length} characters long; only the first ${MAX_LINK_LENGTH} were read` });
    text = text.slice(0, MAX_LINK_LENGTH);
  }
  const view: ViewState = { ...DEFAULT_VIEW, fixes: [], params: {}, sched: [] };
  let version: string | null = null;
  let model: string | null = null;
  const frag = fragmentOf(text);
  const seen = new Set<string>();
  for (const part of frag.split(/[&;]/)) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const decodedKey = decode(rawKey);
    if (decodedKey === null) { errors.push({ key: show(rawKey), message: `${show(rawKey)}: the key is not valid percent-encoding` }); continue; }
    const key = decodedKey.trim().toLowerCase();
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (value === null) { errors.push({ key: show(key), message: `${show(key)}: the value is not valid percent-encoding` }); continue; }
    const v = value.trim();
    if (!(KEYS as readonly string[]).includes(key)) {
      errors.push({ key: show(key), message: `unknown key "${show(key)}" (known keys: s, fix, read, sleep, readers, erase, at, mode, sched, t)` });
      continue;
    }
    if (seen.has(key)) errors.push({ key, message: `${key} is given twice; the last one wins` });
    seen.add(key);
    applyKey(view, key, v, errors, (ver) => { version = ver; }, (mod) => { model = mod; });
  }
  return { view, errors, version, model };
}

function applyKey(view: ViewState, key: string, v: string, errors: LinkError[], setVersion: (v: string) => void, setModel: (m: string) => void): void {
  const err = (message: string) => errors.push({ key, message });
  const dur = (min: Micros) => {
    const d = parseDuration(v, key, min);
    if (typeof d === 'number') return d;
    errors.push(d);
    return undefined;
  };
  switch (key) {
    case 's':
      if ((SCENARIO_IDS as readonly string[]).includes(v)) view.scenario = v as ScenarioId;
      else err(`unknown scenario "${show(v)}" (known: ${SCENARIO_IDS.join(', ')})`);
      return;
    case 'fix': {
      if (v === '' || v === 'none') { view.fixes = []; return; }
      const fixes: FixId[] = [];
      for (const f of v.split(',').map((x) => x.trim()).filter(Boolean)) {
        if ((FIX_IDS as readonly string[]).includes(f)) { if (!fixes.includes(f as FixId)) fixes.push(f as FixId); }
        else err(`unknown fix "${show(f)}" (known: ${FIX_IDS.join(', ')}, or none)`);
      }
      view.fixes = FIX_IDS.filter((f) => fixes.includes(f));
      return;
    }
    case 'read': { const d = dur(1); if (d !== undefined) view.params.read = d; return; }
    case 'sleep': { const d = dur(0); if (d !== undefined) view.params.sleep = d; return; }
    case 'erase':
      if (v === 'none' || v === '0') { view.params.erase = null; return; }
      { const d = dur(1); if (d !== undefined) view.params.erase = d; }
      return;
    case 'at':
      if (v === 'any' || v === 'all') { view.params.at = null; return; }
      { const d = dur(0); if (d !== undefined) view.params.at = d; }
      return;
    case 'readers': {
      if (!/^\d{1,3}$/.test(v) || Number(v) < 1 || Number(v) > 8) { err(`readers=${show(v)} must be a whole number from 1 to 8`); return; }
      view.params.readers = Number(v);
      return;
    }
    case 'mode':
      if (v === 'any' || v === 'timed') view.mode = v;
      else err(`mode=${show(v)} must be any or timed`);
      return;
    case 'sched': {
      const s = parseSched(v);
      if (Array.isArray(s)) view.sched = s; else errors.push(s);
      return;
    }
    case 't':
      if (v === 'fault' || v === 'end') view.t = v;
      else if (/^\d{1,6}$/.test(v)) view.t = Number(v);
      else err(`t=${show(v)} must be a step number (0, 1, ...) or fault or end`);
      return;
    case 'v':
      if (/^\d{1,3}$/.test(v)) setVersion(v); else err(`v=${show(v)} is not a format version`);
      return;
    case 'm':
      if (/^[0-9a-z]{1,16}$/.test(v)) setModel(v); else err(`m=${show(v)} is not a model fingerprint`);
      return;
  }
}

/** The hand-editable long form of a view: defaults omitted, keys in a fixed order. */
export function formatLongLink(view: ViewState): string {
  const d = SCENARIOS[view.scenario].defaults;
  const parts: string[] = [`s=${view.scenario}`];
  if (view.fixes.length) parts.push(`fix=${view.fixes.join(',')}`);
  const p = view.params;
  if (p.read !== undefined && p.read !== d.read) parts.push(`read=${formatDuration(p.read)}`);
  if (p.sleep !== undefined && p.sleep !== d.sleep) parts.push(`sleep=${formatDuration(p.sleep)}`);
  if (p.readers !== undefined && p.readers !== d.readers) parts.push(`readers=${p.readers}`);
  if (p.erase !== undefined && p.erase !== null) parts.push(`erase=${formatDuration(p.erase)}`);
  if (p.at !== undefined) parts.push(p.at === null ? 'at=any' : `at=${formatDuration(p.at)}`);
  if (view.mode !== DEFAULT_VIEW.mode) parts.push(`mode=${view.mode}`);
  const sched = formatSched(view.sched);
  if (sched) parts.push(`sched=${sched}`);
  if (view.t !== null) parts.push(`t=${view.t}`);
  return parts.join('&');
}
