/** Title, scenario picker, the scenario's one-paragraph summary, theme and help. */
import { SCENARIOS, SCENARIO_IDS, type ScenarioId } from '../sim/index.ts';
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
  const setScenario = useApp((s) => s.setScenario);
  const sc = SCENARIOS[scenario];
  return (
    <header className="top">
      <div className="brand">
        <h1>racelanes</h1>
        <label className="scenario-picker">
          <span>Scenario</span>
          <select value={scenario} onChange={(e) => setScenario(e.target.value as ScenarioId)} data-testid="scenario">
            {SCENARIO_IDS.map((id) => (
              <option key={id} value={id}>{id} — {SCENARIOS[id].title}</option>
            ))}
          </select>
        </label>
      </div>
      <p className="summary" data-testid="summary">
        {sc.summary} <span className="kernel">Kernel {sc.kernel}.</span>
      </p>
      <PageActions />
    </header>
  );
}
