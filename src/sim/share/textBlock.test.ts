import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, FIX_SETS, SCENARIO_IDS, UNCOUNTED_REPLAY, herdLine, questionOf, simulate, type ViewState } from '../index.ts';
import { verdictOf } from '../verdictRun.ts';
import { toAscii, wrap } from './ascii.ts';
import { encodeView, normalizeView } from './canonical.ts';
import { HEADER_NOTICE, decodeFragment } from './decode.ts';
import { parseTextBlock } from './paste.ts';
import { textBlock } from './textBlock.ts';
import { startsCheckOf } from '../verdictRun.ts';

const BASE = 'https://racelanes.example/#';
const view = (v: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, fixes: [], params: {}, sched: [], ...v });
/** The block as the CLI's `run` writes it: with the verdict and, where there is one, its check over every unbind start. */
const block = (v: ViewState, withVerdict = true) => {
  const q = questionOf(v);
  const verdict = withVerdict ? verdictOf(v) : null;
  return textBlock(simulate(v), q, verdict, `${BASE}${encodeView(v)}`, verdict ? startsCheckOf(q, verdict) : null);
};

const RACE = view({ scenario: 'flash-unbind', fixes: ['notifier-sleep'], params: { read: 400_000, at: 10 }, mode: 'timed', sched: [0, 0, 0, 1], t: 'fault' });

const ALL: ViewState[] = [
  ...SCENARIO_IDS.flatMap((scenario) => FIX_SETS.flatMap((fixes) => (['any', 'timed'] as const).map((mode) => view({ scenario, fixes: [...fixes], mode })))),
  view({ scenario: 'flash-unbind', params: { readers: 2 }, fixes: ['notifier-sleep'] }),
  view({ scenario: 'qspi-unbind', params: { readers: 2, erase: 20_000 } }),
  view({ scenario: 'flash-unbind', params: { readers: 4, read: 400_000 }, mode: 'timed', fixes: ['notifier-sleep'] }),
  view({ scenario: 'qspi-unbind', params: { readers: 8, erase: 1_000 } }),
  RACE,
];

describe('Copy as text', () => {
  it('fits mail: every line at most 72 columns, printable ASCII, no tabs, no trailing spaces', () => {
    for (const v of ALL) {
      const text = block(v, v.params.readers === undefined);
      expect(text.endsWith('\n')).toBe(true);
      for (const line of text.slice(0, -1).split('\n')) {
        expect(line.length, `${encodeView(v)}: ${line}`).toBeLessThanOrEqual(72);
        expect(line).toMatch(/^[\x20-\x7e]*$/);
        expect(line).not.toMatch(/ $/);
      }
    }
  });

  it('has the header, the herd verdict, the columns, the Oops lines and the Link line', () => {
    const text = block(RACE);
    const lines = text.trimEnd().split('\n');
    const v = verdictOf(RACE);
    expect(lines.slice(0, 8)).toEqual([
      'Scenario: flash-unbind (spi-nor flash unbind vs cat /dev/mtd0)',
      'Kernel:   6.14-rc7',
      'Fixes:    notifier-sleep',
      'Params:   read=400ms sleep=300ms readers=1 erase=none parts=2 lat=0us',
      '          mode=timed',
      'Covers:   only the unbind start at=10us',
      herdLine(questionOf(RACE), v),
      expect.stringMatching(/^Replay: {3}unbind at 10us; sched a3b; fault at step \d+\/\d+; model [0-9a-z]{5}$/),
    ]);
    const head = lines.indexOf('CPU2 (cat)                           CPU0 (sh)');
    expect(head).toBeGreaterThan(8);
    expect(lines[head + 1]).toBe(`${'='.repeat(35)}  ${'='.repeat(35)}`);
    expect(lines).toContain('Unable to handle kernel paging request at virtual address');
    expect(lines).toContain('pc : spi_mem_exec_op+0x3e8/0x478');
    expect(lines[lines.length - 1]).toBe(`Link: ${BASE}${encodeView(RACE)}`);
  });

  it('shows the steps that matter, each in its task column, and not the micro-steps', () => {
    const lines = block(RACE).split('\n');
    const reader = (s: string) => lines.some((l) => l.startsWith(`  ${s}`));
    const unbind = (s: string) => lines.some((l) => l.startsWith(`${' '.repeat(37)}  ${s}`));
    expect(reader('if (nor->mtd.mtd_event_remove)')).toBe(true);
    expect(lines).toContain('    -> passes (stale)');
    expect(reader('mutex_lock(&nor->lock)')).toBe(true);
    // Where the duration does not fit beside the C, it gets a line of its own.
    const io = lines.findIndex((l) => l === '  ioread32_rep(ahb_base, ...)');
    expect(lines[io + 1]).toBe('    (400ms)');
    expect(unbind('nor->mtd.mtd_event_remove = true')).toBe(true);
    expect(unbind('msleep(300) (300ms)')).toBe(true);
    expect(unbind('kfree(dr) /* struct spi_mem */')).toBe(true);
    expect(lines).toContain(`${' '.repeat(37)}spi_nor_remove_notifier_call()`);
    expect(reader('*** use-after-free')).toBe(true);
    expect(lines).toContain('... ~300ms later ...');
    // Micro-steps: plain CPU work and accesses that cannot race are left out.
    expect(lines.some((l) => l.includes('copy_to_user'))).toBe(false);
    expect(lines.some((l) => l.includes('kfree(nor->bouncebuf)'))).toBe(false);
  });

  it('leaves the verdict out when there is none', () => {
    expect(block(RACE, false)).not.toMatch(/^Observation /m);
    expect(block(RACE, true)).toMatch(/^Observation flash-unbind\+notifier-sleep (Sometimes|Always|Never) \d+ \d+$/m);
  });

  it('uses three columns for three tasks and one tagged column beyond', () => {
    const three = block(view({ scenario: 'flash-unbind', params: { readers: 2 } }), false).split('\n');
    // Several readers are told apart: cat#1, cat#2, with their pids.
    expect(three).toContain(`CPU2 (cat#1 459)${' '.repeat(8)}CPU1 (cat#2 460)${' '.repeat(8)}CPU0 (sh)`);
    expect(three).toContain(['='.repeat(22), '='.repeat(22), '='.repeat(22)].join('  '));
    const five = block(view({ scenario: 'flash-unbind', params: { readers: 4 } }), false).split('\n');
    expect(five).toContain(`Task              Step`);
    expect(five.some((l) => /^CPU0 \(sh\) +\S/.test(l))).toBe(true);
    expect(five.some((l) => /^CPU\d \(cat#4 462\) {2}\S/.test(l))).toBe(true);
  });

  it('a block whose Link: line was cut restores the view from its header: the question, the start and the schedule', () => {
    const views = [
      RACE, ...ALL, view({ scenario: 'flash-unbind', mode: 'timed', start: 1234, sched: [1, -1, 0], t: 'fault' }),
      // A latency window after a fixed start on the Covers line; a replay the verdict does not count on the Replay line.
      view({ scenario: 'qspi-unbind', mode: 'timed', params: { lat: 50, at: 24 }, t: 'fault' }),
      view({ scenario: 'qspi-unbind', mode: 'timed', start: 4985, t: 'fault' }),
    ];
    for (const v of views) {
      const text = block(v, v.params.readers === undefined);
      const cut = text.split('\n').filter((l) => !l.startsWith('Link:')).join('\n');
      const quoted = cut.split('\n').map((l) => `> ${l}`).join('\n');
      for (const pasted of [cut, quoted]) {
        const d = decodeFragment(pasted);
        expect(d.errors, pasted).toEqual([]);
        expect(d.notices[0]).toBe(HEADER_NOTICE);
        const want = normalizeView(v);
        const t = simulate(v).fault ? 'fault' : null;
        expect(d.view, encodeView(v)).toEqual({ ...want, t });
        expect(questionOf(d.view)).toEqual(questionOf(v));
        expect(simulate(d.view).events.length).toBe(simulate(v).events.length);
      }
    }
    expect(decodeFragment('Scenario: nothing here\nand no link').errors[0]!.message).toMatch(/no link found/);
  });

  it('says when the replay is not an order the verdict counts (a timed start between two steps of the others)', () => {
    // Words joined across the header's wrapped lines.
    const flat = (v: ViewState) => block(v).replace(/\s+/g, ' ');
    expect(flat(view({ scenario: 'qspi-unbind', mode: 'timed', start: 4985 }))).toContain(UNCOUNTED_REPLAY);
    expect(flat(view({ scenario: 'qspi-unbind', mode: 'timed' }))).not.toContain(UNCOUNTED_REPLAY);
  });

  it('says under a complete timed Never whether it holds for every unbind start, and nothing where there is nothing to check', () => {
    const flat = (v: ViewState) => block(v).replace(/\s+/g, ' ');
    expect(flat(view({ scenario: 'qspi-unbind', fixes: ['srcu-drain'], mode: 'timed' })))
      .toMatch(/Observation qspi-unbind\+srcu-drain Never 0 \d+ Starts: Never for every unbind start too, not only the unbind starting at 0 or right after a step of another task: checked with the start kept symbolic \([\d,]+ states\)\. Replay:/);
    for (const v of [view({ scenario: 'qspi-unbind', mode: 'timed' }), view({ scenario: 'qspi-unbind', fixes: ['srcu-drain'] })]) expect(flat(v)).not.toContain('Starts:');
  });

  it('pastes back: the block, the Link line alone, quoted, or with the URL wrapped by a mail client', () => {
    for (const v of [RACE, ...ALL.slice(0, 8)]) {
      const text = block(v, false);
      const want = normalizeView(v);
      const url = `${BASE}${encodeView(v)}`;
      const wrapped = text.replace(`Link: ${url}`, `Link: ${url.slice(0, 40)}\n${url.slice(40)}`);
      const onNextLine = text.replace(`Link: ${url}`, `Link:\n${url.slice(0, 30)}=\n${url.slice(30)}\nThanks,\nBob`);
      const quoted = text.split('\n').map((l) => `> ${l}`).join('\n');
      for (const pasted of [text, quoted, `> > Link: ${url}`, wrapped, onNextLine, `${quoted}\n\nI think this is wrong.`]) {
        expect(parseTextBlock(pasted), pasted).toBe(encodeView(v));
        expect(decodeFragment(pasted).view).toEqual(want);
      }
    }
    expect(parseTextBlock('no link here\nat all')).toBeNull();
    expect(decodeFragment('no link here\nat all').errors[0]!.message).toMatch(/no link found/);
    expect(parseTextBlock(`see\n  https://racelanes.example/#s=flash-unbind&t=3\nfor details`)).toBe('s=flash-unbind&t=3');
  });
});

describe('ASCII helpers', () => {
  it('transliterate what mail would mangle', () => {
    expect(toAscii('50\u00b5s \u2014 a\u2192b \u201cq\u201d caf\u00e9 na\u00efve\ttab \u4e2d \u0000')).toBe('50us -- a->b "q" cafe naive    tab ? ?');
  });

  it('wrap words to width, chopping what cannot be wrapped', () => {
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', '  ccc']);
    expect(wrap('x'.repeat(10), 4, '  ')).toEqual(['xxxx', '  xx', '  xx', '  xx']);
  });
});
