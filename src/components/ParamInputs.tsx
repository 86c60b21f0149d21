/**
 * Parameter inputs with units. Values apply on Enter or when focus leaves;
 * a bad value shows the link parser's own message next to the field.
 */
import { useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useApp } from '../store/index.ts';
import { paramHint, paramText, type ParamKey, PARAM_KEYS } from '../store/params.ts';


function ParamField({ k }: { k: ParamKey }) {
  const scenario = useApp((s) => s.view.scenario);
  const params = useApp((s) => s.view.params);
  const error = useApp((s) => s.paramErrors[k]);
  const setParam = useApp((s) => s.setParam);
  const clearError = useApp((s) => s.clearParamError);
  const shown = paramText(scenario, params, k);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = (raw: string) => {
    if (setParam(k, raw)) setDraft(null);
  };
  const id = `param-${k}`;
  return (
    <div className={`param${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{k}</label>
      <input
        id={id} type="text" inputMode="text" spellCheck={false} autoComplete="off"
        value={draft ?? shown}
        placeholder={k === 'at' ? 'default' : ''}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={(e: FocusEvent<HTMLInputElement>) => { if (draft !== null) commit(e.target.value); }}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
          if (e.key === 'Escape') { setDraft(null); clearError(k); }
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-msg`}
        data-testid={`param.${k}`}
      />
      <span id={`${id}-msg`} className={error ? 'param-error' : 'param-hint'} role={error ? 'status' : undefined}>
        {error ?? paramHint(k)}
      </span>
    </div>
  );
}

export function ParamInputs() {
  return (
    <fieldset className="params">
      <legend>Parameters</legend>
      {PARAM_KEYS.map((k) => <ParamField key={k} k={k} />)}
    </fieldset>
  );
}
