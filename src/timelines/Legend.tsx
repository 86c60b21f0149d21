/**
 * What every mark in the lanes means, drawn with the marks' own classes and
 * patterns so it can never disagree with them. It is part of the timeline
 * (and of its SVG export's page), one compact wrapped row.
 */
import type { ReactNode } from 'react';

interface Item {
  readonly label: string;
  readonly swatch: ReactNode;
}

const W = 22;
const H = 10;
const box = (cls: string, extra: Record<string, string | number> = {}) => <rect className={cls} x={1} y={1} width={W - 2} height={H - 2} {...extra} />;

const ITEMS: readonly Item[] = [
  { label: 'I/O in flight', swatch: <g className="task-0">{box('st st-io')}</g> },
  { label: 'sleep / SRCU wait', swatch: <g className="task-1">{box('st st-sleep')}</g> },
  { label: 'waiting for a lock', swatch: <g className="task-0">{box('st st-lock-wait')}</g> },
  { label: 'syscall + VFS (folded)', swatch: <g className="entry">{box('')}</g> },
  { label: 'function (colour = subsystem)', swatch: <g className="slice sub-spinor">{box('')}</g> },
  { label: 'added by a fix', swatch: <g className="slice fix">{box('')}</g> },
  { label: 'deeper frames (capped row)', swatch: <g className="slice leaf sub-drv">{box('')}</g> },
  { label: 'alive', swatch: box('res res-alive') },
  { label: 'disabled', swatch: box('res res-disabled') },
  { label: 'clock gated', swatch: box('res res-gated') },
  { label: 'powered off', swatch: box('res res-off') },
  { label: 'unmapped', swatch: box('res res-unmapped') },
  { label: 'freed', swatch: box('res res-freed') },
  { label: 'access', swatch: <g className="task-0"><line className="acc" x1={11} x2={11} y1={1} y2={H - 1} /></g> },
  { label: 'faulting access', swatch: <line className="acc bad" x1={11} x2={11} y1={1} y2={H - 1} /> },
  { label: 'lock held / waited for', swatch: <g className="task-1"><g className="hold"><rect x={1} y={1} width={10} height={H - 2} /></g><g className="hold wait"><rect x={12} y={5} width={9} height={4} /></g></g> },
  { label: 'flag true', swatch: box('flag-on') },
  { label: 'fault / its cause', swatch: <g><path className="fault-x" d="M3,2L9,8M3,8L9,2" /><circle className="cause-dot" cx={17} cy={5} r={3} /></g> },
  { label: 'scheduling point', swatch: <path className="decision" d="M8,10L11,4L14,10Z" /> },
];

export function Legend() {
  return (
    <ul className="legend" aria-label="Legend of the lanes" data-testid="timeline.legend">
      {ITEMS.map((it) => (
        <li key={it.label}>
          <svg width={W} height={H} aria-hidden="true" focusable="false">{it.swatch}</svg>
          <span>{it.label}</span>
        </li>
      ))}
    </ul>
  );
}
