/**
 * "Copy as text" for a comparison: the block a maintainer pastes into a
 * plain-text reply when arguing one fix against another. Same rules as
 * textBlock.ts: at most 72 columns, printable ASCII, no tabs. It holds the
 * shared question, each side's fixes, kernel and herd verdict, the shared
 * replay, the interleaving both runs share up to where they part (the
 * memory-barriers.txt columns of interleaving.ts) and each side's step
 * there, then each side's outcome and a `Link:` line.
 *
 *   Compare:  flash-unbind (spi-nor flash unbind vs cat /dev/mtd0)
 *   Params:   read=400ms sleep=300ms readers=1 erase=none parts=2 lat=0us
 *             mode=timed
 *   Covers:   the unbind starting at 0 or right after a step of another task,
 *             with these durations
 *   A:        notifier-sleep on 6.14-rc7
 *   Observation flash-unbind+notifier-sleep Sometimes 88 1692
 *   B:        notifier-sleep srcu-drain on 6.14-rc7
 *   Observation flash-unbind+notifier-sleep+srcu-drain Never 0 1780
 *   Starts:   Never for every unbind start too, ... (N states).
 *   Replay:   unbind at 10us; sched a3b; model 4wskb
 *   Diverge:  at step 20 (after 0 decisions)
 *   ...
 *   Link: https://racelanes.example/#1.4wskb.f1t.r400m.b10.sa3b.c3
 *
 * The header uses none of textBlock's labels (`Scenario:`, `Fixes:`), so a
 * pasted comparison is never mistaken for one side's block: its link is read
 * from the `Link:` line.
 */
import type { Comparison } from '../compare.ts';
import type { Verdict } from '../engine/explore.ts';
import { herdLine, paramWords, replayCounted, UNCOUNTED_REPLAY, type Question } from '../question.ts';
import { incompleteSentence } from '../incomplete.ts';
import type { Trace } from '../types.ts';
import { startsCheckText, type StartsCheck } from '../startsCheck.ts';
import { toAscii, truncate, wrap } from './ascii.ts';
import { decodeLink } from './canonical.ts';
import { formatDuration, schedRle, trimSched } from './codecs.ts';
import { WIDTH, interleaving } from './interleaving.ts';
import { covers, oopsHead } from './textBlock.ts';

const INDENT = '          ';

const field = (label: string, text: string): string[] => wrap(toAscii(`${`${label}:`.padEnd(INDENT.length)}${text}`), WIDTH, INDENT);

function sideLine(q: Question): string {
  return `${q.fixes.length ? q.fixes.join(' ') : 'no fix'} on ${q.kernel}`;
}

/** The first `n` steps of a run, as a run of its own (no fault, no report yet). */
function prefix(trace: Trace, n: number): Trace {
  return { ...trace, events: trace.events.slice(0, n), fault: null, report: null, hung: [] };
}

/** `use-after-free at step 190/191 (cat)` and the report's first lines, or `no fault in N steps`. */
function outcome(trace: Trace): { head: string; more: string[] } {
  const i = trace.events.findIndex((e) => e.type === 'fault');
  const f = trace.fault;
  if (f && i >= 0) {
    const who = trace.program.tasks[f.task]?.comm ?? '?';
    return { head: `${f.kind} at step ${i}/${trace.events.length} (${who})`, more: trace.report ? oopsHead(trace.report.text) : [] };
  }
  if (trace.hung.length) {
    const who = trace.hung.map((t) => trace.program.tasks[t]?.comm ?? String(t)).join(', ');
    return { head: `no fault in ${trace.events.length} steps; hung: ${who} never finished`, more: [] };
  }
  return { head: `no fault in ${trace.events.length} steps`, more: [] };
}

/** Each side's outcome in words, as the CLI's JSON and the page say it. */
export function outcomeText(trace: Trace): string {
  return outcome(trace).head;
}

/**
 * The comparison block for email. `verdicts` are each side's verdict over
 * every execution of its question (null: not computed, no Observation line);
 * `starts`, each side's check over every unbind start (startsCheck.ts; null:
 * none, no `Starts:` line); `link` is the full URL of the comparison
 * (`<base>#` + encodeView(view)).
 * @example compareText(compareViews(view), { a: verdictOf(c.a.question), b: verdictOf(c.b.question) }, `https://racelanes.example/#${encodeView(view)}`)
 */
export function compareText(
  c: Comparison, verdicts: { readonly a: Verdict | null; readonly b: Verdict | null } | null, link: string,
  starts: { readonly a: StartsCheck | null; readonly b: StartsCheck | null } | null = null,
): string {
  const qa = c.a.question;
  const ta = c.a.trace;
  const linked = decodeLink(link);
  const words = qa.mode === 'any' ? [`read=${formatDuration(qa.params.read)}`, `sleep=${formatDuration(qa.params.sleep)}`, ...paramWords(qa)] : paramWords(qa);
  const unbind = ta.events.find((e) => e.type === 'task.start' && e.task === ta.program.unbindTask);
  const sched = schedRle(trimSched(linked.view.sched), '.');
  const replay = [
    unbind ? `unbind at ${formatDuration(unbind.t)}` : null,
    sched ? `sched ${sched}` : null,
    linked.model ? `model ${linked.model}` : null,
    ...(['a', 'b'] as const).map((k) => (replayCounted(c[k].question, c[k].trace) ? null : `${k.toUpperCase()}: ${UNCOUNTED_REPLAY}`)),
  ].filter((x) => x !== null).join('; ');
  const out: string[] = [
    ...field('Compare', `${qa.scenario} (${ta.program.title})`),
    ...field('Params', `${words.join(' ')} mode=${qa.mode}`),
    ...field('Covers', covers(qa)),
  ];
  for (const [name, side] of [['A', 'a'], ['B', 'b']] as const) {
    const s = c[side];
    out.push(...field(name, sideLine(s.question)));
    const v = verdicts?.[side] ?? null;
    if (v) {
      out.push(...wrap(toAscii(herdLine(s.question, v)), WIDTH));
      const why = incompleteSentence(v, s.question);
      if (why) out.push(...wrap(toAscii(why), WIDTH));
      const st = starts?.[side] ?? null;
      if (st) out.push(...field('Starts', startsCheckText(v, st)));
    }
  }
  if (replay) out.push(...field('Replay', replay));
  for (const n of c.notes) out.push(...field('Note', n));
  const d = c.diverge;
  if (d === null) {
    out.push(...field('Diverge', `never: A and B run the same ${ta.events.length} steps`), '');
    out.push(...interleaving(ta).map((l) => truncate(toAscii(l), WIDTH)));
  } else {
    const when = d.a.decision === d.b.decision ? `after ${d.a.decision} decision${d.a.decision === 1 ? '' : 's'}` : `after ${d.a.decision} decisions on A, ${d.b.decision} on B`;
    out.push(...field('Diverge', `at step ${d.step} (${when})`), '');
    if (d.step === 0) out.push('A and B differ from the first step.');
    else {
      out.push(`Same on A and B up to step ${d.step}:`, '');
      out.push(...interleaving(prefix(ta, d.step)).map((l) => truncate(toAscii(l), WIDTH)));
    }
    out.push('', `At step ${d.step} they part:`);
    out.push(...field('A', d.a.text), ...field('B', d.b.text));
  }
  out.push('');
  for (const [name, s] of [['A', c.a], ['B', c.b]] as const) {
    const o = outcome(s.trace);
    out.push(...field(name, o.head));
    for (const l of o.more) out.push(...wrap(toAscii(l), WIDTH - INDENT.length).map((w) => `${INDENT}${w}`));
  }
  out.push('', `Link: ${toAscii(link).replace(/\s+/g, '')}`);
  return out.map((l) => l.trimEnd()).join('\n') + '\n';
}
