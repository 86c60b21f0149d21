/**
 * The one table of link keys. Every key a link can carry is one row here: its
 * long-form name, its canonical tag, what it sets, its range, its default and
 * its "none" word, and how it is read and written in both forms. The
 * long-form parser (link.ts), the canonical codec (canonical.ts), the page's
 * parameter inputs (store/params.ts) and the CLI help read this table; nothing
 * else knows a key's rules. What each key means in words (the README's list) is
 * in keyDocs.ts, which the page does not load.
 *
 * Canonical tags are part of released format v1: never reuse or rename one.
 */
import { DEFAULT_KERNEL, FIX_IDS, KERNEL_IDS, SCENARIO_IDS, isFix, isKernel, isScenario, scenarioDefaults } from '../catalogue/index.ts';
import type { FixId, ScenarioId } from '../catalogue/source.ts';
import { V1_CMP_KERNEL_CODE, V1_FIXES, V1_KERNEL_CODE, cmpKernelCode, kernelCode } from './tables.ts';
import {
  MAX_DURATION, MAX_SCHED, decodeDur, decodeSched, encodeDur, encodeSched, formatDuration, parseDuration, parseSchedRle, schedRle, show, trimSched,
} from './codecs.ts';
import { orderFixes, type ParamOverrides, type SweepAxis, type SweepSpec, type ViewState } from './view.ts';

/**
 * What a key belongs to: the question the verdict answers, one replay of it,
 * how it is shown, or a study laid beside the question (a comparison with
 * other fixes or another kernel, a sweep of parameters).
 */
export type KeyScope = 'question' | 'replay' | 'look' | 'study';

export interface KeySpec {
  /** Long-form key (`read`). */
  readonly key: string;
  /** Canonical field tag (`r`), or null for what the canonical head carries. */
  readonly tag: string | null;
  readonly scope: KeyScope;
  /** Long-form value syntax, for help texts: `<duration>`, `none|<duration>`. */
  readonly syntax: string;
  /** Applies a long-form value; returns an error message (what is allowed) or null. */
  parse(raw: string, view: ViewState): string | null;
  /** The long-form value, or null when the view has the default (the key is omitted). */
  format(view: ViewState): string | null;
  /** Applies a canonical value; returns what is allowed, or null. */
  decode(raw: string, view: ViewState): string | null;
  /** The canonical value, or null when default. */
  encode(view: ViewState): string | null;
}

/** The question's numeric parameters: the page has an input for each. */
export type ParamKey = 'read' | 'sleep' | 'readers' | 'erase' | 'at' | 'parts' | 'lat';
/** `undefined` = back to the scenario default; `null` = explicitly none / the starts at 0 and right after each step of the others. */
export type ParamValue = number | null | undefined;

export interface ParamSpec extends KeySpec {
  readonly key: ParamKey;
  readonly tag: string;
  /** The range a value must lie in (µs for durations). */
  readonly min: number;
  readonly max: number;
  /** A duration (µs, written with a unit) or a whole number. */
  readonly kind: 'duration' | 'count';
  /** The input's short hint. */
  readonly hint: string;
  /** Words meaning null (first = how it is written), and the canonical spelling; what null means. */
  readonly none: { readonly words: readonly string[]; readonly canonical: string; readonly means: string } | undefined;
  /** Whether a value equal to the scenario default is dropped from links (false for `at`). */
  readonly scenarioDefault: boolean;
  /** Parses what a user typed into the input ('' = back to the default). */
  value(raw: string): { ok: true; value: ParamValue } | { ok: false; message: string };
  /** What the input shows for a view (the scenario default when unset, except `at`). */
  text(scenario: ScenarioId, params: ParamOverrides): string;
}

const defaultsOf = (s: ScenarioId) => scenarioDefaults(s);

function setParam(params: ParamOverrides, key: ParamKey, v: ParamValue): void {
  if (v === undefined) delete params[key];
  else if (key === 'erase' || key === 'at') params[key] = v;
  else if (v !== null) params[key] = v;
}

/** `params` with one parameter set (`undefined` = back to the default; `null` = none / the explored starts). */
export function withParam(params: ParamOverrides, key: ParamKey, v: ParamValue): ParamOverrides {
  const next = { ...params };
  setParam(next, key, v);
  return next;
}

interface ParamDef {
  key: ParamKey;
  tag: string;
  min: number;
  max: number;
  kind: 'duration' | 'count';
  /** Words meaning null (first = how it is written), and the canonical spelling. */
  none?: { words: readonly string[]; canonical: string; means: string };
  /** Whether a value equal to the scenario default is dropped (false for `at`). */
  scenarioDefault: boolean;
  hint: string;
}

function paramSpec(d: ParamDef): ParamSpec {
  const { key, min, max } = d;
  const syntax = `${d.none ? `${d.none.words[0]}|` : ''}${d.kind === 'duration' ? '<duration>' : `${min}-${max}`}`;
  const value = (raw: string): { ok: true; value: ParamValue } | { ok: false; message: string } => {
    const v = raw.trim();
    if (v === '') return { ok: true, value: undefined };
    if (d.none?.words.includes(v)) return { ok: true, value: null };
    if (d.kind === 'count') {
      if (!/^\d{1,3}$/.test(v) || Number(v) < min || Number(v) > max) return { ok: false, message: `${key}=${show(v)} must be a whole number from ${min} to ${max}` };
      return { ok: true, value: Number(v) };
    }
    const r = parseDuration(v, key, min, max);
    return typeof r === 'number' ? { ok: true, value: r } : { ok: false, message: r.message };
  };
  const current = (view: ViewState): ParamValue => {
    const v = view.params[key];
    if (v === undefined) return undefined;
    if (d.scenarioDefault && v === defaultsOf(view.scenario)[key]) return undefined;
    if (v === null) return key === 'at' ? undefined : v;
    return v;
  };
  return {
    key, tag: d.tag, scope: 'question', syntax, hint: d.hint, none: d.none, scenarioDefault: d.scenarioDefault, value, min, max, kind: d.kind,
    parse(raw, view) {
      const r = value(raw);
      if (!r.ok) return r.message;
      if (r.value === undefined) return `${key} is empty: write ${syntax}`;
      setParam(view.params, key, r.value);
      return null;
    },
    format(view) {
      const v = current(view);
      if (v === undefined) return null;
      if (v === null) return d.none!.words[0]!;
      return d.kind === 'duration' ? formatDuration(v) : String(v);
    },
    decode(raw, view) {
      if (d.none && raw === d.none.canonical) { setParam(view.params, key, null); return null; }
      if (d.kind === 'count') {
        if (!/^\d{1,3}$/.test(raw) || Number(raw) < min || Number(raw) > max) return `must be a whole number from ${min} to ${max}`;
        setParam(view.params, key, Number(raw));
        return null;
      }
      const us = decodeDur(raw);
      if (us === null) return 'is not a duration: digits, then m (ms) or s (seconds); no unit = us';
      if (us < min || us > max) return `is out of range: ${encodeDur(min)} to ${encodeDur(max)}`;
      setParam(view.params, key, us);
      return null;
    },
    encode(view) {
      const v = current(view);
      if (v === undefined) return null;
      if (v === null) return d.none!.canonical;
      return d.kind === 'duration' ? encodeDur(v) : String(v);
    },
    text(scenario, params) {
      const v = params[key];
      if (key === 'at') return v === undefined || v === null ? '' : formatDuration(v);
      const r = v === undefined ? defaultsOf(scenario)[key] : v;
      if (r === null) return d.none!.words[0]!;
      return d.kind === 'duration' ? formatDuration(r) : String(r);
    },
  };
}

/** The question's parameters, in link order (canonical fields r z e n a), which the page shows too. */
export const PARAM_SPECS: readonly ParamSpec[] = [
  paramSpec({ key: 'read', tag: 'r', min: 1, max: MAX_DURATION, kind: 'duration', scenarioDefault: true,
    hint: 'one read chunk (e.g. 5ms, 400ms)' }),
  paramSpec({ key: 'sleep', tag: 'z', min: 0, max: MAX_DURATION, kind: 'duration', scenarioDefault: true,
    hint: "notifier fix's msleep (e.g. 300ms)" }),
  paramSpec({ key: 'erase', tag: 'e', min: 1, max: MAX_DURATION, kind: 'duration', scenarioDefault: true,
    none: { words: ['none', '0'], canonical: '0', means: 'no eraser' },
    hint: 'flash_erase holding nor->lock (none or 2s)' }),
  paramSpec({ key: 'readers', tag: 'n', min: 1, max: 8, kind: 'count', scenarioDefault: true,
    hint: 'concurrent cat loops, 1-8' }),
  paramSpec({ key: 'at', tag: 'a', min: 0, max: MAX_DURATION, kind: 'duration', scenarioDefault: false,
    none: { words: ['any', 'all'], canonical: '', means: 'the starts at 0 and right after each step of the other tasks' },
    hint: 'unbind start; empty = after each step of the others' }),
  paramSpec({ key: 'parts', tag: 'p', min: 0, max: 4, kind: 'count', scenarioDefault: true,
    hint: 'fixed partitions; 0 = mtd0 is the whole flash' }),
  paramSpec({ key: 'lat', tag: 'l', min: 0, max: MAX_DURATION, kind: 'duration', scenarioDefault: true,
    hint: 'a woken task may let others go first this long (timed)' }),
];

export const PARAM_KEYS: readonly ParamKey[] = PARAM_SPECS.map((p) => p.key);

export function paramByKey(key: ParamKey): ParamSpec {
  return PARAM_SPECS.find((p) => p.key === key)!;
}

const isNum = (raw: string, digits: number) => new RegExp(`^\\d{1,${digits}}$`).test(raw);

const scenarioKey: KeySpec = {
  key: 's', tag: null, scope: 'question', syntax: SCENARIO_IDS.join('|'),
  parse(raw, view) {
    if (isScenario(raw)) { view.scenario = raw; return null; }
    return `unknown scenario "${show(raw)}" (known: ${SCENARIO_IDS.join(', ')})`;
  },
  format: (v) => v.scenario,
  decode: () => null,
  encode: () => null,
};

const fixKey: KeySpec = {
  key: 'fix', tag: null, scope: 'question', syntax: `none|<fix>[,<fix>...]`,
  parse(raw, view) {
    if (raw === '' || raw === 'none') { view.fixes = []; return null; }
    const fixes: FixId[] = [];
    const bad: string[] = [];
    for (const f of raw.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (isFix(f)) fixes.push(f);
      else bad.push(`unknown fix "${show(f)}" (known: ${FIX_IDS.join(', ')}, or none)`);
    }
    view.fixes = orderFixes(fixes);
    return bad.length ? bad.join('; ') : null;
  },
  format: (v) => (v.fixes.length ? orderFixes(v.fixes).join(',') : null),
  decode: () => null,
  encode: () => null,
};

const kernelKey: KeySpec = {
  key: 'k', tag: 'k', scope: 'question', syntax: KERNEL_IDS.join('|'),
  parse(raw, view) {
    if (isKernel(raw)) { view.kernel = raw; return null; }
    return `unknown kernel "${show(raw)}" (known: ${KERNEL_IDS.join(', ')})`;
  },
  format: (v) => (v.kernel === DEFAULT_KERNEL ? null : v.kernel),
  decode(raw, view) {
    const k = V1_KERNEL_CODE[raw];
    if (k !== undefined && Object.hasOwn(V1_KERNEL_CODE, raw)) { view.kernel = k; return null; }
    return `is not a kernel: ${Object.entries(V1_KERNEL_CODE).map(([c, id]) => `${c} ${id}`).join(', ')} (absent = ${DEFAULT_KERNEL})`;
  },
  encode: (v) => (v.kernel === DEFAULT_KERNEL ? null : kernelCode(v.kernel)),
};

const modeKey: KeySpec = {
  key: 'mode', tag: null, scope: 'question', syntax: 'any|timed',
  parse(raw, view) {
    if (raw === 'any' || raw === 'timed') { view.mode = raw; return null; }
    return `mode=${show(raw)} must be any or timed`;
  },
  format: (v) => (v.mode === 'any' ? null : v.mode),
  decode: () => null,
  encode: () => null,
};

const startKey: KeySpec = {
  key: 'start', tag: 'b', scope: 'replay', syntax: '<duration>',
  parse(raw, view) {
    const r = parseDuration(raw, 'start', 0);
    if (typeof r !== 'number') return r.message;
    view.start = r;
    return null;
  },
  format: (v) => (v.start === null || v.params.at !== undefined && v.params.at !== null ? null : formatDuration(v.start)),
  decode(raw, view) {
    const us = decodeDur(raw);
    if (us === null) return 'is not a duration: digits, then m (ms) or s (seconds); no unit = us';
    if (us > MAX_DURATION) return `is out of range: 0 to ${encodeDur(MAX_DURATION)}`;
    view.start = us;
    return null;
  },
  encode: (v) => (v.start === null || v.params.at !== undefined && v.params.at !== null ? null : encodeDur(v.start)),
};

const schedKey: KeySpec = {
  key: 'sched', tag: 's', scope: 'replay', syntax: '<choices>',
  parse(raw, view) {
    const s = parseSchedRle(raw, '.', MAX_SCHED);
    if (typeof s === 'string') return `sched=${show(raw)} is not a schedule: ${s}`;
    view.sched = s;
    return null;
  },
  format: (v) => schedRle(trimSched(v.sched), '.') || null,
  decode(raw, view) {
    const s = decodeSched(raw, MAX_SCHED);
    if (typeof s === 'string') return `is not a schedule: ${s}`;
    view.sched = s;
    return null;
  },
  encode: (v) => encodeSched(v.sched) || null,
};

const cursorKey: KeySpec = {
  key: 't', tag: 't', scope: 'look', syntax: '<step>|fault|end',
  parse(raw, view) {
    if (raw === 'fault' || raw === 'end') { view.t = raw; return null; }
    if (isNum(raw, 6)) { view.t = Number(raw); return null; }
    return `t=${show(raw)} must be a step number (0, 1, ...) or fault or end`;
  },
  format: (v) => (v.t === null ? null : String(v.t)),
  decode(raw, view) {
    if (raw === 'f') view.t = 'fault';
    else if (raw === 'e') view.t = 'end';
    else if (isNum(raw, 6)) view.t = Number(raw);
    else return 'must be a step number (0-999999), f (the fault) or e (the end)';
    return null;
  },
  encode: (v) => (v.t === null ? null : v.t === 'fault' ? 'f' : v.t === 'end' ? 'e' : String(v.t)),
};

const axisKey: KeySpec = {
  key: 'axis', tag: 'x', scope: 'look', syntax: 'step|time',
  parse(raw, view) {
    if (raw === 'step' || raw === 'time') { view.axis = raw; return null; }
    return `axis=${show(raw)} must be step or time`;
  },
  format: (v) => (v.axis === 'step' ? null : v.axis),
  decode(raw, view) {
    if (raw === 't') { view.axis = 'time'; return null; }
    return 'must be t (time axis); the step axis is the default';
  },
  encode: (v) => (v.axis === 'time' ? 't' : null),
};

const stacksKey: KeySpec = {
  key: 'stacks', tag: 'f', scope: 'look', syntax: 'capped|full',
  parse(raw, view) {
    if (raw === 'full' || raw === 'capped') { view.full = raw === 'full'; return null; }
    return `stacks=${show(raw)} must be full or capped`;
  },
  format: (v) => (v.full ? 'full' : null),
  decode(raw, view) {
    if (raw === '') { view.full = true; return null; }
    return 'takes no value (f alone = full stacks)';
  },
  encode: (v) => (v.full ? '' : null),
};

const selKey: KeySpec = {
  key: 'sel', tag: 'i', scope: 'look', syntax: '<step>',
  parse(raw, view) {
    if (isNum(raw, 6)) { view.sel = Number(raw); return null; }
    return `sel=${show(raw)} must be a step number (0, 1, ...)`;
  },
  format: (v) => (v.sel === null ? null : String(v.sel)),
  decode(raw, view) {
    if (isNum(raw, 6)) { view.sel = Number(raw); return null; }
    return 'must be a step number (0-999999)';
  },
  encode: (v) => (v.sel === null ? null : String(v.sel)),
};

// ---------------------------------------------------------------------------
// Studies beside the question: a comparison (side B's fixes and kernel) and a
// sweep of one or two parameters.
// ---------------------------------------------------------------------------

const fixBitsHelp = `a digit 0-7: the fix bits (1 ${V1_FIXES[0]}, 2 ${V1_FIXES[1]}, 4 ${V1_FIXES[2]}; add them; 0 = none)`;

const cmpKey: KeySpec = {
  key: 'cmp', tag: 'c', scope: 'study', syntax: 'none|<fix>[,<fix>...]',
  parse(raw, view) {
    if (raw === '' || raw === 'none') { view.cmp = []; return null; }
    const fixes: FixId[] = [];
    const bad: string[] = [];
    for (const f of raw.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (isFix(f)) fixes.push(f);
      else bad.push(`cmp: unknown fix "${show(f)}" (known: ${FIX_IDS.join(', ')}, or none)`);
    }
    // Nothing valid: no comparison (rather than one against no fixes nobody asked for).
    if (fixes.length || !bad.length) view.cmp = orderFixes(fixes);
    return bad.length ? bad.join('; ') : null;
  },
  format: (v) => (v.cmp === undefined || v.cmp === null ? null : orderFixes(v.cmp).join(',') || 'none'),
  decode(raw, view) {
    if (!/^[0-7]$/.test(raw)) return `is not ${fixBitsHelp}`;
    view.cmp = V1_FIXES.filter((_, i) => (Number(raw) & (1 << i)) !== 0);
    return null;
  },
  encode(v) {
    if (v.cmp === undefined || v.cmp === null) return null;
    let bits = 0;
    for (const f of v.cmp) bits |= 1 << V1_FIXES.indexOf(f);
    return String(bits);
  },
};

const cmpkKey: KeySpec = {
  key: 'cmpk', tag: 'o', scope: 'study', syntax: KERNEL_IDS.join('|'),
  parse(raw, view) {
    if (isKernel(raw)) { view.cmpk = raw; return null; }
    return `cmpk: unknown kernel "${show(raw)}" (known: ${KERNEL_IDS.join(', ')})`;
  },
  format: (v) => (v.cmpk === undefined || v.cmpk === null ? null : v.cmpk),
  decode(raw, view) {
    const k = V1_CMP_KERNEL_CODE[raw];
    if (k !== undefined && Object.hasOwn(V1_CMP_KERNEL_CODE, raw)) { view.cmpk = k; return null; }
    return `is not a kernel: ${Object.entries(V1_CMP_KERNEL_CODE).map(([c, id]) => `${c} ${id}`).join(', ')}`;
  },
  encode: (v) => (v.cmpk === undefined || v.cmpk === null ? null : cmpKernelCode(v.cmpk)),
};

/** Most values one sweep axis may take. */
export const MAX_SWEEP_STEPS = 32;
/** Values of a swept duration when the spec does not say (`read:100ms..500ms` = 5 values). */
export const DEFAULT_SWEEP_STEPS = 5;
/** The long-form syntax of one sweep axis. */
export const SWEEP_AXIS_SYNTAX = '<param>:<from>..<to>[:<steps>]';

const sweepable = () => PARAM_SPECS.map((p) => p.key).join(', ');

/** A sweep value in the link's notation: `400ms`, `2`. */
export function formatSweepValue(param: ParamKey, v: number): string {
  return paramByKey(param).kind === 'duration' ? formatDuration(v) : String(v);
}

/**
 * Checks one axis against its parameter's range from the key table; returns
 * the axis (a whole-number axis steps by 1) or what is wrong.
 */
export function sweepAxis(param: ParamKey, from: number, to: number, steps: number | null): SweepAxis | string {
  const p = paramByKey(param);
  const f = (v: number) => formatSweepValue(param, v);
  const range = `${f(p.min)} to ${f(p.max)}`;
  if (from < p.min || from > p.max || to < p.min || to > p.max) return `${param} ${f(from)}..${f(to)} is out of range: ${param} is ${range}`;
  if (from > to) return `${param} ${f(from)}..${f(to)} goes down: write the lower value first (${f(to)}..${f(from)})`;
  if (p.kind === 'count') {
    const n = to - from + 1;
    if (steps !== null && steps !== n) return `${param} is a whole number and steps by 1: write ${param}:${from}..${to} without :${steps}`;
    if (n > MAX_SWEEP_STEPS) return `${param} ${from}..${to} has ${n} values, at most ${MAX_SWEEP_STEPS}`;
    return { param, from, to, steps: n };
  }
  const n = steps ?? (from === to ? 1 : DEFAULT_SWEEP_STEPS);
  if (from === to && n !== 1) return `${param} ${f(from)}..${f(to)} is one value: leave out :${n}`;
  if (from < to && (n < 2 || n > MAX_SWEEP_STEPS)) return `${param} takes 2 to ${MAX_SWEEP_STEPS} steps, not ${n}`;
  if (from < to && to - from < n - 1) return `${param} ${f(from)}..${f(to)} is too narrow for ${n} distinct values (whole us)`;
  return { param, from, to, steps: n };
}

const isParamKey = (k: string): k is ParamKey => (PARAM_KEYS as readonly string[]).includes(k);

/**
 * One axis in the long form, `read:100ms..500ms:5` (or `read=...`, as the
 * CLI's --x writes it). Never throws; a string is the message.
 */
export function parseSweepAxis(raw: string, label = 'sweep'): SweepAxis | string {
  const text = raw.trim();
  const eg = 'write param:from..to[:steps], e.g. read:100ms..500ms:5 or readers:1..3';
  const m = /^([a-z]+)\s*[:=]\s*(.*)$/.exec(text);
  if (!m) return `${label}: "${show(text)}" is not a sweep: ${eg}`;
  const param = m[1]!;
  if (!isParamKey(param)) return `${label}: "${show(param)}" is not a parameter that can be swept (${sweepable()})`;
  const range = m[2]!.split('..');
  if (range.length !== 2) return `${label}: "${show(text)}" is not a sweep: ${eg}`;
  const [fromRaw = '', rest = ''] = range;
  const colon = rest.lastIndexOf(':');
  const toRaw = colon < 0 ? rest : rest.slice(0, colon);
  const stepsRaw = colon < 0 ? null : rest.slice(colon + 1);
  if (stepsRaw !== null && !/^\d{1,3}$/.test(stepsRaw)) return `${label}: ${param}: the step count "${show(stepsRaw)}" is not a whole number`;
  const spec = paramByKey(param);
  const value = (v: string): number | string => {
    if (spec.kind === 'count') return /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : `${label}: ${param} value "${show(v)}" must be a whole number from ${spec.min} to ${spec.max}`;
    const r = parseDuration(v.trim(), param, 0, Number.MAX_SAFE_INTEGER);
    return typeof r === 'number' ? r : `${label}: ${param} value "${show(v)}" is not a duration: write a number with a unit (us, ms, s), e.g. ${param}:100ms..500ms:5`;
  };
  const from = value(fromRaw);
  if (typeof from === 'string') return from;
  const to = value(toRaw);
  if (typeof to === 'string') return to;
  const a = sweepAxis(param, from, to, stepsRaw === null ? null : Number(stepsRaw));
  return typeof a === 'string' ? `${label}: ${a}` : a;
}

/** `read:100ms..500ms:5`: the long form of one axis (a duration always says its steps). */
export function formatSweepAxis(a: SweepAxis): string {
  const f = (v: number) => formatSweepValue(a.param, v);
  const steps = paramByKey(a.param).kind === 'duration' && a.from !== a.to ? `:${a.steps}` : '';
  return `${a.param}:${f(a.from)}..${f(a.to)}${steps}`;
}

/**
 * A whole sweep in the long form: one axis (x) or two (x,y), different parameters.
 * @example parseSweep('read:100ms..500ms:5,readers:1..2') // { x: { param: 'read', from: 100000, to: 500000, steps: 5 }, y: { param: 'readers', ... } }
 */
export function parseSweep(raw: string, label = 'sweep'): SweepSpec | string {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length > 2) return `${label}: at most two parameters (x,y), not ${parts.length}`;
  const axes: SweepAxis[] = [];
  for (const p of parts) {
    const a = parseSweepAxis(p, label);
    if (typeof a === 'string') return a;
    axes.push(a);
  }
  const s = sweepOf(axes[0]!, axes[1] ?? null);
  return typeof s === 'string' ? `${label}: ${s}` : s;
}

/** x and y as a sweep, or what is wrong (both sweep the same parameter). */
export function sweepOf(x: SweepAxis, y: SweepAxis | null): SweepSpec | string {
  if (y && y.param === x.param) return `${x.param} is swept twice: the two axes take different parameters`;
  return { x, y };
}

export function formatSweep(s: SweepSpec): string {
  return s.y ? `${formatSweepAxis(s.x)},${formatSweepAxis(s.y)}` : formatSweepAxis(s.x);
}

/** Canonical: `r100m-500m-5` (tag, from, to, steps for a duration); two axes joined by `_`. */
function encodeSweepAxis(a: SweepAxis): string {
  const p = paramByKey(a.param);
  const v = (n: number) => (p.kind === 'duration' ? encodeDur(n) : String(n));
  return `${p.tag}${v(a.from)}-${v(a.to)}${p.kind === 'duration' && a.from !== a.to ? `-${a.steps}` : ''}`;
}

function decodeSweepAxis(raw: string): SweepAxis | string {
  const p = PARAM_SPECS.find((s) => s.tag === raw[0]);
  const tags = PARAM_SPECS.map((s) => `${s.tag} ${s.key}`).join(', ');
  if (!p) return `is not a sweep: each axis is a parameter tag (${tags}), from-to, and for a duration -steps; axes joined by _`;
  const parts = raw.slice(1).split('-');
  if (parts.length < 2 || parts.length > 3) return `is not a sweep: after the tag ${p.tag} comes from-to${p.kind === 'duration' ? '-steps' : ''}`;
  const num = (v: string): number | null => (p.kind === 'duration' ? decodeDur(v) : /^\d{1,3}$/.test(v) ? Number(v) : null);
  const from = num(parts[0]!);
  const to = num(parts[1]!);
  if (from === null || to === null) return `is not a sweep: ${p.key} takes ${p.kind === 'duration' ? 'durations (digits, then m or s)' : 'whole numbers'}`;
  const steps = parts[2] === undefined ? null : /^\d{1,3}$/.test(parts[2]) ? Number(parts[2]) : -1;
  if (steps === -1) return 'is not a sweep: the step count must be a whole number';
  const a = sweepAxis(p.key, from, to, steps);
  return typeof a === 'string' ? `is not a valid sweep: ${a}` : a;
}

const sweepKey: KeySpec = {
  key: 'sweep', tag: 'w', scope: 'study', syntax: `${SWEEP_AXIS_SYNTAX}[,${SWEEP_AXIS_SYNTAX}]`,
  parse(raw, view) {
    const s = parseSweep(raw, 'sweep');
    if (typeof s === 'string') return s;
    view.sweep = s;
    return null;
  },
  format: (v) => (v.sweep ? formatSweep(v.sweep) : null),
  decode(raw, view) {
    const parts = raw.split('_');
    if (parts.length > 2) return 'is not a sweep: at most two axes, joined by _';
    const axes: SweepAxis[] = [];
    for (const p of parts) {
      const a = decodeSweepAxis(p);
      if (typeof a === 'string') return a;
      axes.push(a);
    }
    const s = sweepOf(axes[0]!, axes[1] ?? null);
    if (typeof s === 'string') return `is not a valid sweep: ${s}`;
    view.sweep = s;
    return null;
  },
  encode: (v) => (v.sweep ? [v.sweep.x, ...(v.sweep.y ? [v.sweep.y] : [])].map(encodeSweepAxis).join('_') : null),
};

/**
 * Every key of a view, in link order. `v` (format version) and `m` (model
 * fingerprint) describe the link itself and are handled by the parsers.
 */
export const VIEW_KEYS: readonly KeySpec[] = [
  scenarioKey, kernelKey, fixKey, ...PARAM_SPECS, modeKey, startKey, schedKey, cursorKey, axisKey, stacksKey, selKey, cmpKey, cmpkKey, sweepKey,
];

/** Keys that describe the link rather than the view. */
export const LINK_META_KEYS = ['v', 'm'] as const;

export function keySpec(key: string): KeySpec | undefined {
  return VIEW_KEYS.find((k) => k.key === key);
}

export function tagSpec(tag: string): KeySpec | undefined {
  return VIEW_KEYS.find((k) => k.tag === tag);
}

/** `r read, z sleep, ...`: the canonical tags, for messages. */
export const TAGS_HELP = VIEW_KEYS.filter((k) => k.tag !== null).map((k) => `${k.tag} ${k.key}`).join(', ');

/** The long-form keys, for messages. */
export const KEYS_HELP = VIEW_KEYS.map((k) => k.key).join(', ');
