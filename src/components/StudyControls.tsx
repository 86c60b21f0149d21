/**
 * Two ways to study the question beyond one run: compare the run with another
 * fix set (or kernel) on the same replay, and sweep the question over one or
 * two parameters. Both write the link (`cmp=`, `cmpk=`, `sweep=`).
 */
import { useState, type FormEvent } from 'react';
import { FIX_SETS, KERNELS, SWEEP_AXIS_SYNTAX, formatSweepAxis, parseSweepAxis, sweepOf, type FixId, type KernelId } from '../sim/index.ts';
import { useApp } from '../store/index.ts';
import { fixSetLabel } from '../store/selectors.ts';

const OFF = 'off';
const setKey = (fixes: readonly FixId[]) => (fixes.length ? fixes.join('+') : 'none');

function CompareControl() {
  const view = useApp((s) => s.view);
  const setCompare = useApp((s) => s.setCompare);
  const comparing = view.cmp !== undefined && view.cmp !== null || (view.cmpk ?? null) !== null;
  const fixesB = view.cmp ?? view.fixes;
  const kernelB = view.cmpk ?? view.kernel;
  const onFixes = (value: string) => {
    if (value === OFF) { setCompare(null); return; }
    const fs = FIX_SETS.find((f) => setKey(f) === value) ?? [];
    setCompare([...fs], comparing ? kernelB : null);
  };
  return (
    <div className="study-row">
      <label>
        <span>Compare with</span>
        <select value={comparing ? setKey(fixesB) : OFF} onChange={(e) => onFixes(e.target.value)} data-testid="compare.fixes">
          <option value={OFF}>nothing</option>
          {FIX_SETS.map((f) => <option key={setKey(f)} value={setKey(f)}>{fixSetLabel(f)}</option>)}
        </select>
      </label>
      <label>
        <span>on</span>
        <select value={kernelB} onChange={(e) => setCompare(fixesB, e.target.value as KernelId)} data-testid="compare.kernel">
          {KERNELS.map((k) => <option key={k.id} value={k.id}>{k.id}</option>)}
        </select>
      </label>
    </div>
  );
}

function SweepControl() {
  const spec = useApp((s) => s.view.sweep ?? null);
  const setSweep = useApp((s) => s.setSweep);
  const [x, setX] = useState(spec ? formatSweepAxis(spec.x) : 'read:100ms..500ms:5');
  const [y, setY] = useState(spec?.y ? formatSweepAxis(spec.y) : '');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ax = parseSweepAxis(x, 'x');
    if (typeof ax === 'string') { setError(ax); return; }
    const ay = y.trim() ? parseSweepAxis(y, 'y') : null;
    if (typeof ay === 'string') { setError(ay); return; }
    const s = sweepOf(ax, ay);
    if (typeof s === 'string') { setError(s); return; }
    setError(null);
    setSweep(s);
  };
  return (
    <form className="study-row" onSubmit={submit} aria-label="Sweep">
      <label>
        <span>Sweep x</span>
        <input value={x} onChange={(e) => setX(e.target.value)} placeholder={SWEEP_AXIS_SYNTAX} spellCheck={false} data-testid="sweep.x" aria-invalid={error !== null} />
      </label>
      <label>
        <span>y</span>
        <input value={y} onChange={(e) => setY(e.target.value)} placeholder="readers:1..3 (optional)" spellCheck={false} data-testid="sweep.y" />
      </label>
      <button type="submit" data-testid="sweep.run">Sweep</button>
      {error ? <p className="param-error" role="alert" data-testid="sweep.error">{error}</p> : null}
    </form>
  );
}

export function StudyControls() {
  return (
    <fieldset className="study">
      <legend>Compare and sweep</legend>
      <CompareControl />
      <SweepControl />
    </fieldset>
  );
}
