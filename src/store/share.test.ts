import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, questionOf, startsCheckKey } from '../sim/index.ts';
import { verdictOf } from '../sim/verdictRun.ts';
import { startsCheckOf } from '../sim/verdictRun.ts';
import { createAppStore } from './index.ts';
import { currentVerdict, exportName, exportTitle, pageBase, shareUrl } from './share.ts';
import { shareText, traceJson } from './shareText.ts';
import { faultIndex, verdictKey } from './selectors.ts';

const BASE = 'https://racelanes.example/';

function atFault() {
  const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'flash-unbind', t: 'fault' });
  return store;
}

describe('share outputs', () => {
  it('the base is origin and path, without query or fragment', () => {
    expect(pageBase({ origin: 'http://127.0.0.1:4173', pathname: '/racelanes/' })).toBe('http://127.0.0.1:4173/racelanes/');
  });

  it('the link is the canonical address-bar link, with the cursor', () => {
    const s = atFault().getState();
    expect(shareUrl(s, BASE)).toMatch(/^https:\/\/racelanes\.example\/#1\.[0-9a-z]{5}\.f0\.tf$/);
    expect(`Link: ${shareUrl(s, BASE)}`.length).toBeLessThanOrEqual(72);
  });

  it('the text block uses the verdict once the worker has it', () => {
    const store = atFault();
    const s = store.getState();
    expect(currentVerdict(s)).toBeNull();
    expect(shareText(s, BASE)).not.toMatch(/^Observation/m);
    const v = verdictOf(s.view);
    store.getState().putVerdict(verdictKey(s.view, s.view.fixes, s.view.mode), { verdict: v, ms: 1 });
    const text = shareText(store.getState(), BASE);
    expect(text).toMatch(/^Observation flash-unbind Sometimes \d+ \d+$/m);
    for (const line of text.trimEnd().split('\n')) {
      expect(line.length).toBeLessThanOrEqual(72);
      expect(line).toMatch(/^[\x20-\x7e]*$/);
    }
    expect(text.trimEnd().split('\n').at(-1)).toBe(`Link: ${shareUrl(store.getState(), BASE)}`);
  });

  it('the text block says whether a timed Never holds for every unbind start once the worker has checked it', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, fixes: ['srcu-drain'], mode: 'timed' });
    const s = store.getState();
    const q = questionOf(s.view);
    const v = verdictOf(s.view);
    store.getState().putVerdict(verdictKey(s.view, s.view.fixes, s.view.mode), { verdict: v, ms: 1 });
    expect(shareText(store.getState(), BASE)).not.toMatch(/^Starts:/m);
    store.getState().putStartsCheck(startsCheckKey(q, v.verdict), { check: startsCheckOf(q, v)!, ms: 1 });
    expect(shareText(store.getState(), BASE)).toMatch(/^Starts: {3}Never for every unbind start too/m);
  });

  it('the trace JSON has trace events and the fault', () => {
    const json = JSON.parse(traceJson(atFault().getState())) as { traceEvents: { ph: string }[] };
    expect(json.traceEvents.some((e) => e.ph === 'i')).toBe(true);
  });

  it('file names and titles say what the export is', () => {
    const store = createAppStore({ ...DEFAULT_VIEW, scenario: 'qspi-unbind', fixes: ['notifier-sleep', 'srcu-drain'], mode: 'timed', t: 3 });
    const s = store.getState();
    expect(exportName(s, 'svg')).toBe('racelanes-qspi-unbind+notifier-sleep+srcu-drain-timed-step3.svg');
    expect(exportTitle(s)).toMatch(/^racelanes: qspi-unbind, notifier-sleep \+ srcu-drain, mode timed; step 3\/\d+; no fault$/);
    const f = atFault().getState();
    expect(exportTitle(f)).toContain(`step ${faultIndex(f.trace)}/`);
    expect(exportTitle(f)).toMatch(/faults \(use-after-free\)$/);
  });
});
