/**
 * Session state of the share tools: the brief "Copied" status, the fallback
 * dialog when the clipboard refuses, and the "Open link or text" dialog.
 * Never reaches the simulation or the link.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './types.ts';

export interface ShareStatus {
  /** Bumped on every message, so the same text twice is announced twice. */
  readonly id: number;
  readonly text: string;
  readonly tone: 'ok' | 'bad';
}

/** Text the clipboard would not take: shown selected in a read-only box to copy by hand. */
export interface CopyFallback {
  readonly title: string;
  readonly text: string;
  /** Why the clipboard could not be used. */
  readonly reason: string;
}

export interface ShareSlice {
  shareStatus: ShareStatus | null;
  copyFallback: CopyFallback | null;
  openDialog: boolean;
  /**
   * The public address links are written against, when this page runs where
   * nobody else can open it (localhost, file:). The page remembers it
   * (localStorage, in components/share).
   */
  publicBase: string | null;
  baseDialog: boolean;
  setShareStatus(text: string | null, tone?: ShareStatus['tone']): void;
  setCopyFallback(f: CopyFallback | null): void;
  setOpenDialog(open: boolean): void;
  setPublicBase(base: string | null): void;
  setBaseDialog(open: boolean): void;
}

let statusId = 0;

export const createShareSlice: StateCreator<AppState, [], [], ShareSlice> = (set) => ({
  shareStatus: null,
  copyFallback: null,
  openDialog: false,
  publicBase: null,
  baseDialog: false,
  setShareStatus(text, tone = 'ok') {
    set({ shareStatus: text === null ? null : { id: ++statusId, text, tone } });
  },
  setCopyFallback(f) {
    set({ copyFallback: f });
  },
  setOpenDialog(open) {
    set({ openDialog: open });
  },
  setPublicBase(base) {
    set({ publicBase: base });
  },
  setBaseDialog(open) {
    set({ baseDialog: open });
  },
});
