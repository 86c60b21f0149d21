/**
 * Global keys. Typing in a form field never triggers them; Space on a button
 * stays the button's; none acts while a modal dialog is open.
 */
import { useEffect } from 'react';
import { getAppStore } from '../store/index.ts';
import { bindingFor } from './keys.ts';

function isEditable(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return (t as HTMLInputElement).type !== 'checkbox' && (t as HTMLInputElement).type !== 'radio' && (t as HTMLInputElement).type !== 'range';
  return false;
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (isEditable(ev.target)) return;
      // A modal dialog (help, open, copy, public address) owns the keyboard: Escape closes it, nothing else acts.
      if (document.querySelector('dialog[open]')) return;
      const t = ev.target instanceof HTMLElement ? ev.target : null;
      if (ev.code === 'Space' && t && (t.tagName === 'BUTTON' || t.tagName === 'A' || t.tagName === 'SUMMARY')) return;
      // The scrubber handles its own arrows; Home/End there too.
      if (t instanceof HTMLInputElement && t.type === 'range' && ['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(ev.code)) return;
      const b = bindingFor(ev);
      if (!b) return;
      ev.preventDefault();
      b.run(getAppStore().getState(), ev);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
