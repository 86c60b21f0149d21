/**
 * Links never rot. Every link in __corpus__/v1.json must decode to the view
 * recorded with it, forever. Its outcome (fault kind, fault event, event
 * count) is checked while the model is the one it was recorded with; once the
 * model changes, the link must open with the "made with model X" notice
 * instead of silently showing something else.
 *
 * After a model change, append entries for the new model (old ones stay as
 * they are; never edit or delete an entry):
 *
 *   UPDATE_CORPUS=1 npx vitest run src/sim/share/corpus.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, FIX_SETS, SCENARIO_IDS, counterexampleView, questionOf, simulate, type Trace, type ViewState } from '../index.ts';
import { verdictOf } from '../verdictRun.ts';
import { encodeView, normalizeView } from './canonical.ts';
import { decodeFragment } from './decode.ts';
import { modelFingerprint } from './fingerprint.ts';
import { linkNotices } from './notices.ts';

interface Outcome { fault: string | null; faultEvent: number; events: number }
interface Entry { link: string; model: string; view: ViewState; outcome: Outcome | null }

const FILE = new URL('./__corpus__/v1.json', import.meta.url);
const M = modelFingerprint();
const view = (v: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, fixes: [], params: {}, sched: [], ...v });

const outcome = (t: Trace): Outcome => ({
  fault: t.fault?.kind ?? null, faultEvent: t.events.findIndex((e) => e.type === 'fault'), events: t.events.length,
});

/** Views whose canonical link is recorded for every model. */
function recordedViews(): ViewState[] {
  const out: ViewState[] = [];
  for (const scenario of SCENARIO_IDS) {
    for (const fixes of FIX_SETS) out.push(view({ scenario, fixes: [...fixes] }), view({ scenario, fixes: [...fixes], mode: 'timed', t: 'fault' }));
    for (const mode of ['any', 'timed'] as const) {
      const q = view({ scenario, mode });
      const ce = verdictOf(q).counterexample;
      if (ce) out.push(counterexampleView(q, questionOf(q), ce));
    }
  }
  out.push(
    view({ scenario: 'flash-unbind', fixes: ['notifier-sleep'], params: { read: 400_000, at: 4 }, mode: 'timed', sched: [0, 0, 1], t: 'fault' }),
    view({ scenario: 'flash-unbind', fixes: ['notifier-sleep'], params: { read: 400_000, readers: 2 }, mode: 'timed', t: 57 }),
    view({ scenario: 'qspi-unbind', fixes: ['notifier-sleep'], params: { erase: 10_000, sleep: 1_000_000 }, t: 'end' }),
    view({ scenario: 'flash-unbind', params: { readers: 3 }, sched: Array.from({ length: 40 }, (_, i) => i % 3), t: 99_999 }),
    view({ scenario: 'devres-order', fixes: ['devres-group'], params: { at: 703 }, mode: 'timed', sched: [1], t: 0 }),
    view({ scenario: 'flash-unbind', mode: 'timed', start: 4, sched: [0, 0, 1], t: 'fault', axis: 'time', full: true, sel: 12 }),
    view({ scenario: 'qspi-unbind', kernel: '6.12.117', mode: 'timed', t: 'fault' }),
    view({ scenario: 'qspi-unbind', kernel: 'mainline', fixes: ['srcu-drain'], t: 'end' }),
    view({ scenario: 'flash-unbind', kernel: '6.12.117', params: { parts: 0 }, t: 'fault' }),
    view({ scenario: 'flash-unbind', fixes: ['notifier-sleep'], params: { read: 200_000, lat: 150_000 }, mode: 'timed', t: 'fault' }),
    view({ scenario: 'devres-order', kernel: 'mainline', mode: 'timed', t: 'end' }),
  );
  return out;
}

/** Hand-written long-form links, as people type them (recorded for every model too). */
const LONG = [
  '#s=flash-unbind&mode=timed&start=4us&sched=a2b&t=fault&axis=time&stacks=full&sel=12',
  '#s=flash-unbind&fix=notifier-sleep&read=400ms&readers=2&mode=timed&t=57',
  '#s=flash-unbind&fix=notifier-sleep&read=400ms&at=4us&mode=timed&sched=a2b&t=fault',
  '#s=qspi-unbind&at=0us&sched=a8b10a&t=fault',
  '#s=devres-order&fix=devres-group&mode=timed',
  'https://racelanes.example/?x=1#s=qspi-unbind&fix=srcu-drain,notifier-sleep&erase=10ms&t=end',
  's=flash-unbind;fix=none;sleep=1.5s;at=any;sched=.3b;t=end',
];

function load(): Entry[] {
  return (JSON.parse(readFileSync(FILE, 'utf8')) as { entries: Entry[] }).entries;
}

function record(entries: Entry[]): Entry[] {
  const has = (link: string, model: string) => entries.some((e) => e.link === link && e.model === model);
  const add = (link: string) => {
    const d = decodeFragment(link);
    entries.push({ link, model: M, view: d.view, outcome: outcome(simulate(d.view)) });
  };
  for (const v of recordedViews()) { const link = `#${encodeView(v)}`; if (!has(link, M)) add(link); }
  for (const link of LONG) if (!has(link, M)) add(link);
  const body = entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  writeFileSync(FILE, `{\n  "about": "racelanes link corpus: append-only; see src/sim/share/corpus.test.ts",\n  "entries": [\n${body}\n  ]\n}\n`);
  return entries;
}

/** A recorded view as it reads today: keys added to the view since it was recorded take their defaults. */
const today = (v: ViewState): ViewState => ({ ...DEFAULT_VIEW, ...v });

const entries = process.env['UPDATE_CORPUS'] ? record(load()) : load();

describe('link corpus (links never rot)', () => {
  it('holds canonical and long-form links for every scenario, including links from older models', () => {
    expect(entries.length).toBeGreaterThanOrEqual(40);
    for (const s of SCENARIO_IDS) expect(entries.some((e) => e.view.scenario === s)).toBe(true);
    expect(entries.some((e) => e.link.startsWith('#1.'))).toBe(true);
    expect(entries.some((e) => e.link.includes('s='))).toBe(true);
    expect(entries.some((e) => e.model !== M && e.link.startsWith('#1.'))).toBe(true);
  });

  it.each(entries.map((e, i) => [i, e.link, e] as const))('%i %s decodes to its recorded view', (_, link, e) => {
    const d = decodeFragment(link);
    expect(d.errors).toEqual([]);
    expect(d.view).toEqual(today(e.view));
    expect(normalizeView(d.view)).toEqual(d.view);
  });

  it('replays to the recorded outcome while the model is the one it was recorded with', () => {
    const current = entries.filter((e) => e.model === M);
    for (const e of current) expect(outcome(simulate(today(e.view))), e.link).toEqual(e.outcome);
  });

  it('opens links from another model with a notice naming both models, never silently', () => {
    const older = entries.filter((e) => e.link.startsWith('#1.') && e.model !== M);
    expect(older.length).toBeGreaterThan(0);
    for (const e of older) {
      const d = decodeFragment(e.link);
      const note = `This link was made with model ${e.model}; this is model ${M}: replaying on the current model`;
      expect(d.notices[0], e.link).toBe(note);
      expect(linkNotices(d, simulate(d.view))[0]).toBe(note);
    }
  });

  it('has entries for the current model (else run: UPDATE_CORPUS=1 npx vitest run src/sim/share/corpus.test.ts)', () => {
    const missing = [...recordedViews().map((v) => `#${encodeView(v)}`), ...LONG]
      .filter((link) => !entries.some((e) => e.link === link && e.model === M));
    expect(missing, `model ${M} has no corpus entries for these links; append them with UPDATE_CORPUS=1`).toEqual([]);
  });
});
