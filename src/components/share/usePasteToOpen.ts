/**
 * Pasting a racelanes link or a "Copy as text" block anywhere on the page
 * (not into a field) opens it, like pasting a URL into the address bar.
 */
import { useEffect } from 'react';
import { getAppStore } from '../../store/index.ts';
import { openPasted } from './actions.ts';

function isField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  if (t.tagName === 'TEXTAREA') return true;
  if (t.tagName !== 'INPUT') return false;
  return !['checkbox', 'radio', 'range', 'button', 'submit'].includes((t as HTMLInputElement).type);
}

export function usePasteToOpen(): void {
  useEffect(() => {
    const onPaste = (ev: ClipboardEvent) => {
      if (isField(ev.target) || isField(document.activeElement)) return;
      // A modal dialog (help, copy box) owns the page while it is open.
      if (document.querySelector('dialog[open]')) return;
      const text = ev.clipboardData?.getData('text/plain') ?? '';
      if (!text.trim()) return;
      ev.preventDefault();
      void openPasted(getAppStore(), text);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);
}
