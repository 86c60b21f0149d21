/**
 * Every keyboard binding, by KeyboardEvent.code so AZERTY and Dvorak work
 * (perfetto#3849). The help sheet renders this same table.
 */
import type { AppState } from '../store/index.ts';
import { nextDecision } from '../store/selectors.ts';

export interface KeyBinding {
  /** KeyboardEvent.code values. */
  readonly codes: readonly string[];
  /** Shift held (default: not held). */
  readonly shift?: boolean;
  /** What the help sheet shows. */
  readonly keys: string;
  readonly does: string;
  readonly run: (s: AppState, ev: { code: string }) => void;
}

const digit = (code: string) => Number(code.replace(/^(Digit|Numpad)/, ''));

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { codes: ['ArrowRight'], keys: '→', does: 'Step forward', run: (s) => s.stepForward() },
  { codes: ['ArrowLeft'], keys: '←', does: 'Step back', run: (s) => s.stepBack() },
  { codes: ['ArrowRight'], shift: true, keys: 'Shift + →', does: 'Step forward 10', run: (s) => s.seek(s.cursor + 10) },
  { codes: ['ArrowLeft'], shift: true, keys: 'Shift + ←', does: 'Step back 10', run: (s) => s.seek(s.cursor - 10) },
  { codes: ['Home'], keys: 'Home', does: 'First step (Restart)', run: (s) => s.restart() },
  { codes: ['End'], keys: 'End', does: 'Last step', run: (s) => s.jumpToEnd() },
  { codes: ['Space'], keys: 'Space', does: 'Play / Pause', run: (s) => s.togglePlay() },
  { codes: ['KeyF'], keys: 'F', does: 'Jump to fault', run: (s) => s.jumpToFault() },
  {
    codes: ['Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6', 'Digit7', 'Digit8', 'Digit9'],
    keys: '1 – 9',
    does: 'At the next scheduling point, run the n-th task next',
    run: (s, ev) => {
      const d = nextDecision(s.trace, s.cursor);
      const task = d?.decision.candidates[digit(ev.code) - 1];
      if (d && task !== undefined) s.chooseTask(d.index, task);
    },
  },
  { codes: ['KeyU'], keys: 'U', does: 'Undo the last scheduling choice', run: (s) => s.undoChoice() },
  { codes: ['Equal', 'NumpadAdd'], keys: '+', does: 'Zoom in', run: (s) => s.zoomBy(2) },
  { codes: ['Minus', 'NumpadSubtract'], keys: '−', does: 'Zoom out', run: (s) => s.zoomBy(0.5) },
  { codes: ['Digit0'], keys: '0', does: 'Fit the whole run', run: (s) => s.fit() },
  { codes: ['KeyT'], keys: 'T', does: 'Switch step / time axis', run: (s) => s.setAxis(s.axis === 'step' ? 'time' : 'step') },
  { codes: ['Slash'], shift: true, keys: '?', does: 'Open this help', run: (s) => s.setHelpOpen(true) },
  { codes: ['Escape'], keys: 'Esc', does: 'Close this help', run: (s) => s.setHelpOpen(false) },
];

/** The binding for a key press, or undefined. Shift must be held exactly where a binding says so. */
export function bindingFor(ev: { code: string; shiftKey: boolean }): KeyBinding | undefined {
  return KEY_BINDINGS.find((b) => b.codes.includes(ev.code) && (b.shift ?? false) === ev.shiftKey);
}
