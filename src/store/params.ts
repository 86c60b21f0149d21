/**
 * Inline validation of the parameter inputs. The messages are the link
 * parser's own (parseDuration), so the input box and a bad link say the same.
 */
import { formatDuration, parseDuration, resolveParams, type ParamOverrides, type ScenarioId } from '../sim/index.ts';

export type ParamKey = 'read' | 'sleep' | 'readers' | 'erase' | 'at';
export const PARAM_KEYS: readonly ParamKey[] = ['read', 'sleep', 'readers', 'erase', 'at'];

/** `undefined` = back to the scenario default; `null` = explicitly none / every start. */
export type ParamValue = number | null | undefined;
export type ParamParse = { readonly ok: true; readonly value: ParamValue } | { readonly ok: false; readonly message: string };

const MIN: Readonly<Record<Exclude<ParamKey, 'readers'>, number>> = { read: 1, sleep: 0, erase: 1, at: 0 };

export function parseParam(key: ParamKey, raw: string): ParamParse {
  const v = raw.trim();
  if (v === '') return { ok: true, value: undefined };
  if (key === 'readers') {
    if (!/^\d{1,3}$/.test(v) || Number(v) < 1 || Number(v) > 8) return { ok: false, message: `readers=${v.slice(0, 20)} must be a whole number from 1 to 8` };
    return { ok: true, value: Number(v) };
  }
  if (key === 'erase' && (v === 'none' || v === '0')) return { ok: true, value: null };
  if (key === 'at' && (v === 'any' || v === 'all')) return { ok: true, value: null };
  const d = parseDuration(v, key, MIN[key]);
  return typeof d === 'number' ? { ok: true, value: d } : { ok: false, message: d.message };
}

export function withParam(params: ParamOverrides, key: ParamKey, value: ParamValue): ParamOverrides {
  const next: ParamOverrides = { ...params };
  if (value === undefined) delete next[key];
  else if (key === 'erase' || key === 'at') next[key] = value;
  else if (value !== null) next[key] = value;
  return next;
}

/** What an input shows for a parameter: the override, else the scenario default. */
export function paramText(scenario: ScenarioId, params: ParamOverrides, key: ParamKey): string {
  const p = resolveParams(scenario, params);
  switch (key) {
    case 'readers': return String(p.readers);
    case 'erase': return p.erase === null ? 'none' : formatDuration(p.erase);
    case 'at': return params.at === undefined ? '' : params.at === null ? 'any' : formatDuration(params.at);
    default: return formatDuration(p[key]);
  }
}
