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
 * - fields, each a tag letter and a value, only when not the default, in the
 *   order of the key table (keys.ts, which says what each tag means): `r`
 *   read, `z` sleep, `e` erase (`0` = none), `n` readers, `a` at, `b` start,
 *   `s` schedule, `t` cursor, `x` axis, `f` full stacks, `i` selected event,
 *   then the studies: `c` side B's fixes (one digit, as the head's), `o` side
 *   B's kernel (`r` 6.14-rc7, `s` 6.12.117, `m` mainline), `w` a sweep
 *   (`wr100m-500m-5_n1-2`: tag, from-to, steps for a duration; `_` between axes).
 *   Durations are digits + `m` ms / `s` s, no unit = us.
 *
 * Example: `#1.k3f9x.f1t.r400m.a4.sa2b.tf` = flash-unbind + notifier-sleep,
 * timed, read=400ms, at=4us, schedule a,a,b, cursor at the fault.
 * Only unreserved URL characters appear (A-Z a-z 0-9 - _ . ~), so the link
 * survives quoted-printable mail, chat re-escaping and line-wrapping.
 */
import { formatLongLink, parseLink, type ParseResult } from '../link.ts';
import { MAX_LINK_LENGTH, fragmentOf } from './codecs.ts';
import { modelFingerprint } from './fingerprint.ts';
import { TAGS_HELP, VIEW_KEYS, tagSpec } from './keys.ts';
import { linkNotices } from './notices.ts';
import { V1, V1_FIXES, V1_SCENARIO_LETTER, cmpKernelCode, fixBits, scenarioLetter } from './tables.ts';
import { capErrors, safeText, show } from './safe.ts';
import { emptyView, normalizeView, type LinkError, type ViewState } from './view.ts';

export { normalizeView } from './view.ts';

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
 * The canonical fragment of a view (without the `#`).
 * @example encodeView({ ...DEFAULT_VIEW, scenario: 'flash-unbind', fixes: ['notifier-sleep'], t: 57 }) // '1.<model>.f1.t57'
 */
export function encodeView(view: ViewState, model: string = modelFingerprint()): string {
  const v = normalizeView(view);
  const letter = scenarioLetter(v.scenario);
  let bits = 0;
  for (const f of v.fixes) bits |= V1_FIXES.includes(f) ? 1 << V1_FIXES.indexOf(f) : 256;
  // Outside the v1 tables (a future scenario, fix or kernel): the long form, which names everything.
  const outside = (v.cmp && fixBits(v.cmp) === null) || (v.cmpk && cmpKernelCode(v.cmpk) === null);
  if (letter === null || bits > 7 || outside) return `${formatLongLink(v)}&m=${model}`;
  const fields: string[] = [];
  for (const k of VIEW_KEYS) {
    if (k.tag === null) continue;
    const val = k.encode(v);
    if (val !== null) fields.push(`${k.tag}${val}`);
  }
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
    const spec = tagSpec(tag);
    if (!spec) {
      errors.push({ key: show(tag), message: `unknown field "${show(tok)}": a field is a letter (${TAGS_HELP}) and its value` });
      continue;
    }
    if (seen.has(tag)) errors.push({ key: spec.key, message: `${spec.key} (field ${tag}) is given twice; the last one wins` });
    seen.add(tag);
    const err = spec.decode(tok.slice(1), view);
    if (err !== null) errors.push({ key: spec.key, message: `${spec.key}: "${show(tok)}" ${err}` });
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
