/**
 * Canonical link format v1: what the page writes to the address bar and the
 * CLI prints. The hand-editable long form (`#s=...&fix=...`) stays accepted
 * forever; it is parsed by link.ts, the one long-form parser.
 *
 *   #1.<model>.<head>[.<field>]...
 *
 * - `1`: format version. A fragment that starts with a digit is canonical
 *   (long-form keys start with a letter).
 * - `<model>`: the 5-character model fingerprint (fingerprint.ts).
 * - `<head>`: scenario letter (q qspi-unbind, f flash-unbind, d devres-order),
 *   fix bits as one digit 0-7 (1 notifier-sleep, 2 srcu-drain, 4 devres-group),
 *   then `t` when the mode is timed (absent = any).
 * - fields, each a tag letter and a value, only when not the default, in this
 *   order: `r` read, `z` sleep, `e` erase (`0` = none), `n` readers, `a` at
 *   (durations: digits + `m` ms / `s` s, no unit = us), `s` schedule (see
 *   tables.ts), `t` cursor (a step number, `f` fault, `e` end).
 *
 * Example: `#1.k3f9x.f1t.r400m.a4.sa2b.tf` = flash-unbind + notifier-sleep,
 * timed, read=400ms, at=4us, schedule a,a,b, cursor at the fault.
 * Only unreserved URL characters appear (A-Z a-z 0-9 - _ . ~), so the link
 * survives quoted-printable mail, chat re-escaping and line-wrapping.
 */
import { SCENARIOS, formatLongLink, parseLink } from '../index.ts';
import type { LinkError, ParamOverrides, ParseResult, ViewState } from '../index.ts';
import { DEFAULT_VIEW, MAX_DURATION, MAX_LINK_LENGTH, MAX_SCHED, fragmentOf } from '../link.ts';
import type { Micros } from '../types.ts';
import { modelFingerprint } from './fingerprint.ts';
import { linkNotices } from './notices.ts';
import { V1, V1_FIXES, V1_SCENARIO_LETTER, decodeDur, decodeSched, encodeDur, encodeSched, scenarioLetter, trimSched } from './tables.ts';
import { capErrors, safeText, show } from './safe.ts';

/** What decoding a link gives: the view, what was wrong, and what to tell the user. */
export interface DecodeResult extends ParseResult {
  /** Which spelling the link used. */
  readonly form: 'canonical' | 'long';
  /** Not errors: facts the user must see (e.g. the link was made with another model). */
  readonly notices: readonly string[];
}

/** The newest link format this code reads and writes. */
export const LINK_FORMAT = Number(V1);

/**
 * The view with every default dropped, fixes in table order and trailing
 * default choices trimmed: two views that replay the same are equal here.
 * @example normalizeView({ ...DEFAULT_VIEW, params: { at: null } }).params // {}
 */
export function normalizeView(view: ViewState): ViewState {
  const d = SCENARIOS[view.scenario].defaults;
  const o = view.params;
  const params: ParamOverrides = {};
  if (o.read !== undefined && o.read !== d.read) params.read = o.read;
  if (o.sleep !== undefined && o.sleep !== d.sleep) params.sleep = o.sleep;
  if (o.erase !== undefined && o.erase !== d.erase) params.erase = o.erase;
  if (o.readers !== undefined && o.readers !== d.readers) params.readers = o.readers;
  if (o.at !== undefined && o.at !== null) params.at = o.at;
  const fixes = V1_FIXES.filter((f) => view.fixes.includes(f));
  for (const f of view.fixes) if (!fixes.includes(f)) fixes.push(f);
  return { scenario: view.scenario, fixes, params, mode: view.mode, sched: trimSched(view.sched), t: view.t };
}

/**
 * The canonical fragment of a view (without the `#`).
 * @example encodeView({ ...DEFAULT_VIEW, scenario: 'flash-unbind', fixes: ['notifier-sleep'], t: 57 }) // '1.<model>.f1.t57'
 */
export function encodeView(view: ViewState, model: string = modelFingerprint()): string {
  const v = normalizeView(view);
  const letter = scenarioLetter(v.scenario);
  let bits = 0;
  for (const f of v.fixes) bits |= V1_FIXES.includes(f) ? 1 << V1_FIXES.indexOf(f) : 256;
  // Outside the v1 tables (a future scenario or fix): the long form, which names everything.
  if (letter === null || bits > 7) return `${formatLongLink(v)}&m=${model}`;
  const fields: string[] = [];
  const p = v.params;
  if (p.read !== undefined) fields.push(`r${encodeDur(p.read)}`);
  if (p.sleep !== undefined) fields.push(`z${encodeDur(p.sleep)}`);
  if (p.erase !== undefined) fields.push(`e${p.erase === null ? '0' : encodeDur(p.erase)}`);
  if (p.readers !== undefined) fields.push(`n${p.readers}`);
  if (p.at !== undefined && p.at !== null) fields.push(`a${encodeDur(p.at)}`);
  const sched = encodeSched(v.sched);
  if (sched) fields.push(`s${sched}`);
  if (v.t !== null) fields.push(`t${v.t === 'fault' ? 'f' : v.t === 'end' ? 'e' : v.t}`);
  return [V1, model, `${letter}${bits}${v.mode === 'timed' ? 't' : ''}`, ...fields].join('.');
}

/**
 * Decodes one link: canonical or long form, a full URL or a bare fragment
 * (decodeFragment in decode.ts also takes a pasted text block). Never throws;
 * what is valid is applied, every problem names its key and what is allowed.
 * @example decodeLink('#s=flash-unbind&t=fault').view.t === 'fault'
 */
export function decodeLink(input: string): DecodeResult {
  const text = typeof input === 'string' ? input : '';
  const frag = canonicalCandidate(text);
  if (frag !== null) return decodeCanonical(frag);
  const parsed = parseLink(trimProse(text));
  const errors = [...parsed.errors];
  if (parsed.version !== null && Number(parsed.version) !== LINK_FORMAT) {
    // A newer format may mean something else by the same keys: apply nothing.
    if (Number(parsed.version) > LINK_FORMAT) return result('long', emptyView(), [versionError(parsed.version)], parsed.version, parsed.model);
    errors.push(versionError(parsed.version));
  }
  return result('long', normalizeView(parsed.view), errors, parsed.version, parsed.model);
}

/** The result for text that holds no link at all. */
export function noLink(message: string): DecodeResult {
  return result('long', emptyView(), [{ key: 'link', message }], null, null);
}

const OPENERS = '<("\'[';
const CLOSERS = '.,;:!?)]>\'"';

/**
 * Prose around a link: `<...>`, `(see ...).`; no link ends in `.`, `)`, `>`, `,`.
 * (A loop, not a regex: `[...]+$` backtracks quadratically on hostile input.)
 */
function trimProse(text: string): string {
  const s = text.trim();
  let a = 0;
  let b = s.length;
  while (a < b && OPENERS.includes(s[a]!)) a++;
  while (b > a && CLOSERS.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function emptyView(): ViewState {
  return { ...DEFAULT_VIEW, fixes: [], params: {}, sched: [] };
}

function result(form: DecodeResult['form'], view: ViewState, errors: LinkError[], version: string | null, model: string | null): DecodeResult {
  const safe = capErrors(errors.map((e) => ({ key: safeText(e.key, 24), message: safeText(e.message, 240) })));
  // A link from an unknown format version is not replayed at all: nothing to say about its model.
  const known = version === null || Number(version) === LINK_FORMAT;
  const notices = known ? linkNotices({ view, model }, null).map((n) => safeText(n, 240)) : [];
  return { view, errors: safe, version, model, form, notices };
}

function versionError(v: string): LinkError {
  return Number(v) > LINK_FORMAT
    ? { key: 'v', message: `this link uses link format ${show(v)}; this racelanes reads formats up to ${LINK_FORMAT}: nothing was applied, open it with a newer racelanes` }
    : { key: 'v', message: `unknown link format "${show(v)}" (known: ${LINK_FORMAT})` };
}

/** The canonical fragment inside `text`, undoing percent-encoding and wrapping, or null for the long form. */
function canonicalCandidate(text: string): string | null {
  let f = fragmentOf(trimProse(text.length > MAX_LINK_LENGTH * 2 ? text.slice(0, MAX_LINK_LENGTH * 2 + 1) : text));
  for (let i = 0; i < 2 && /%[0-9a-fA-F]{2}/.test(f); i++) {
    try { f = decodeURIComponent(f); } catch { break; }
    f = fragmentOf(f);
  }
  if (!/^\d/.test(f)) return null;
  // Mail clients wrap lines: a canonical link has no white space.
  return trimProse(f.replace(/\s+/g, ''));
}

type Field = 'r' | 'z' | 'e' | 'n' | 'a' | 's' | 't';
const FIELD_KEY: Readonly<Record<Field, string>> = { r: 'read', z: 'sleep', e: 'erase', n: 'readers', a: 'at', s: 'sched', t: 't' };
const FIELDS_HELP = 'r read, z sleep, e erase, n readers, a at, s sched, t cursor';

function decodeCanonical(f: string): DecodeResult {
  const errors: LinkError[] = [];
  if (f.length > MAX_LINK_LENGTH) {
    errors.push({ key: 'link', message: `the link is ${f.length} characters long; only the first ${MAX_LINK_LENGTH} were read` });
    f = f.slice(0, MAX_LINK_LENGTH);
  }
  const view = emptyView();
  const [ver = '', model = '', head = '', ...fields] = f.split('.');
  if (ver !== V1) return result('canonical', view, [...errors, versionError(ver)], ver.slice(0, 8), /^[0-9a-z]{5}$/.test(model) ? model : null);
  let m: string | null = model;
  if (!/^[0-9a-z]{5}$/.test(model)) {
    errors.push({ key: 'm', message: `"${show(model)}" is not a model fingerprint (5 characters 0-9 a-z, after "1.")` });
    m = null;
  }
  decodeHead(head, view, errors);
  const seen = new Set<string>();
  for (const tok of fields) {
    if (!tok) continue;
    const tag = tok[0]!;
    if (!(tag in FIELD_KEY)) {
      errors.push({ key: show(tag), message: `unknown field "${show(tok)}": a field is a letter (${FIELDS_HELP}) and its value` });
      continue;
    }
    const key = FIELD_KEY[tag as Field];
    if (seen.has(tag)) errors.push({ key, message: `${key} (field ${tag}) is given twice; the last one wins` });
    seen.add(tag);
    const err = decodeField(tag as Field, tok.slice(1), view);
    if (err !== null) errors.push({ key, message: `${key}: "${show(tok)}" ${err}` });
  }
  return result('canonical', normalizeView(view), errors, V1, m);
}

function decodeHead(head: string, view: ViewState, errors: LinkError[]): void {
  const letters = Object.keys(V1_SCENARIO_LETTER).join(', ');
  const sc = V1_SCENARIO_LETTER[head[0] ?? ''];
  if (Object.hasOwn(V1_SCENARIO_LETTER, head[0] ?? '') && sc) view.scenario = sc;
  else errors.push({ key: 's', message: `"${show(head)}" does not start with a scenario letter (${letters}: ${Object.values(V1_SCENARIO_LETTER).join(', ')})` });
  const bits = head[1] ?? '';
  if (/^[0-7]$/.test(bits)) view.fixes = V1_FIXES.filter((_, i) => (Number(bits) & (1 << i)) !== 0);
  else errors.push({ key: 'fix', message: `"${show(head)}": after the scenario letter comes the fix set as one digit 0-7 (1 ${V1_FIXES[0]}, 2 ${V1_FIXES[1]}, 4 ${V1_FIXES[2]}; add them)` });
  const mode = head.slice(2);
  if (mode === 't') view.mode = 'timed';
  else if (mode !== '') errors.push({ key: 'mode', message: `"${show(head)}": the scenario and fixes may be followed only by t (timed mode)` });
}

/** Applies one field; returns what is allowed when the value is bad. */
function decodeField(tag: Field, val: string, view: ViewState): string | null {
  const dur = (min: Micros): Micros | string => {
    const d = decodeDur(val);
    if (d === null) return 'is not a duration: digits, then m (ms) or s (seconds); no unit = us';
    if (d < min || d > MAX_DURATION) return `is out of range: ${encodeDur(min)} to ${encodeDur(MAX_DURATION)}`;
    return d;
  };
  const p = view.params;
  switch (tag) {
    case 'r': { const d = dur(1); if (typeof d === 'string') return d; p.read = d; return null; }
    case 'z': { const d = dur(0); if (typeof d === 'string') return d; p.sleep = d; return null; }
    case 'a': { const d = dur(0); if (typeof d === 'string') return d; p.at = d; return null; }
    case 'e': {
      if (val === '0') { p.erase = null; return null; }
      const d = dur(1); if (typeof d === 'string') return d; p.erase = d; return null;
    }
    case 'n':
      if (!/^[1-8]$/.test(val)) return 'must be a whole number of readers from 1 to 8';
      p.readers = Number(val);
      return null;
    case 's': {
      const s = decodeSched(val, MAX_SCHED);
      if (typeof s === 'string') return `is not a schedule: ${s}`;
      view.sched = s;
      return null;
    }
    case 't':
      if (val === 'f') view.t = 'fault';
      else if (val === 'e') view.t = 'end';
      else if (/^\d{1,6}$/.test(val)) view.t = Number(val);
      else return 'must be a step number (0-999999), f (the fault) or e (the end)';
      return null;
  }
}
