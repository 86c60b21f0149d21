/** The inputs of a run: a checkbox per fix, the timing mode and the parameters. */
import { FIXES, FIX_IDS, type Mode } from '../sim/index.ts';
import { useApp } from '../store/index.ts';
import { ParamInputs } from './ParamInputs.tsx';

const MODE_HELP: Record<Mode, string> = {
  any: 'no timing assumptions: any task may be arbitrarily slow',
  timed: 'durations and sleeps as given; ties still branch',
};

export function FixPanel() {
  const fixes = useApp((s) => s.view.fixes);
  const mode = useApp((s) => s.view.mode);
  const toggleFix = useApp((s) => s.toggleFix);
  const setMode = useApp((s) => s.setMode);
  return (
    <section className="panel fix-panel" aria-labelledby="fixes-h">
      <h2 id="fixes-h">Fixes</h2>
      <ul className="fixes">
        {FIX_IDS.map((id) => (
          <li key={id}>
            <label className="fix">
              <input type="checkbox" checked={fixes.includes(id)} onChange={() => toggleFix(id)} data-testid={`fix.${id}`} />
              <span><code>{id}</code> {FIXES[id].title}</span>
            </label>
          </li>
        ))}
      </ul>
      <fieldset className="mode">
        <legend>Timing mode</legend>
        {(['any', 'timed'] as const).map((m) => (
          <label key={m} title={MODE_HELP[m]}>
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`mode.${m}`} />
            <code>{m}</code> <span className="muted">{MODE_HELP[m]}</span>
          </label>
        ))}
      </fieldset>
      <ParamInputs />
    </section>
  );
}
