/**
 * A plain-text interleaving of the steps that matter (locks, flags, frees,
 * sleeps, I/O, the fault), one column per task. The sharing work replaces
 * this with the 72-column mailing-list block.
 */
import { formatDuration, type SimEvent, type Trace } from '../sim/index.ts';

const MATTERS = new Set(['lock.acquire', 'lock.release', 'flag.set', 'res.free', 'res.state', 'sleep.begin', 'io.begin', 'srcu.sync.begin', 'srcu.sync.end', 'fault']);

function label(trace: Trace, e: SimEvent): string {
  const s = trace.program.tasks[e.task]!.steps[e.pc]!;
  const fn = s.stack[s.stack.length - 1]?.fn ?? '';
  if (e.type === 'fault') return `*** ${e.fault?.kind} in ${fn}`;
  return `${fn}: ${e.what}`;
}

export function renderTimelineText(trace: Trace): string {
  const tasks = trace.program.tasks;
  const rows = trace.events.filter((e) => MATTERS.has(e.type) || (e.type === 'flag.check' && e.value));
  const out = [tasks.map((t, i) => `[${i}] ${t.comm}: ${t.command}`).join('\n'), ''];
  for (const e of rows) out.push(`${formatDuration(e.t).padStart(9)}  ${'    '.repeat(e.task)}[${e.task}] ${label(trace, e)}`);
  return out.join('\n');
}
