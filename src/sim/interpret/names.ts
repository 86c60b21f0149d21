/**
 * What every surface calls a task. Several tasks share a comm (three `cat`
 * loops): they are told apart as `cat#1`, `cat#2`, ... everywhere (lanes,
 * scheduling buttons, code cards, the text block, the Oops panel, the trace
 * export), with their pid where a kernel developer would look for it. The
 * kernel's own report still prints `Comm: cat` and the task's PID.
 */
import type { Program } from '../types.ts';

/** `cat` when its comm is unique, else `cat#2` (numbered in task order). */
export function taskShort(program: Pick<Program, 'tasks'>, task: number): string {
  const t = program.tasks[task];
  if (!t) return `task ${task}`;
  const same = program.tasks.filter((x) => x.comm === t.comm);
  if (same.length < 2) return t.comm;
  return `${t.comm}#${same.indexOf(t) + 1}`;
}

/** `cat#2 (reader)`, `sh (unbind)`. */
export function taskName(program: Pick<Program, 'tasks'>, task: number): string {
  const t = program.tasks[task];
  return t ? `${taskShort(program, task)} (${t.kind})` : `task ${task}`;
}

/** `cat#2 (pid 461)`: where the pid tells the tasks apart (the Oops names it). */
export function taskWithPid(program: Pick<Program, 'tasks'>, task: number): string {
  const t = program.tasks[task];
  return t ? `${taskShort(program, task)} (pid ${t.pid})` : `task ${task}`;
}
