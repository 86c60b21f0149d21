/**
 * The parameter inputs, read from the one key table (src/sim/share/keys.ts):
 * the same rules and messages as a link with that key.
 */
import { PARAM_KEYS, paramByKey, withParam, type ParamKey, type ParamOverrides, type ParamValue, type ScenarioId } from '../sim/index.ts';

export { PARAM_KEYS, withParam, type ParamKey, type ParamValue };

export type ParamParse = { readonly ok: true; readonly value: ParamValue } | { readonly ok: false; readonly message: string };

export function parseParam(key: ParamKey, raw: string): ParamParse {
  return paramByKey(key).value(raw);
}


/** What an input shows for a parameter: the override, else the scenario default (`at`: empty = the explored starts). */
export function paramText(scenario: ScenarioId, params: ParamOverrides, key: ParamKey): string {
  return paramByKey(key).text(scenario, params);
}

/** The input's hint. */
export function paramHint(key: ParamKey): string {
  return paramByKey(key).hint;
}
