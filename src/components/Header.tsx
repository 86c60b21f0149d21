/** Title, scenario picker and the scenario's one-paragraph summary. */
import { SCENARIOS, SCENARIO_IDS, type ScenarioId } from '../sim/index.ts';
import { useApp } from '../store/index.ts';

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
    </header>
  );
}
