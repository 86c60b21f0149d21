/** The inputs of a run: a checkbox per fix (with where it applies), the timing mode and the parameters. */
import { FIX_RECORDS, fixCaveat, fixNotOn, type Mode } from '../sim/index.ts';
import { useApp } from '../store/index.ts';
import { ParamInputs } from './ParamInputs.tsx';
import { StudyControls } from './StudyControls.tsx';

const MODE_HELP: Record<Mode, string> = {
  any: 'no timing assumptions: any task may be arbitrarily slow',
  timed: 'durations and sleeps as given; ties still branch',
};

export function FixPanel() {
  const fixes = useApp((s) => s.view.fixes);
  const mode = useApp((s) => s.view.mode);
  const kernel = useApp((s) => s.view.kernel);
  const toggleFix = useApp((s) => s.toggleFix);
  const setMode = useApp((s) => s.setMode);
  return (
    <section className="panel fix-panel" aria-labelledby="fixes-h">
      <h2 id="fixes-h">Fixes</h2>
      <ul className="fixes">
        {FIX_RECORDS.map((f) => {
          const notOn = fixNotOn(f.id, kernel);
          const caveat = fixCaveat(f.id, kernel);
          return (
            <li key={f.id}>
              <label className="fix" title={`${f.description}\nSource: ${f.source}`}>
                <input type="checkbox" checked={fixes.includes(f.id)} onChange={() => toggleFix(f.id)} data-testid={`fix.${f.id}`} />
                <span><code>{f.id}</code> {f.title}</span>
              </label>
              {notOn ? <p className="fix-note" data-testid={`fix.${f.id}.note`}>Not on {kernel}: {notOn}.</p> : null}
              {caveat ? <p className="fix-note" data-testid={`fix.${f.id}.caveat`}>On {kernel}: {caveat}.</p> : null}
            </li>
          );
        })}
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
      <StudyControls />
    </section>
  );
}
