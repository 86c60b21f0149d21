import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, encodeView, modelFingerprint, normalizeView, parseLink, sweepLegend } from '../sim/index.ts';
import { decodeFragment } from '../sim/share/decode.ts';
import { cellMark } from './commands.ts';
import { main } from './main.ts';
import { racedModular } from '../sim/modularRun.ts';
import type { ModularRacer } from '../sim/verdictRun.ts';

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

  it('check says what its counts count (traces, in both modes) and the memory the search kept', () => {
    const any = JSON.parse(main(['check', '#s=qspi-unbind', '--json']).stdout) as Record<string, unknown>;
    const timed = JSON.parse(main(['check', '#s=qspi-unbind&mode=timed', '--json']).stdout) as Record<string, unknown>;
    expect([any['counting'], timed['counting']]).toEqual(['traces', 'traces']);
    for (const j of [any, timed]) expect(j['memoryBytes']).toBeGreaterThan((j['states'] as number) * 4);
    for (const link of ['#s=qspi-unbind', '#s=qspi-unbind&mode=timed']) {
      expect(main(['check', link]).stdout, link).toMatch(/^Counting traces: executions up to reordering of independent steps$/m);
    }
    const text = main(['check', '#s=qspi-unbind&mode=timed']).stdout;
    expect(text).toMatch(/^States \d+ \(cap 1000000; memory [\d.]+ [KM]B\)$/m);
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
    expect(j.question.text).toBe('flash-unbind on 6.14-rc7, no fix, mode=timed: read=5ms sleep=300ms readers=1 erase=none parts=2 lat=0us; unbind starting at 0 or right after a step of another task');
    expect(text).toMatch(new RegExp(`^Observation flash-unbind ${j.verdict} \\d+ \\d+$`, 'm'));
  });

  it('says whether a complete timed Never holds for every unbind start, in text and JSON, and nothing where there is nothing to check', () => {
    const link = '#s=qspi-unbind&fix=srcu-drain&mode=timed';
    const j = JSON.parse(main(['check', link, '--json']).stdout) as { verdict: string; everyStart: Record<string, unknown> };
    expect(j.verdict).toBe('Never');
    expect(j.everyStart).toMatchObject({ lookedFor: 'fault', holds: true, witness: null, maxStates: 1_000_000 });
    const text = main(['check', link]).stdout;
    expect(text).toContain(`\nEvery start: ${j.everyStart['text'] as string}`);
    expect(text).toMatch(/^Every start: Never for every unbind start too, .*\(\d{1,3}(,\d{3})* states\)\.$/m);
    // Under a cap the verdict fits and the check does not, the modular search settles it where it proves Never in mode any.
    // With an eraser the verdict takes 368 states and the check 742.
    const capped = JSON.parse(main(['check', `${link}&erase=1s`, '--json', '--max-states', '500']).stdout) as { verdict: string; everyStart: Record<string, unknown> };
    expect(capped.verdict).toBe('Never');
    expect(capped.everyStart).toMatchObject({ holds: true, states: 500, modular: { proved: true, reason: null } });
    expect(capped.everyStart['text']).toMatch(/stopped at the state cap \(500 states\), and the modular search then proved that no execution faults in mode any/);
    // notifier-sleep closes the race by timing, which mode any drops: not settled, and says so (verdict 316 states, check 522).
    const timing = JSON.parse(main(['check', '#s=qspi-unbind&fix=notifier-sleep&mode=timed&erase=1s', '--json', '--max-states', '400']).stdout) as { verdict: string; everyStart: Record<string, unknown> };
    expect(timing.verdict).toBe('Never');
    expect(timing.everyStart).toMatchObject({ holds: null, states: 400, modular: { proved: false, reason: 'fault' } });
    expect(timing.everyStart['text']).toMatch(/is not settled: .* The modular search did not prove it either: in one of its views a move faults/);
    // --no-every-start leaves it out.
    expect((JSON.parse(main(['check', link, '--json', '--no-every-start']).stdout) as { everyStart: unknown }).everyStart).toBeNull();
    expect(main(['check', link, '--no-every-start']).stdout).not.toMatch(/^Every start/m);
    expect(main(['run', link, '--no-every-start']).stdout).not.toMatch(/^Starts:/m);
    expect(main(['run', link]).stdout).toMatch(/^Starts: {3}Never for every unbind start too/m);
    for (const l of ['#s=qspi-unbind&mode=timed', '#s=qspi-unbind&fix=srcu-drain', '#s=qspi-unbind&fix=srcu-drain&mode=timed&at=40us']) {
      expect((JSON.parse(main(['check', l, '--json']).stdout) as { everyStart: unknown }).everyStart, l).toBeNull();
      expect(main(['check', l]).stdout, l).not.toMatch(/^Every start/m);
    }
  });

  it('a search stopped by the state cap with no fault is Unknown, never Never', () => {
    const link = '#s=flash-unbind&fix=srcu-drain&readers=4';
    const j = JSON.parse(main(['check', link, '--json', '--max-states', '2000']).stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ verdict: 'Unknown', incomplete: true, lowerBound: true, faulting: 0, maxStates: 2000 });
    expect(j['note']).toMatch(/^Unknown: the search stopped at the state cap \(2,000 states\).*This is not Never/);
    const text = main(['check', link, '--max-states=2000']).stdout;
    expect(text).toMatch(/^Observation flash-unbind\+srcu-drain Unknown 0 \d+ \(incomplete: stopped at \d+ states; counts are lower bounds\)$/m);
    expect(text).toMatch(/^Executions at least \d+/m);
    expect(text).not.toMatch(/^Observation .* Never/m);
    // What would complete it: in mode any a fixed start would not (the start does not enter the search); in mode timed it would.
    expect(j['note']).toMatch(/ask a smaller question \(fewer readers\), or the narrower timed question \(mode=timed/);
    expect(j['note']).not.toMatch(/at=/);
    const timed = JSON.parse(main(['check', `${link}&mode=timed&erase=1s`, '--json', '--max-states', '2000']).stdout) as Record<string, unknown>;
    expect(timed).toMatchObject({ verdict: 'Unknown', incomplete: true });
    expect(timed['note']).toMatch(/fewer readers, no eraser, or a fixed at=\)/);
    expect(timed['note']).not.toMatch(/lat=/);
    // With a latency window, moves at different instants are real choices: no window (lat=0) is the narrower question.
    const late = JSON.parse(main(['check', `${link}&mode=timed&erase=1s&lat=50us`, '--json', '--max-states', '2000']).stdout) as Record<string, unknown>;
    expect(late).toMatchObject({ verdict: 'Unknown', incomplete: true });
    expect(late['note']).toMatch(/fewer readers, no eraser, a fixed at=, or no latency window: lat=0, where a woken task runs at once\)/);
  });

  it('under an answer the cap stopped, gives the commands of the nearer questions, at its cap, which run as given', () => {
    // Three readers and an eraser stop at 20,000 states (the whole search keeps 131,036); the nearer questions are asked at that cap too.
    const link = '#s=flash-unbind&fix=srcu-drain&readers=3&erase=1s';
    const text = main(['check', link, '--max-states', '20000']).stdout.split('\n');
    expect(text.join('\n')).toMatch(/^Observation flash-unbind\+srcu-drain Unknown 0 \d+ \(incomplete: stopped at 20000 states; counts are lower bounds\)$/m);
    const at = text.indexOf('Nearer questions that may complete (each answers only itself):');
    expect(at).toBeGreaterThan(0);
    const lines = text.slice(at + 1, at + 4).map((l) => /^ {2}npx racelanes (check|sweep) '([^']+)' --max-states 20000 +(.+)$/.exec(l));
    expect(lines.map((m) => [m?.[1], m?.[3]])).toEqual([
      ['sweep', 'every reader count from 1 to 3'], ['check', 'without the eraser'], ['check', 'timed: the given durations'],
    ]);
    const run = (m: RegExpExecArray | null, ...more: string[]) => JSON.parse(main([m![1]!, m![2]!, '--max-states', '20000', '--json', ...more]).stdout) as Record<string, unknown>;
    // Each line runs, at the same cap: the sweep asks readers 1 to 3 of this question (one and two readers complete,
    // three is this question, stopped again); without the eraser (10,850 states) and timed, the question completes.
    const sweep = run(lines[0]!, '--quiet') as { cells: { x: string; verdict: string; incomplete: boolean }[] };
    expect(sweep.cells.map((c) => [c.x, c.verdict, c.incomplete])).toEqual([['1', 'Never', false], ['2', 'Never', false], ['3', 'Unknown', true]]);
    expect(run(lines[1]!)).toMatchObject({ verdict: 'Never', incomplete: false, question: { params: { erase: null, readers: 3 } } });
    expect(run(lines[2]!)).toMatchObject({ mode: 'timed', verdict: 'Never', incomplete: false, question: { params: { erase: 1_000_000, readers: 3 } } });
    // The JSON carries the same lines; an answer that is complete, or that --speedcheck stopped, has none.
    const j = JSON.parse(main(['check', link, '--json', '--max-states', '20000']).stdout) as { nearer: { link: string; maxStates: number; line: string }[] };
    expect(j.nearer.map((x) => x.line)).toEqual(text.slice(at + 1, at + 4).map((l) => /^ {2}(.*?) {2,}\S.*$/.exec(l)![1]));
    expect(j.nearer.map((x) => [x.link, x.maxStates])).toEqual(lines.map((m) => [m![2], 20000]));
    expect((JSON.parse(main(['check', '#s=flash-unbind&fix=srcu-drain', '--json']).stdout) as { nearer: unknown[] }).nearer).toEqual([]);
    const sc = main(['check', '#s=qspi-unbind&readers=3', '--speedcheck']).stdout;
    expect(sc).toMatch(/stopped there as asked/);
    expect(sc).not.toMatch(/^Nearer/m);
  });

  it('quotes a link for the shell in a nearer question\'s command line', () => {
    const out = main(['check', '#s=flash-unbind&fix=srcu-drain&readers=4', '--max-states', '100', '--base', "https://x.example/it's/"]).stdout;
    expect(out).toContain("npx racelanes sweep 'https://x.example/it'\\''s/#");
  });

  it('reports progress of a long search on stderr, unless --quiet', () => {
    // A fake clock: every reading is 400 ms later, so the search "runs" for seconds.
    const clock = () => { let t = 0; return () => (t += 400); };
    const args = ['check', '#s=flash-unbind&fix=srcu-drain&readers=3&erase=1s', '--max-states', '100000'];
    const lines: string[] = [];
    const r = main(args, { progress: (l) => lines.push(l), now: clock() });
    expect(r.code).toBe(0);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^racelanes: searching: \d+ states \(\d+ generated\), \d+\.\d s(; stopped at the cap without a fault, proving Never task by task \(modular search\), round \d: \d+ views)?\n$/);
    // The cap stops the state search without a fault: the modular search runs after it, and says so.
    expect(lines.at(-1)).toMatch(/^racelanes: searching: 100000 states .*proving Never task by task \(modular search\), round \d: \d+ views\n$/);
    const quiet: string[] = [];
    main([...args, '--quiet'], { progress: (l) => quiet.push(l), now: clock() });
    expect(quiet).toEqual([]);
  });

  it('--speedcheck stops check once Sometimes is proved, says so, and is an option of check only', () => {
    const full = JSON.parse(main(['check', '#s=qspi-unbind&readers=2', '--json']).stdout) as Record<string, unknown>;
    const fast = JSON.parse(main(['check', '#s=qspi-unbind&readers=2', '--json', '--speedcheck']).stdout) as Record<string, unknown>;
    expect(full).toMatchObject({ verdict: 'Sometimes', incomplete: false, speedcheck: false });
    expect(fast).toMatchObject({ verdict: 'Sometimes', incomplete: true, lowerBound: true, speedcheck: true, shortest: false });
    expect(fast['states'] as number).toBeLessThan(full['states'] as number);
    expect(fast['faulting'] as number).toBeLessThanOrEqual(full['faulting'] as number);
    expect(fast['note']).toMatch(/^Sometimes is proven .*, but the search stopped there as asked \(--speedcheck, or the page's Stop at the verdict\) after exploring [\d,]+ states: the counts are lower bounds\. To count every execution, ask without it\.$/);
    // Stopped by the cap instead, the same proven Sometimes says what would count every execution.
    const capped = JSON.parse(main(['check', '#s=qspi-unbind&readers=3', '--json', '--max-states', '2000']).stdout) as Record<string, unknown>;
    expect(capped).toMatchObject({ verdict: 'Sometimes', incomplete: true, speedcheck: false });
    expect(capped['note']).toMatch(/^Sometimes is proven .*, but the search stopped at the state cap \(2,000 states\).*To count every execution, raise the cap \(--max-states N/);
    // Its counterexample is a real one: the link replays a fault, along its schedule.
    const replay = JSON.parse(main(['run', fast['counterexample'] as string, '--json']).stdout) as Record<string, unknown>;
    expect(replay['fault']).not.toBeNull();
    expect(replay['diverged']).toBeNull();
    // A Never needs the whole search: the same answer with or without.
    const never = (extra: string[]) => JSON.parse(main(['check', '#s=qspi-unbind&fix=srcu-drain&readers=2', '--json', ...extra]).stdout) as Record<string, unknown>;
    const n = never(['--speedcheck']);
    expect(n).toMatchObject({ verdict: 'Never', incomplete: false, speedcheck: false });
    expect({ ...n, ms: 0 }).toEqual({ ...never([]), ms: 0 });
    for (const cmd of ['run', 'compare', 'sweep', 'link', 'trace']) {
      const r = main([cmd, '#s=qspi-unbind&cmp=srcu-drain', '--speedcheck']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`racelanes ${cmd}: --speedcheck is an option of check\n`);
    }
    expect(main(['--help']).stdout).toMatch(/--speedcheck {4}check: stop the search as soon as the verdict is settled/);
  });

  it('says on stderr once a long search has proved Sometimes, while it counts the rest', () => {
    const clock = () => { let t = 0; return () => (t += 400); };
    const lines: string[] = [];
    const r = main(['check', '#s=qspi-unbind&readers=3', '--max-states', '200000'], { progress: (l) => lines.push(l), now: clock() });
    expect(r.stdout).toMatch(/^Observation qspi-unbind Sometimes /m);
    expect(lines.length).toBeGreaterThan(0);
    // Three readers meet a fault and a fault-free end within the first states: every line says so.
    for (const l of lines) {
      expect(l).toMatch(/^racelanes: searching: [\d,]+ states \([\d,]+ generated\), \d+\.\d s; Sometimes is proved \(an execution that faults and one that does not were found\), counting the rest\n$/);
    }
  });

  it('says on stderr once the modular search beside a long search has proved Never, while it counts the rest', () => {
    const clock = () => { let t = 0; return () => (t += 400); };
    // A racer that has proved Never from the search's fifth progress report on, and hands over the real modular search at the cap.
    let reports = 0;
    const race: ModularRacer = (q, starts, maxStates) => ({
      onProgress: () => { reports++; },
      proved: () => reports >= 5,
      finish: (want) => (want ? racedModular(q, starts, maxStates) : null),
    });
    const lines: string[] = [];
    const r = main(['check', '#s=flash-unbind&k=mainline&fix=srcu-drain&readers=4', '--max-states', '60000'], { progress: (l) => lines.push(l), now: clock(), race });
    expect(r.stdout).toMatch(/^Observation flash-unbind\+srcu-drain Never 0 [\d,]+ \(Never proved by the modular search: stopped at 60000 states; counts are lower bounds\)$/m);
    const searching = lines.filter((l) => !l.includes('proving Never task by task'));
    expect(searching.length).toBeGreaterThan(2);
    const never = /^racelanes: searching: [\d,]+ states \([\d,]+ generated\), \d+\.\d s; Never is proved \(the modular search run beside it proved that no execution faults\), counting the rest\n$/;
    // Not before it was proved; at every line after.
    expect(searching[0]).not.toMatch(never);
    const first = searching.findIndex((l) => never.test(l));
    expect(first).toBeGreaterThan(0);
    for (const l of searching.slice(first)) expect(l).toMatch(never);
  });

  it('reports the progress of a long check over every start as such, unless --quiet', () => {
    const clock = () => { let t = 0; return () => (t += 400); };
    const args = ['check', '#s=qspi-unbind&fix=notifier-sleep,srcu-drain,devres-group&readers=3&erase=1s&mode=timed'];
    const lines: string[] = [];
    const r = main(args, { progress: (l) => lines.push(l), now: clock() });
    expect(r.stdout).toMatch(/^Every start: Never for every unbind start too/m);
    expect(lines.some((l) => /^racelanes: checking every start: [\d,]+ states \([\d,]+ generated\), \d+\.\d s\n$/.test(l))).toBe(true);
    const quiet: string[] = [];
    main([...args, '--quiet'], { progress: (l) => quiet.push(l), now: clock() });
    expect(quiet).toEqual([]);
  });

  it('says on stderr once the modular search beside a long check over every start has proved Never: the check will hold', () => {
    const clock = () => { let t = 0; return () => (t += 400); };
    // A racer whose race beside the check over every start (not beside the verdict's search) has proved Never from the check's second report on.
    let reports = 0;
    const race: ModularRacer = (_q, starts) => ({
      onProgress: () => { if (starts) reports++; },
      proved: () => starts && reports >= 2,
      finish: () => null,
    });
    const lines: string[] = [];
    const r = main(['check', '#s=qspi-unbind&fix=notifier-sleep,srcu-drain,devres-group&readers=3&erase=1s&mode=timed'], { progress: (l) => lines.push(l), now: clock(), race });
    expect(r.stdout).toMatch(/^Every start: Never for every unbind start too/m);
    const checking = lines.filter((l) => l.startsWith('racelanes: checking every start: '));
    const holds = /; Never holds for every start \(the modular search run beside it proved that no execution faults\), the check goes on\n$/;
    expect(checking.some((l) => holds.test(l))).toBe(true);
    // The verdict's own search had no proof beside it: none of its lines says so.
    expect(lines.filter((l) => l.startsWith('racelanes: searching: ')).some((l) => /Never is proved|Never holds/.test(l))).toBe(false);
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

describe('racelanes compare', () => {
  const CMP = '#s=flash-unbind&fix=notifier-sleep&read=400ms&mode=timed&start=10us&sched=a3b&cmp=srcu-drain';

  it('prints both questions\' verdicts, the shared interleaving up to the divergence, both outcomes, in 72 columns', () => {
    const r = main(['compare', CMP, '--base', 'https://racelanes.example/']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(72);
    for (const l of lines) expect(l).toMatch(/^[\x20-\x7e]*$/);
    expect(lines).toContain('A:        notifier-sleep on 6.14-rc7');
    expect(lines).toContain('B:        srcu-drain on 6.14-rc7');
    expect(lines).toContain('Observation flash-unbind+notifier-sleep Sometimes 8 165');
    expect(lines.some((l) => /^Observation flash-unbind\+srcu-drain Never 0 \d+$/.test(l))).toBe(true);
    // B's Never is checked over every unbind start (right under its Observation line); A's Sometimes needs no check.
    const b = lines.findIndex((l) => l.startsWith('Observation flash-unbind+srcu-drain Never'));
    expect(lines[b + 1]).toBe('Starts:   Never for every unbind start too, not only the unbind starting');
    expect(lines.filter((l) => l.startsWith('Starts:'))).toHaveLength(1);
    expect(main(['compare', CMP, '--no-every-start']).stdout).not.toContain('Starts:');
    expect(lines).toContain('Diverge:  at step 20 (after 0 decisions)');
    expect(lines).toContain('A:        use-after-free at step 228/229 (cat)');
    expect(lines.some((l) => /^B: {8}no fault in \d+ steps$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe(`Link: https://racelanes.example/#1.${M}.f1t.r400m.b10.sa3b.c2`);
  });

  it('--json: each side, where the runs part, the link', () => {
    const j = JSON.parse(main(['compare', CMP, '--json']).stdout) as Record<string, unknown>;
    expect(j).toMatchObject({
      a: { fixes: ['notifier-sleep'], kernel: '6.14-rc7', verdict: 'Sometimes', faulting: 8, executions: 173, fault: { kind: 'use-after-free', step: 228, task: 'cat' } },
      b: { fixes: ['srcu-drain'], kernel: '6.14-rc7', verdict: 'Never', faulting: 0, fault: null },
      diverge: { step: 20, a: 'cat __get_mtd_device(): if (master->mtd_event_remove) return -ENODEV', b: 'cat __get_mtd_device(): idx = srcu_read_lock(&H->srcu)' },
      link: `#1.${M}.f1t.r400m.b10.sa3b.c2`,
    });
    // Each side's check over every unbind start, as check --json gives it for that side's question.
    const side = j['b'] as { everyStart: { holds: boolean; states: number; text: string } };
    const alone = JSON.parse(main(['check', '#s=flash-unbind&fix=srcu-drain&read=400ms&mode=timed', '--json']).stdout) as { everyStart: unknown };
    expect(side.everyStart).toEqual(alone.everyStart);
    expect((j['a'] as { everyStart: unknown }).everyStart).toBeNull();
    const same = JSON.parse(main(['compare', '#s=devres-order&fix=srcu-drain&cmp=srcu-drain', '--json']).stdout) as Record<string, unknown>;
    expect(same['diverge']).toBeNull();
  });

  it('compares kernels (cmpk=), and the canonical link compares again', () => {
    const j = JSON.parse(main(['compare', '#s=qspi-unbind&cmpk=mainline', '--json']).stdout) as { a: { kernel: string }; b: { kernel: string; fixes: string[] }; link: string };
    expect(j.a.kernel).toBe('6.14-rc7');
    expect(j.b).toMatchObject({ kernel: 'mainline', fixes: [] });
    expect(j.link).toBe(`#1.${M}.q0.c0.om`);
    expect(main(['compare', j.link]).stdout).toBe(main(['compare', '#s=qspi-unbind&cmpk=mainline']).stdout);
  });

  it('trace of a comparison: one JSON, a process per side', () => {
    const j = JSON.parse(main(['trace', CMP]).stdout) as { traceEvents: { ph: string; name: string; pid: number; args?: { name?: string } }[] };
    const names = j.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [e.pid, e.args?.name]);
    expect(names).toEqual([[1, 'A: notifier-sleep'], [2, 'B: srcu-drain']]);
  });
});

describe('racelanes sweep', () => {
  const LINK = '#s=flash-unbind&fix=notifier-sleep&mode=timed';

  it('prints a table in 72 columns: rows y, columns x, a verdict mark and the faulting share, a legend', () => {
    const r = main(['sweep', LINK, '--x', 'read=200ms..400ms:5', '--y', 'readers=1..2', '--quiet']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(72);
    expect(lines).toContain('readers  200ms  250ms  300ms  350ms  400ms');
    expect(lines).toContain('1        N 0%   N 0%   S 11%  S 5%   S 5%');
    expect(lines).toContain('readers=1: Never at read=200ms..250ms, Sometimes at read=300ms..400ms');
    expect(lines.some((l) => l.startsWith('N Never, S Sometimes, A Always'))).toBe(true);
    expect(lines.at(-1)).toBe(`Link: #1.${M}.f1t.wr200m-400m-5_n1-2`);
    // The link's sweep= does the same without --x.
    expect(main(['sweep', `${LINK}&sweep=read:200ms..400ms:5,readers:1..2`, '--quiet']).stdout).toBe(r.stdout);
    expect(main(['sweep', lines.at(-1)!.slice('Link: '.length), '--quiet']).stdout).toBe(r.stdout);
  });

  it('splits a wide sweep into tables that fit 72 columns', () => {
    const r = main(['sweep', '#s=devres-order', '--x', 'lat=1us..1s:12', '--quiet']);
    expect(r.code).toBe(0);
    for (const l of r.stdout.split('\n')) expect(l.length, l).toBeLessThanOrEqual(72);
    expect(r.stdout.match(/^lat {2,}/gm)!.length).toBeGreaterThan(1);
    expect(r.stderr).toMatch(/note: in mode any, lat does not change the verdict/);
  });

  it('--json: x and y and every cell in the link\'s notation, each with the link of its configuration', () => {
    const j = JSON.parse(main(['sweep', LINK, '--x', 'read=200ms..400ms:3', '--y', 'readers=1..2', '--json']).stdout) as {
      x: string; y: string; cells: { x: string; y: string; verdict: string; faulting: number; executions: number; incomplete: boolean; link: string }[];
    };
    expect(j.x).toBe('read:200ms..400ms:3');
    expect(j.y).toBe('readers:1..2');
    expect(j.cells.map((c) => [c.x, c.y, c.verdict])).toEqual([
      ['200ms', '1', 'Never'], ['300ms', '1', 'Sometimes'], ['400ms', '1', 'Sometimes'],
      ['200ms', '2', 'Never'], ['300ms', '2', 'Sometimes'], ['400ms', '2', 'Sometimes'],
    ]);
    expect(j.cells[4]).toMatchObject({ incomplete: false, link: `#1.${M}.f1t.r300m.n2` });
    const check = JSON.parse(main(['check', j.cells[4]!.link, '--json']).stdout) as { verdict: string; faulting: number; executions: number };
    expect([check.verdict, check.faulting, check.executions]).toEqual([j.cells[4]!.verdict, j.cells[4]!.faulting, j.cells[4]!.executions]);
  });

  it('--csv: a header, then one row per cell', () => {
    const r = main(['sweep', LINK, '--x', 'read=200ms..400ms:3', '--csv', '--base', 'https://racelanes.example/']);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      'read,verdict,faulting,executions,incomplete,link,every_start',
      `200ms,Never,0,173,false,https://racelanes.example/#1.${M}.f1t.r200m,holds`,
      expect.stringMatching(new RegExp(`^300ms,Sometimes,\\d+,\\d+,false,https://racelanes\\.example/#1\\.${M}\\.f1t\\.r300m,$`)),
      expect.stringMatching(new RegExp(`^400ms,Sometimes,8,173,false,https://racelanes\\.example/#1\\.${M}\\.f1t\\.r400m,$`)),
    ]);
  });

  it('checks each timed Never or Always cell over every unbind start, once every verdict is in (--no-every-start: not)', () => {
    const r = main(['sweep', LINK, '--x', 'read=200ms..400ms:3', '--y', 'readers=1..2', '--quiet']);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(72);
    const at = lines.findIndex((l) => l.startsWith('Every start:'));
    expect(lines.slice(at, at + 4).join(' ').replace(/ {2,}/g, ' ')).toMatch(
      /^Every start: each of the 2 Never cells holds for every unbind start too, not only the unbind starting at 0 or right after a step of another task: checked with the start kept symbolic \(at most [\d,]+ states per cell\)\.$/,
    );
    expect(r.stdout).not.toMatch(/!/);
    // Each cell's check is the check of that cell's own question.
    const j = JSON.parse(main(['sweep', LINK, '--x', 'read=200ms..400ms:3', '--y', 'readers=1..2', '--json']).stdout) as {
      cells: { verdict: string; link: string; everyStart: { lookedFor: string; holds: boolean; states: number; text: string } | null }[];
    };
    expect(j.cells.map((c) => c.everyStart?.holds ?? null)).toEqual([true, null, null, true, null, null]);
    const one = JSON.parse(main(['check', j.cells[3]!.link, '--json']).stdout) as { everyStart: { holds: boolean; states: number; text: string } };
    expect(j.cells[3]!.everyStart).toMatchObject({ lookedFor: 'fault', holds: one.everyStart.holds, states: one.everyStart.states, text: one.everyStart.text });
    // Under a small cap the verdicts complete and a check does not: the modular search settles it (srcu-drain holds
    // in mode any), said on the cell's own line. Two readers: the verdict takes 382 states, the check 496; one reader: 198 and 227.
    const capped = main(['sweep', '#s=flash-unbind&fix=srcu-drain&mode=timed', '--x', 'readers=1..2', '--max-states', '450', '--quiet']).stdout.replace(/\n {2}/g, ' ');
    expect(capped).toMatch(/Every start: each of the 2 Never cells holds for every unbind start too, .*: checked with the start kept symbolic \([\d,]+ states\), or by the modular search where that stopped at the state cap \(below\)\./);
    expect(capped).toMatch(/\nreaders=2: Never for every unbind start too, .* stopped at the state cap \(450 states\), and the modular search then proved/);
    // Where the modular search cannot prove it (notifier-sleep works by timing), not settled: said per cell, never as holding.
    // Two readers: the verdict takes 315 states, the check 401; one reader: 175 and 192.
    const timing = main(['sweep', '#s=qspi-unbind&fix=notifier-sleep&mode=timed', '--x', 'readers=1..2', '--max-states', '350', '--quiet']).stdout.replace(/\n {2}/g, ' ');
    expect(timing).toMatch(/Every start: 1 of the 2 Never cells holds for every unbind start too, .* \(checked with the start kept symbolic, [\d,]+ states\); the other one:/);
    expect(timing).toMatch(/\nreaders=2: Whether Never holds for every unbind start, .* is not settled: .*\(350 states\)/);
    const off = main(['sweep', LINK, '--x', 'read=200ms..400ms:3', '--y', 'readers=1..2', '--quiet', '--no-every-start']).stdout;
    expect(off).not.toMatch(/Every start/);
    expect(off.replace(/\n+$/, '')).toBe(r.stdout.replace(/\n\nEvery start:[\s\S]*?\n\n/, '\n\n').replace(/\n+$/, ''));
  });

  it('marks a cell whose check over every start contradicts its verdict with !, and says what ! means', () => {
    const never = { verdict: 'Never' as const, faulting: 0, executions: 173, incomplete: false };
    const check = (holds: boolean | null) => ({ want: 'fault' as const, holds, witness: null, states: 10, generated: 10, maxStates: 1000, memoryBytes: 0, lat: 0 });
    expect([cellMark(never), cellMark(never, check(true)), cellMark(never, check(null)), cellMark(never, check(false))]).toEqual(['N 0%', 'N 0%', 'N 0%', 'N 0%!']);
    expect(cellMark({ ...never, verdict: 'Sometimes', faulting: 9 })).toBe('S 5%');
    expect(sweepLegend()).not.toContain('!');
    expect(sweepLegend(true)).toMatch(/; ! not for every unbind start \(see Every start\)$/);
  });

  it('reports progress on stderr, unless --quiet', () => {
    const clock = () => { let t = 0; return () => (t += 400); };
    const args = ['sweep', '#s=flash-unbind&fix=srcu-drain', '--x', 'readers=2..3', '--max-states', '200000'];
    const lines: string[] = [];
    expect(main(args, { progress: (l) => lines.push(l), now: clock() }).code).toBe(0);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^racelanes: sweeping: \d\/2 cells done(; (searching|checking every start at) readers=\d: [\d,]+ states)?, \d+\.\d s\n$/);
    const quiet: string[] = [];
    main([...args, '--quiet'], { progress: (l) => quiet.push(l), now: clock() });
    expect(quiet).toEqual([]);
  });

  it.each([
    [['sweep', LINK], /nothing to sweep: give --x/],
    [['sweep', LINK, '--x', 'foo=1..2'], /^racelanes sweep: --x: "foo" is not a parameter that can be swept/],
    [['sweep', LINK, '--x', 'read=100ms..500ms:99'], /--x: read takes 2 to 32 steps, not 99/],
    [['sweep', LINK, '--x', 'readers=1..9'], /--x: readers 1\.\.9 is out of range: readers is 1 to 8/],
    [['sweep', LINK, '--x', 'read=1ms..2ms', '--y', 'read=3ms..4ms'], /--x and --y: read is swept twice/],
    [['sweep', LINK, '--y', 'readers=1..2'], /--y needs --x/],
    [['sweep', LINK, '--x'], /--x needs <param>=<from>\.\.<to>/],
    [['sweep', `${LINK}&sweep=read:1ms`], /^racelanes: sweep: "read:1ms" is not a sweep/],
    [['sweep', LINK, '--x', 'readers=1..2', '--json', '--csv'], /--json and --csv: choose one/],
    [['check', LINK, '--csv'], /--csv is an option of sweep/],
    [['run', LINK, '--x', 'read=1ms..2ms'], /--x is an option of sweep/],
    [['compare', LINK], /the link names no side B: add cmp=/],
    [['compare', `${LINK}&cmp=msleep`], /cmp: unknown fix "msleep"/],
    [['compare', '#1.abcde.f1.c9'], /cmp: "c9" is not a digit 0-7/],
  ])('%j exits 2 with a message on stderr', (argv, msg) => {
    const r = main(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
    noStack(r.stderr);
  });
});

describe('caveats', () => {
  it('check says what a fix leaves open on the question\'s kernel, in text and JSON', () => {
    const link = '#s=qspi-unbind&k=6.12.117&fix=srcu-drain&mode=timed';
    const text = main(['check', link, '--quiet']).stdout;
    expect(text).toMatch(/^Caveat \(srcu-drain on 6\.12\.117\): cadence-quadspi's own refcount window stays open/m);
    const j = JSON.parse(main(['check', link, '--json', '--quiet']).stdout) as { caveats: { fix: string; kernel: string }[] };
    expect(j.caveats.map((c) => `${c.fix} ${c.kernel}`)).toEqual(['srcu-drain 6.12.117']);
    expect(main(['check', '#s=qspi-unbind&fix=srcu-drain&mode=timed', '--quiet']).stdout).not.toMatch(/^Caveat/m);
  });
});
