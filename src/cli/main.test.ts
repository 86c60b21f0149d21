import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, decodeFragment, encodeView, modelFingerprint, normalizeView, parseLink } from '../sim/index.ts';
import { main } from './main.ts';

const M = modelFingerprint();
const RACE = '#s=flash-unbind&fix=notifier-sleep&read=400ms&at=10us&mode=timed&sched=a3b&t=fault';

const noStack = (s: string) => expect(s).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);

describe('racelanes link', () => {
  it('prints the canonical fragment of a long-form link, and of itself', () => {
    const r = main(['link', RACE]);
    expect(r).toEqual({ code: 0, stdout: `#1.${M}.f1t.r400m.a10.sa3b.tf\n`, stderr: '' });
    const again = main(['link', r.stdout.trim()]);
    expect(again.stdout).toBe(r.stdout);
    expect(decodeFragment(r.stdout).view).toEqual(normalizeView(parseLink(RACE).view));
  });

  it('accepts a whole URL, a pasted text block and --base', () => {
    expect(main(['link', `https://racelanes.example/#1.${M}.d4t.t9`, '--base', 'https://x.example/r/']).stdout).toBe(`https://x.example/r/#1.${M}.d4t.t9\n`);
    const block = main(['run', RACE, '--base=https://racelanes.example/']).stdout;
    expect(main(['link', block]).stdout).toBe(`#1.${M}.f1t.r400m.a10.sa3b.tf\n`);
  });

  it('--json gives the canonical and the long form', () => {
    const j = JSON.parse(main(['link', RACE, '--json']).stdout) as Record<string, unknown>;
    expect(j).toEqual({ link: `#1.${M}.f1t.r400m.a10.sa3b.tf`, long: RACE, form: 'long', model: null, notices: [] });
  });

  it('notes a link made with another model on stderr, and still succeeds', () => {
    const r = main(['link', '#1.old00.q0.t3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`#1.${M}.q0.t3\n`);
    expect(r.stderr).toBe(M === 'old00' ? '' : `racelanes: note: This link was made with model old00; this is model ${M}: replaying on the current model\n`);
  });
});

describe('racelanes run', () => {
  it('prints the text block for email, then the full Oops', () => {
    const r = main(['run', RACE, '--base', 'https://racelanes.example/']);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^Scenario: flash-unbind \(spi-nor flash unbind vs cat \/dev\/mtd0\)\n/);
    expect(out).toMatch(/^Observation flash-unbind\+notifier-sleep \w+ \d+ \d+$/m);
    expect(out).toContain('CPU2 (cat)                           CPU0 (sh)');
    expect(out).toContain(`\nLink: https://racelanes.example/#1.${M}.f1t.r400m.a10.sa3b.tf\n`);
    const [block = '', full = ''] = out.split(/\nFull report \(.*\):\n/);
    for (const l of block.split('\n')) expect(l.length).toBeLessThanOrEqual(72);
    expect(full).toContain('Call trace:\n spi_mem_exec_op+0x3e8/0x478 (P)');
    expect(full).toContain('---[ end trace 0000000000000000 ]---');
  });

  it('notes where a replay diverges', () => {
    const r = main(['run', '#s=flash-unbind&sched=a2f']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^racelanes: note: The replay diverges at decision 3: the link picks task f/);
  });

  it('--json keeps its fields, with the canonical link', () => {
    const j = JSON.parse(main(['run', RACE, '--json']).stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ scenario: 'flash-unbind', kernel: '6.14-rc7', fixes: ['notifier-sleep'], mode: 'timed', at: 10, link: `#1.${M}.f1t.r400m.a10.sa3b.tf`, long: RACE, notices: [] });
    expect(j['fault']).toMatchObject({ kind: 'use-after-free', task: 'cat' });
  });
});

describe('racelanes check', () => {
  it('prints the counterexample as a canonical link that replays to the fault', () => {
    const r = main(['check', '#s=qspi-unbind']);
    expect(r.code).toBe(0);
    const m = new RegExp(`^Counterexample: (#1\\.${M}\\.q0\\.(?:b\\d+m?\\.)?s[a-z0-9]+\\.tf)$`, 'm').exec(r.stdout);
    expect(m).not.toBeNull();
    expect(m![1]!.length).toBeLessThanOrEqual(41);
    const replay = JSON.parse(main(['run', m![1]!, '--json']).stdout) as { fault: { kind: string } | null };
    expect(replay.fault).not.toBeNull();
    const j = JSON.parse(main(['check', '#s=qspi-unbind', '--json']).stdout) as Record<string, unknown>;
    expect(j['counterexample']).toBe(m![1]);
    expect(j['verdict']).toBe('Sometimes');
  });

  it.each(['#s=flash-unbind&mode=timed', '#s=qspi-unbind', '#s=flash-unbind&fix=notifier-sleep&read=400ms&mode=timed'])(
    'a counterexample link of %s answers the same question: same verdict, same counts; run replays its fault',
    (link) => {
      const a = JSON.parse(main(['check', link, '--json']).stdout) as Record<string, unknown>;
      expect(a['counterexample']).toMatch(/^#1\./);
      const ce = a['counterexample'] as string;
      // The replay's start is a property of the replay (b), never the question's at (a).
      expect(ce).not.toMatch(/\.a\d/);
      const b = JSON.parse(main(['check', ce, '--json']).stdout) as Record<string, unknown>;
      for (const k of ['question', 'verdict', 'faulting', 'executions', 'states', 'counterexample']) expect(b[k], k).toEqual(a[k]);
      const run = JSON.parse(main(['run', ce, '--json']).stdout) as { fault: unknown; notices: string[] };
      expect(run.fault).not.toBeNull();
      expect(run.notices).toEqual([]);
    },
  );

  it('states its question in the text too, and the same verdict as --json', () => {
    const text = main(['check', '#s=flash-unbind&mode=timed']).stdout;
    const j = JSON.parse(main(['check', '#s=flash-unbind&mode=timed', '--json']).stdout) as { question: { text: string }; verdict: string };
    expect(text).toContain(`Question ${j.question.text}`);
    expect(j.question.text).toBe('flash-unbind on 6.14-rc7, no fix, mode=timed: read=5ms sleep=300ms readers=1 erase=none parts=2 lat=0us; unbind at every start');
    expect(text).toMatch(new RegExp(`^Observation flash-unbind ${j.verdict} \\d+ \\d+$`, 'm'));
  });

  it('a search stopped by the state cap with no fault is Unknown, never Never', () => {
    const link = '#s=flash-unbind&fix=srcu-drain&readers=3';
    const j = JSON.parse(main(['check', link, '--json', '--max-states', '2000']).stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ verdict: 'Unknown', incomplete: true, lowerBound: true, faulting: 0, maxStates: 2000 });
    expect(j['note']).toMatch(/^Unknown: the search stopped at the state cap \(2,000 states\).*This is not Never/);
    const text = main(['check', link, '--max-states=2000']).stdout;
    expect(text).toMatch(/^Observation flash-unbind\+srcu-drain Unknown 0 \d+ \(incomplete: stopped at \d+ states; counts are lower bounds\)$/m);
    expect(text).toMatch(/^Executions at least \d+/m);
    expect(text).not.toMatch(/^Observation .* Never/m);
  });

  it('reports progress of a long search on stderr, unless --quiet', () => {
    // A fake clock: every reading is 400 ms later, so the search "runs" for seconds.
    const clock = () => { let t = 0; return () => (t += 400); };
    const args = ['check', '#s=flash-unbind&fix=srcu-drain&readers=3', '--max-states', '200000'];
    const lines: string[] = [];
    const r = main(args, { progress: (l) => lines.push(l), now: clock() });
    expect(r.code).toBe(0);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^racelanes: searching: \d+ states \(\d+ generated\), \d+\.\d s\n$/);
    const quiet: string[] = [];
    main([...args, '--quiet'], { progress: (l) => quiet.push(l), now: clock() });
    expect(quiet).toEqual([]);
  });

  it('has no counterexample when the fix holds', () => {
    const r = main(['check', `#${encodeView({ ...DEFAULT_VIEW, scenario: 'flash-unbind', fixes: ['srcu-drain'], mode: 'timed' })}`]);
    expect(r.stdout).toMatch(/^Observation flash-unbind\+srcu-drain Never 0 \d+$/m);
    expect(r.stdout).not.toMatch(/Counterexample/);
  });
});

describe('racelanes trace', () => {
  it('prints Chrome trace-event JSON', () => {
    const j = JSON.parse(main(['trace', RACE]).stdout) as { traceEvents: { ph: string; name: string }[] };
    expect(j.traceEvents.some((e) => e.ph === 'i' && e.name === 'Oops: use-after-free')).toBe(true);
  });
});

describe('bad input', () => {
  it.each([
    [['check', '#s=nope'], /unknown scenario "nope"/],
    [['run', '#1.abcde.f9'], /fix set as one digit 0-7/],
    [['link', '#2.abcde.f1'], /link format 2; this racelanes reads formats up to 1/],
    [['link', '#s=<script>alert(1)</script>'], /unknown scenario "\?script\?alert\(1\)\?\/script/],
    [['link', 'no link\nhere'], /no link found/],
    [['frobnicate', '#s=qspi-unbind'], /unknown command "frobnicate"/],
    [['run'], /missing the link/],
    [['run', '#s=qspi-unbind', 'extra'], /unexpected argument "extra"/],
    [['run', '#s=qspi-unbind', '--base', 'javascript:alert(1)'], /--base needs an http\(s\) URL/],
    [[], /unknown command \(none\)/],
  ])('%j exits 2 with a message on stderr and no stack trace', (argv, msg) => {
    const r = main(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/<script/);
    noStack(r.stderr);
  });

  it('--help exits 0', () => {
    expect(main(['--help'])).toMatchObject({ code: 0, stderr: '' });
  });
});
