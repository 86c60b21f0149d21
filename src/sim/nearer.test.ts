import { describe, expect, it } from 'vitest';
import { nearerQuestions } from './nearer.ts';
import { questionOf, questionText } from './question.ts';
import { incompleteSentence } from './incomplete.ts';
import { encodeView } from './share/index.ts';
import { decodeFragment } from './share/decode.ts';
import type { ViewState } from './share/view.ts';

const viewOf = (link: string): ViewState => decodeFragment(link).view;
const CAPPED = { incomplete: true } as const;
const nearer = (link: string) => { const v = viewOf(link); return nearerQuestions(v, questionOf(v), CAPPED); };

describe('nearerQuestions', () => {
  it('points an eight-reader mode-any question with an eraser at every reader count, no eraser and the timed question', () => {
    const link = '#s=flash-unbind&fix=srcu-drain&readers=8&erase=1s&b=0&sched=a2b';
    const n = nearer(link);
    expect(n.map((x) => [x.command, x.what])).toEqual([
      ['sweep', 'every reader count from 1 to 8'], ['check', 'without the eraser'], ['check', 'timed: the given durations'],
    ]);
    const q = questionOf(viewOf(link));
    // The sweep asks this question once per reader count, 1 to 8: its cells differ from it in readers alone.
    const sweep = n[0]!.view.sweep!;
    expect(sweep.x).toMatchObject({ param: 'readers', from: 1, to: 8 });
    expect(sweep.y).toBeNull();
    expect(questionOf(n[0]!.view)).toEqual(q);
    // The others change one thing each, and no replay is carried over.
    expect(questionText(questionOf(n[1]!.view))).toBe(questionText({ ...q, params: { ...q.params, erase: null } }));
    expect(questionOf(n[2]!.view)).toEqual({ ...q, mode: 'timed' });
    for (const x of n) expect(x.view).toMatchObject({ start: null, sched: [] });
    // Each is a link of its own, which asks the same question (and the same sweep).
    for (const x of n) {
      const back = viewOf(`#${encodeView(x.view)}`);
      expect(questionOf(back)).toEqual(questionOf(x.view));
      expect(back.sweep ?? null).toEqual(x.view.sweep ?? null);
    }
  });

  it('points a timed question with a latency window at no window, and one reader with neither at nothing', () => {
    expect(nearer('#s=qspi-unbind&readers=1&mode=timed&lat=1ms').map((x) => x.what)).toEqual(['without a latency window (lat=0)']);
    expect(questionOf(nearer('#s=qspi-unbind&readers=1&mode=timed&lat=1ms')[0]!.view).params.lat).toBe(0);
    expect(nearer('#s=qspi-unbind&readers=1&mode=timed')).toEqual([]);
  });

  it('gives none under a complete answer, or one --speedcheck stopped', () => {
    const v = viewOf('#s=flash-unbind&fix=srcu-drain&readers=8');
    expect(nearerQuestions(v, questionOf(v), CAPPED)).toHaveLength(2);
    expect(nearerQuestions(v, questionOf(v), { incomplete: false })).toEqual([]);
    expect(nearerQuestions(v, questionOf(v), { incomplete: true, speedcheck: true })).toEqual([]);
  });

  it('says when the timed question is narrowed to one unbind start (at=), which mode any does not read', () => {
    const n = nearer('#s=qspi-unbind&readers=1&at=10us');
    expect(n.map((x) => x.what)).toEqual(['timed: the given durations, the unbind at 10us only']);
    expect(questionOf(n[0]!.view).params.at).toBe(10);
  });
});

describe('incompleteSentence names only what the question can still give up (as nearerQuestions makes them)', () => {
  const capped = (link: string) => {
    const q = questionOf(viewOf(link));
    const v = { verdict: 'Unknown', faulting: 0, executions: 5, counting: 'traces', approximate: false, hung: 0, states: 100, generated: 300,
      incomplete: true, maxStates: 100, memoryBytes: 0, shortest: false, counterexample: null } as const;
    return incompleteSentence(v, q)!.split('To complete it, ')[1];
  };
  const CAP = "raise the cap (--max-states N, or the page's state cap setting)";
  it.each([
    ['#s=flash-unbind&readers=3&erase=1s', `${CAP} or ask a smaller question (fewer readers or no eraser), or the narrower timed question (mode=timed: the given durations), which completes larger ones.`],
    ['#s=flash-unbind&readers=3', `${CAP} or ask a smaller question (fewer readers), or the narrower timed question (mode=timed: the given durations), which completes larger ones.`],
    ['#s=flash-unbind&readers=1', `${CAP} or the narrower timed question (mode=timed: the given durations), which completes larger ones.`],
    ['#s=flash-unbind&readers=2&erase=1s&mode=timed&lat=50us', `${CAP} or ask a smaller question (fewer readers, no eraser, a fixed at=, or no latency window: lat=0, where a woken task runs at once).`],
    ['#s=flash-unbind&readers=1&mode=timed&at=10us&lat=50us', `${CAP} or ask a smaller question (no latency window: lat=0, where a woken task runs at once).`],
    ['#s=flash-unbind&readers=1&mode=timed&at=10us', `${CAP}.`],
  ])('%s', (link, want) => expect(capped(link)).toBe(want));
});
