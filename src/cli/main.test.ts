import { describe, expect, it } from 'vitest';
import { decodeFragment, encodeView, modelFingerprint, normalizeView, parseLink } from '../sim/index.ts';
import { main } from './main.ts';

const M = modelFingerprint();
const RACE = '#s=flash-unbind&fix=notifier-sleep&read=400ms&at=4us&mode=timed&sched=a2b&t=fault';

const noStack = (s: string) => expect(s).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);

describe('racelanes link', () => {
  it('prints the canonical fragment of a long-form link, and of itself', () => {
    const r = main(['link', RACE]);
    expect(r).toEqual({ code: 0, stdout: `#1.${M}.f1t.r400m.a4.sa2b.tf\n`, stderr: '' });
    const again = main(['link', r.stdout.trim()]);
    expect(again.stdout).toBe(r.stdout);
    expect(decodeFragment(r.stdout).view).toEqual(normalizeView(parseLink(RACE).view));
  });

  it('accepts a whole URL, a pasted text block and --base', () => {
    expect(main(['link', `https://racelanes.example/#1.${M}.d4t.t9`, '--base', 'https://x.example/r/']).stdout).toBe(`https://x.example/r/#1.${M}.d4t.t9\n`);
    const block = main(['run', RACE, '--base=https://racelanes.example/']).stdout;
    expect(main(['link', block]).stdout).toBe(`#1.${M}.f1t.r400m.a4.sa2b.tf\n`);
  });

  it('--json gives the canonical and the long form', () => {
    const j = JSON.parse(main(['link', RACE, '--json']).stdout) as Record<string, unknown>;
    expect(j).toEqual({ link: `#1.${M}.f1t.r400m.a4.sa2b.tf`, long: RACE, form: 'long', model: null, notices: [] });
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
    expect(out).toContain('CPU2 (cat)                           CPU3 (sh)');
    expect(out).toContain(`\nLink: https://racelanes.example/#1.${M}.f1t.r400m.a4.sa2b.tf\n`);
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
    expect(j).toMatchObject({ scenario: 'flash-unbind', fixes: ['notifier-sleep'], mode: 'timed', at: 4, link: `#1.${M}.f1t.r400m.a4.sa2b.tf`, long: RACE, notices: [] });
    expect(j['fault']).toMatchObject({ kind: 'use-after-free', task: 'cat' });
  });
});

describe('racelanes check', () => {
  it('prints the counterexample as a canonical link that replays to the fault', () => {
    const r = main(['check', '#s=qspi-unbind']);
    expect(r.code).toBe(0);
    const m = new RegExp(`^Counterexample: (#1\\.${M}\\.q0\\.a\\d+m?\\.s[a-z0-9]+\\.tf)$`, 'm').exec(r.stdout);
    expect(m).not.toBeNull();
    expect(m![1]!.length).toBeLessThanOrEqual(41);
    const replay = JSON.parse(main(['run', m![1]!, '--json']).stdout) as { fault: { kind: string } | null };
    expect(replay.fault).not.toBeNull();
    const j = JSON.parse(main(['check', '#s=qspi-unbind', '--json']).stdout) as Record<string, unknown>;
    expect(j['counterexample']).toBe(m![1]);
    expect(j['verdict']).toBe('Sometimes');
  });

  it('has no counterexample when the fix holds', () => {
    const r = main(['check', `#${encodeView({ scenario: 'flash-unbind', fixes: ['srcu-drain'], params: {}, mode: 'timed', sched: [], t: null })}`]);
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
