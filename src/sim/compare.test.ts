import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW, FIX_IDS, UNCOUNTED_REPLAY, KERNEL_IDS, SCENARIO_IDS, compareSides, compareViews, decodeLink, divergence, encodeView, simulate, startsCheckText, stepIdentity, type Trace, type ViewState,
} from './index.ts';
import { verdictOf } from './verdictRun.ts';
import { compareText } from './share/compareText.ts';
import { parseTextBlock } from './share/paste.ts';
import { startsCheckOf } from './verdictRun.ts';

const view = (v: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, fixes: [], params: {}, sched: [], ...v });

/** The first event of B's run whose step a fix brought (the step or a frame of its stack is marked with the fix), or -1. */
function firstFixStep(trace: Trace, fix: string): number {
  return trace.events.findIndex((e) => {
    const s = trace.program.tasks[e.task]!.steps[e.pc]!;
    return s.fix === fix || s.stack.some((f) => f.fix === fix);
  });
}

/** The definition itself: equal identities before the step, a difference (or an end) at it. */
function checkDefinition(a: Trace, b: Trace, step: number | null): void {
  const n = step ?? Math.max(a.events.length, b.events.length);
  for (let i = 0; i < n; i++) expect(stepIdentity(a, a.events[i]!), `step ${i}`).toBe(stepIdentity(b, b.events[i]!));
  if (step === null) { expect(a.events.length).toBe(b.events.length); return; }
  const ea = a.events[step];
  const eb = b.events[step];
  expect(ea === undefined || eb === undefined || stepIdentity(a, ea) !== stepIdentity(b, eb)).toBe(true);
}

describe('compareViews: where two runs part', () => {
  const cases = SCENARIO_IDS.flatMap((scenario) => KERNEL_IDS.flatMap((kernel) => FIX_IDS.flatMap((fix) =>
    (['any', 'timed'] as const).map((mode) => [scenario, kernel, fix, mode] as const))));

  it.each(cases)('%s on %s, no fix vs %s (%s): the runs part exactly at the first step the fix brings, never before', (scenario, kernel, fix, mode) => {
    const c = compareViews(view({ scenario, kernel, mode, cmp: [fix] }));
    const first = firstFixStep(c.b.trace, fix);
    // A fix changes nothing before its first step: the runs must part exactly there (or never, where it adds no step).
    expect(c.diverge?.step ?? -1).toBe(first);
    checkDefinition(c.a.trace, c.b.trace, c.diverge?.step ?? null);
    if (c.diverge) {
      expect(c.diverge.a.event).toBe(c.a.trace.events[c.diverge.step]);
      expect(c.diverge.b.event).toBe(c.b.trace.events[c.diverge.step]);
      expect(c.diverge.description).toBe(`step ${c.diverge.step}: A ${c.diverge.a.text}; B ${c.diverge.b.text}`);
    }
  });

  it('side A is the link (fix=, k=), side B its cmp= fixes on its cmpk= kernel, both with the same question, start and schedule', () => {
    const v = view({ scenario: 'flash-unbind', kernel: '6.12.117', fixes: ['notifier-sleep'], params: { read: 400_000 }, mode: 'timed', start: 10, sched: [0, 0, 0, 1], cmp: ['srcu-drain'], cmpk: 'mainline' });
    const c = compareViews(v);
    expect(c.a.question).toMatchObject({ scenario: 'flash-unbind', kernel: '6.12.117', fixes: ['notifier-sleep'], mode: 'timed' });
    expect(c.b.question).toMatchObject({ scenario: 'flash-unbind', kernel: 'mainline', fixes: ['srcu-drain'], mode: 'timed' });
    expect(c.b.question.params).toEqual(c.a.question.params);
    expect(c.a.trace.events).toEqual(simulate(v).events);
    expect(c.b.trace.events).toEqual(simulate({ ...v, fixes: ['srcu-drain'], kernel: 'mainline' }).events);
    for (const s of [c.a, c.b]) {
      expect(s.view.cmp).toBeUndefined();
      expect(s.view.sched).toEqual([0, 0, 0, 1]);
      expect(s.view.start).toBe(10);
    }
  });

  it('B keeps A\'s fixes when only cmpk= is given; a comparison with itself never diverges', () => {
    const sides = compareSides(view({ scenario: 'qspi-unbind', fixes: ['devres-group'], cmpk: 'mainline' }))!;
    expect(sides.b).toMatchObject({ fixes: ['devres-group'], kernel: 'mainline' });
    expect(compareSides(view({}))).toBeNull();
    const same = compareViews(view({ scenario: 'flash-unbind', fixes: ['srcu-drain'], cmp: ['srcu-drain'] }));
    expect(same.diverge).toBeNull();
    expect(same.b.trace.events).toEqual(same.a.trace.events);
    // A view without a comparison compares with itself.
    expect(compareViews(view({ scenario: 'devres-order' })).diverge).toBeNull();
  });

  it('kernels: the runs part where the kernels\' code first differs', () => {
    const c = compareViews(view({ scenario: 'qspi-unbind', cmp: [], cmpk: 'mainline' }));
    expect(c.diverge).not.toBeNull();
    checkDefinition(c.a.trace, c.b.trace, c.diverge!.step);
    expect(c.diverge!.a.decision).toBe(c.a.trace.decisions.filter((d) => d.event < c.diverge!.step).length);
  });

  it('a run that is a prefix of the other parts where it ends; a fault parts from the same access without one', () => {
    const a = simulate(view({ scenario: 'flash-unbind' }));
    expect(a.fault).not.toBeNull();
    const cut: Trace = { ...a, events: a.events.slice(0, 50), fault: null, report: null };
    const d = divergence(a, cut)!;
    expect(d.step).toBe(50);
    expect(d.b).toMatchObject({ event: null, text: '(the run has ended after 50 steps)' });
    const f = a.events.findIndex((e) => e.type === 'fault');
    const quiet: Trace = { ...a, events: a.events.map((e) => (e.type === 'fault' ? { ...e, type: 'res.use' as const } : e)), fault: null, report: null };
    const q = divergence(a, quiet)!;
    expect(q.step).toBe(f);
    expect(q.a.text).toMatch(/\*\*\* use-after-free: /);
    expect(divergence(a, a)).toBeNull();
  });

  it('says when B cannot follow the schedule', () => {
    // There is no task f (5): neither side can follow the schedule, and both say so.
    const v = view({ scenario: 'flash-unbind', sched: [5], cmp: ['srcu-drain'] });
    const c = compareViews(v);
    expect(c.notes.some((n) => /^A cannot follow the schedule from decision 1 on/.test(n))).toBe(true);
    expect(c.notes.some((n) => /^B cannot follow the schedule from decision 1 on/.test(n))).toBe(true);
  });
});

describe('compareText: the comparison block for email', () => {
  const links = [
    '#s=flash-unbind&fix=notifier-sleep&read=400ms&mode=timed&start=10us&sched=a3b&cmp=notifier-sleep,srcu-drain',
    '#s=qspi-unbind&cmpk=mainline',
    '#s=flash-unbind&readers=3&cmp=srcu-drain',
    '#s=devres-order&fix=devres-group&cmp=devres-group',
  ];

  it.each(links)('%s: 72 columns, printable ASCII, both verdicts, the shared interleaving, both outcomes and the link', (l) => {
    const v = decodeLink(l).view;
    const c = compareViews(v);
    const va = verdictOf(c.a.question, { maxStates: 20_000 });
    const vb = verdictOf(c.b.question, { maxStates: 20_000 });
    const link = `https://racelanes.example/#${encodeView(v)}`;
    const text = compareText(c, { a: va, b: vb }, link);
    const lines = text.trimEnd().split('\n');
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(72);
      expect(line).toMatch(/^[\x20-\x7e]*$/);
      expect(line).toBe(line.trimEnd());
    }
    expect(lines.filter((x) => x.startsWith('Observation '))).toHaveLength(2);
    expect(lines).toContain(`Link: ${link}`);
    expect(lines.some((x) => /^A: {8}(no fix|[a-z-]+( [a-z-]+)*) on \S+$/.test(x))).toBe(true);
    if (c.diverge) {
      expect(text).toContain(`Diverge:  at step ${c.diverge.step} (`);
      expect(text).toContain(`At step ${c.diverge.step} they part:`);
    } else expect(text).toMatch(/Diverge: {2}never: A and B run the same \d+ steps/);
    const outcomes = lines.filter((x) => /^[AB]: {8}(\S+ at step \d+\/\d+ \(|no fault in \d+ steps)/.test(x));
    expect(outcomes).toHaveLength(2);
    expect(text).not.toContain('Starts:');
    // Pasted back, the block opens the comparison.
    const frag = parseTextBlock(text)!;
    expect(decodeLink(frag).view).toEqual(v);
  });

  it('says which side\'s replay is not an order its verdict counts (a timed start between two steps of the others)', () => {
    const late = view({ scenario: 'qspi-unbind', mode: 'timed', start: 4985, cmp: ['srcu-drain'] });
    const text = compareText(compareViews(late), null, `#${encodeView(late)}`).replace(/\s+/g, ' ');
    expect(text).toContain(`A: ${UNCOUNTED_REPLAY}`);
    const early = view({ scenario: 'qspi-unbind', mode: 'timed', cmp: ['srcu-drain'] });
    expect(compareText(compareViews(early), null, `#${encodeView(early)}`)).not.toContain('not an order');
  });

  it('puts each side\'s check over every unbind start on a Starts line right under its verdict', () => {
    const v = decodeLink('#s=qspi-unbind&mode=timed&cmp=srcu-drain').view;
    const c = compareViews(v);
    const va = verdictOf(c.a.question);
    const vb = verdictOf(c.b.question);
    const sb = startsCheckOf(c.b.question, vb)!;
    expect([va.verdict, vb.verdict, sb.holds]).toEqual(['Sometimes', 'Never', true]);
    const lines = compareText(c, { a: va, b: vb }, `#${encodeView(v)}`, { a: null, b: sb }).split('\n');
    const at = lines.findIndex((l) => l.startsWith('Observation qspi-unbind+srcu-drain Never'));
    expect(lines.slice(at + 1, at + 4).join(' ').replace(/ {2,}/g, ' ')).toBe(`Starts: ${startsCheckText(vb, sb)}`);
    expect(lines.filter((l) => l.startsWith('Starts:'))).toHaveLength(1);
  });

  it('shows the interleaving up to the divergence only', () => {
    const v = decodeLink(links[1]!).view;
    const c = compareViews(v);
    const text = compareText(c, null, `#${encodeView(v)}`);
    expect(text).not.toMatch(/^Observation/m);
    const shared = text.split('\nAt step ')[0]!;
    // Nothing of the part after the divergence: no fault, no step of A past it.
    expect(shared).not.toMatch(/\*\*\*/);
    expect(shared).toContain(`Same on A and B up to step ${c.diverge!.step}:`);
  });
});
