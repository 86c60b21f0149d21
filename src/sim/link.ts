/**
 * The one parser of racelanes long-form links, shared by the page and the CLI.
 *
 * Hand-editable long form (URL fragment, query-string syntax):
 *   #s=flash-unbind&fix=notifier-sleep&read=400ms&readers=2&mode=timed&t=57
 * Every key and its rules are a row of share/keys.ts. Bad input never throws:
 * every problem is reported with the key and what is allowed, and everything
 * valid is applied.
 */
import { MAX_LINK_LENGTH, fragmentOf, parseSchedRle, schedRle, show, trimSched, MAX_SCHED } from './share/codecs.ts';
import { KEYS_HELP, VIEW_KEYS, keySpec } from './share/keys.ts';
import { emptyView, type LinkError, type ViewState } from './share/view.ts';

export { DEFAULT_VIEW, type ViewState, type ParamOverrides, type LinkError, type AxisMode } from './share/view.ts';
export { parseDuration, formatDuration, fragmentOf, MAX_DURATION, MAX_LINK_LENGTH, MAX_SCHED } from './share/codecs.ts';

export interface ParseResult {
  readonly view: ViewState;
  readonly errors: readonly LinkError[];
  /** Format version and model fingerprint, when the link carried them. */
  readonly version: string | null;
  readonly model: string | null;
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
  const s = parseSchedRle(raw, '.', MAX_SCHED);
  return typeof s === 'string' ? { key: 'sched', message: `sched=${show(raw)} is not a schedule: ${s}` } : s;
}

export function formatSched(sched: readonly number[]): string {
  return schedRle(trimSched(sched), '.');
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
  const view = emptyView();
  let version: string | null = null;
  let model: string | null = null;
  const seen = new Set<string>();
  for (const part of fragmentOf(text).split(/[&;]/)) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const decodedKey = decode(rawKey);
    if (decodedKey === null) { errors.push({ key: show(rawKey), message: `${show(rawKey)}: the key is not valid percent-encoding` }); continue; }
    const key = decodedKey.trim().toLowerCase();
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (value === null) { errors.push({ key: show(key), message: `${show(key)}: the value is not valid percent-encoding` }); continue; }
    const v = value.trim();
    const spec = keySpec(key);
    if (!spec && key !== 'v' && key !== 'm') {
      errors.push({ key: show(key), message: `unknown key "${show(key)}" (known keys: ${KEYS_HELP})` });
      continue;
    }
    if (seen.has(key)) errors.push({ key, message: `${key} is given twice; the last one wins` });
    seen.add(key);
    if (key === 'v') {
      if (/^\d{1,3}$/.test(v)) version = v; else errors.push({ key, message: `v=${show(v)} is not a format version` });
    } else if (key === 'm') {
      if (/^[0-9a-z]{1,16}$/.test(v)) model = v; else errors.push({ key, message: `m=${show(v)} is not a model fingerprint` });
    } else {
      const err = spec!.parse(v, view);
      if (err !== null) for (const message of err.split('; ')) errors.push({ key, message });
    }
  }
  return { view, errors, version, model };
}

/** The hand-editable long form of a view: defaults omitted, keys in table order. */
export function formatLongLink(view: ViewState): string {
  const parts: string[] = [];
  for (const k of VIEW_KEYS) {
    const v = k.format(view);
    if (v !== null) parts.push(`${k.key}=${v}`);
  }
  return parts.join('&');
}
