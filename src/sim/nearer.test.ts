import { describe, expect, it } from 'vitest';
import { nearerQuestions } from './nearer.ts';
import { questionOf, questionText } from './question.ts';
import { encodeView } from './share/index.ts';
import { decodeFragment } from './share/decode.ts';
import type { ViewState } from './share/view.ts';

const viewOf = (link: string): ViewState => decodeFragment(link).view;
const nearer = (link: string) => { const v = viewOf(link); return nearerQuestions(v, questionOf(v)); };

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

  it('says when the timed question is narrowed to one unbind start (at=), which mode any does not read', () => {
    const n = nearer('#s=qspi-unbind&readers=1&at=10us');
    expect(n.map((x) => x.what)).toEqual(['timed: the given durations, the unbind at 10us only']);
    expect(questionOf(n[0]!.view).params.at).toBe(10);
  });
});
