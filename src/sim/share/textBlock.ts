/**
 * "Copy as text": the block a maintainer pastes into a plain-text mail reply.
 * At most 72 columns, ASCII only, no tabs (Documentation/process/email-clients.rst);
 * a header with the question (scenario, fixes, every parameter, the mode and
 * the starts it covers), its herd7-style verdict and the replay shown, the
 * interleaving in memory-barriers.txt columns, the first lines of the Oops, and
 * a `Link:` line. Pasting it back (parseTextBlock) restores the view.
 *
 * Example (abridged):
 *
 *   Scenario: flash-unbind (spi-nor flash unbind vs cat /dev/mtd0)
 *   Kernel:   6.14-rc7
 *   Fixes:    notifier-sleep
 *   Params:   read=400ms sleep=300ms readers=1 erase=none parts=2 lat=0us
 *             mode=timed
 *   Covers:   the unbind starting at 0 or right after a step of another task,
 *             with these durations
 *   Observation flash-unbind+notifier-sleep Sometimes 88 1780
 *   (Starts:  for a complete timed Never or Always, whether it holds for
 *             every unbind start: startsCheck.ts)
 *   Replay:   unbind at 10us; sched a3b; fault at step 228/229; model tegu6
 *
 *   CPU2 (cat)                           CPU3 (sh)
 *   ===================================  ===================================
 *   ...
 *
 *   Unable to handle kernel paging request at virtual address 00000000000012e8
 *   pc : spi_mem_exec_op+0x3e8/0x478
 *
 *   Link: https://racelanes.example/#1.tegu6.f1t.r400m.a4.sa2b.tf
 */
import type { Verdict } from '../engine/explore.ts';
import { startsCheckText, type StartsCheck } from '../startsCheck.ts';
import { EXPLORED_STARTS, herdLine, paramWords, replayCounted, UNCOUNTED_REPLAY, withLatency, type Question } from '../question.ts';
import { incompleteSentence } from '../incomplete.ts';
import type { Trace } from '../types.ts';
import { toAscii, truncate, wrap } from './ascii.ts';
import { formatDuration, schedRle, trimSched } from './codecs.ts';
import { decodeLink } from './canonical.ts';
import { WIDTH, interleaving } from './interleaving.ts';

/**
 * The report lines a reader greps for: its first lines up to `Modules linked
 * in:` (rules and `cut here` left out; at most 2) and the faulting `pc :`.
 */
export function oopsHead(report: string): string[] {
  const lines = report.split('\n').filter((l) => !/^=+$|cut here/.test(l));
  const end = lines.findIndex((l) => l.startsWith('Modules linked in') || l === '');
  const out = lines.slice(0, end < 0 ? 1 : Math.max(1, end)).slice(0, 2);
  const pc = lines.find((l) => l.startsWith('pc : '));
  if (pc) out.push(pc);
  return out;
}

/** What the verdict covers, in words (the question's range of executions; the starts as question.ts startsText says). */
export function covers(q: Question): string {
  if (q.mode === 'any') return 'every interleaving; durations and the start do not matter';
  return withLatency(q, q.params.at === null ? `the ${EXPLORED_STARTS}, with these durations` : `only the unbind start at=${formatDuration(q.params.at)}`);
}

function header(trace: Trace, question: Question, verdict: Verdict | null, link: string, starts: StartsCheck | null): string[] {
  const p = trace.program;
  const linked = decodeLink(link);
  const model = linked.model;
  const unbind = trace.events.find((e) => e.type === 'task.start' && e.task === p.unbindTask);
  const faultAt = trace.events.findIndex((e) => e.type === 'fault');
  // The link's own choices (defaults as '.'): with the header's start they rebuild the replay if the Link: line is lost.
  const sched = schedRle(trimSched(linked.view.sched), '.');
  const replay = [
    unbind ? `unbind at ${formatDuration(unbind.t)}` : null,
    sched ? `sched ${sched}` : null,
    faultAt >= 0 ? `fault at step ${faultAt}/${trace.events.length}` : `no fault in ${trace.events.length} steps`,
    model ? `model ${model}` : null,
    replayCounted(question, trace) ? null : UNCOUNTED_REPLAY,
  ].filter((x) => x !== null).join('; ');
  // In mode any the durations still shape the replay's times: name them all.
  const words = question.mode === 'any' ? [`read=${formatDuration(question.params.read)}`, `sleep=${formatDuration(question.params.sleep)}`, ...paramWords(question)] : paramWords(question);
  const lines = [
    `Scenario: ${p.scenario} (${p.title})`,
    `Kernel:   ${question.kernel}`,
    `Fixes:    ${question.fixes.length ? question.fixes.join(' ') : 'none'}`,
    `Params:   ${words.join(' ')} mode=${question.mode}`,
    `Covers:   ${covers(question)}`,
  ];
  const out = lines.flatMap((l) => wrap(toAscii(l), WIDTH, '          '));
  if (verdict) {
    out.push(...wrap(toAscii(herdLine(question, verdict)), WIDTH));
    const why = incompleteSentence(verdict, question);
    if (why) out.push(...wrap(toAscii(why), WIDTH));
    if (starts) out.push(...wrap(toAscii(`Starts:   ${startsCheckText(verdict, starts)}`), WIDTH, '          '));
  }
  out.push(...wrap(toAscii(`Replay:   ${replay}`), WIDTH, '          '));
  return out;
}

/**
 * The text block for email. `link` is the full URL (e.g.
 * `https://racelanes.example/#` + encodeView(view)); the `Link:` line is
 * never wrapped, so keep the base short (the canonical fragment is at most
 * 40 characters for the built-in scenarios). `starts`, the verdict's check
 * over every unbind start (startsCheck.ts) when there is one, adds a
 * `Starts:` line under the verdict.
 * @example textBlock(simulate(view), questionOf(view), verdictOf(view), `https://racelanes.example/#${encodeView(view)}`)
 */
export function textBlock(trace: Trace, question: Question, verdict: Verdict | null, link: string, starts: StartsCheck | null = null): string {
  const out = [...header(trace, question, verdict, link, starts), '', ...interleaving(trace).map((l) => truncate(toAscii(l), WIDTH))];
  if (trace.report) out.push('', ...oopsHead(trace.report.text).flatMap((l) => wrap(toAscii(l), WIDTH)));
  else if (trace.hung.length) {
    const who = trace.hung.map((i) => trace.program.tasks[i]?.comm ?? String(i)).join(', ');
    out.push('', ...wrap(toAscii(`Hung: ${who} never finished`), WIDTH));
  }
  out.push('', `Link: ${toAscii(link).replace(/\s+/g, '')}`);
  return out.map((l) => l.trimEnd()).join('\n') + '\n';
}
