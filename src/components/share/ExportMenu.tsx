/**
 * "Export" menu button (WAI-ARIA menu button): SVG and PNG of the lanes, the
 * trace as Perfetto JSON. Arrow keys move between items, Escape closes and
 * returns focus to the button, a click outside closes.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ExportKind } from './actions.ts';

const ITEMS: readonly { kind: ExportKind; label: string; hint: string }[] = [
  { kind: 'svg', label: 'SVG image', hint: 'the lanes as a standalone vector image, styles inlined' },
  { kind: 'png', label: 'PNG image', hint: 'the lanes at twice the screen resolution' },
  { kind: 'trace', label: 'Trace JSON (Perfetto)', hint: 'Chrome trace events: open in ui.perfetto.dev or chrome://tracing' },
];

/** The menu's min-width in share.css. */
const MENU_WIDTH = 290;

export function ExportMenu({ onPick }: { onPick: (kind: ExportKind) => void }) {
  const [open, setOpen] = useState(false);
  /** Opens to the right when the button is too near the left edge for the menu. */
  const [alignLeft, setAlignLeft] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    wrap.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(wrap.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'Escape') { setOpen(false); button.current?.focus(); }
    else if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Tab') setOpen(false);
    else return;
    // Keep the page's own keys (arrows step the run) out of the menu.
    if (e.key !== 'Tab') e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="menu-wrap" ref={wrap} onKeyDown={onKey}>
      <button
        ref={button} type="button" aria-haspopup="menu" aria-expanded={open} aria-controls="export-menu"
        onClick={() => {
          setAlignLeft((wrap.current?.getBoundingClientRect().right ?? 0) < MENU_WIDTH + 8);
          setOpen(!open);
        }}
        title="Download the lanes as SVG or PNG, or the trace as Perfetto JSON"
      >
        Export <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className={`menu${alignLeft ? ' align-left' : ''}`} role="menu" id="export-menu" aria-label="Export" data-testid="export.menu">
          {ITEMS.map((it) => (
            <button
              key={it.kind} type="button" role="menuitem" tabIndex={-1}
              onClick={() => { setOpen(false); button.current?.focus(); onPick(it.kind); }}
            >
              <span className="menu-label">{it.label}</span>
              <span className="menu-hint">{it.hint}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
