/** Title, scenario and kernel pickers, the scenario's one-paragraph summary, theme and help. */
import { KERNELS, SCENARIO_DEFS, kernelDef, scenarioDef } from '../sim/index.ts';
import { useApp } from '../store/index.ts';

function PageActions() {
  const theme = useApp((s) => s.theme);
  const cycleTheme = useApp((s) => s.cycleTheme);
  const setHelpOpen = useApp((s) => s.setHelpOpen);
  return (
    <div className="top-actions">
      <button type="button" onClick={cycleTheme} title="Theme: follows the system, light, dark" aria-label={`Theme: ${theme}`}>
        {theme === 'system' ? '◐' : theme === 'light' ? '☀' : '☾'}
      </button>
      <button type="button" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
    </div>
  );
}

export function Header() {
  const scenario = useApp((s) => s.view.scenario);
  const kernel = useApp((s) => s.view.kernel);
  const setScenario = useApp((s) => s.setScenario);
  const setKernel = useApp((s) => s.setKernel);
  const sc = scenarioDef(scenario);
  const k = kernelDef(kernel);
  return (
    <header className="top">
      <div className="brand">
        <h1>racelanes</h1>
        <label className="scenario-picker">
          <span>Scenario</span>
          <select value={scenario} onChange={(e) => setScenario(e.target.value)} data-testid="scenario">
            {SCENARIO_DEFS.map((d) => (
              <option key={d.id} value={d.id}>{d.id} — {d.title}</option>
            ))}
          </select>
        </label>
        <label className="scenario-picker">
          <span>Kernel</span>
          <select value={kernel} onChange={(e) => setKernel(e.target.value)} data-testid="kernel" title={k.notes}>
            {KERNELS.map((x) => <option key={x.id} value={x.id}>{x.id} — {x.title}</option>)}
          </select>
        </label>
      </div>
      <p className="summary" data-testid="summary">
        {sc.summary} <span className="kernel" title={k.notes}>Kernel {k.id}, {k.title}{k.commits.length ? ` (${k.commits.map((c) => c.id).join(', ')})` : ''}.</span>
      </p>
      <PageActions />
    </header>
  );
}
