/**
 * What the notices bar says after a link is opened or pasted. Links never
 * change meaning silently (PRODUCT.md "Sharing"): problems in the link, a
 * link made with another model, a replay that diverges, are all shown.
 * Messages are plain text (src/sim/share/safe.ts bounds and cleans them).
 */
import { linkNotices, type LinkError, type Trace, type ViewState } from '../sim/index.ts';

export interface Notice {
  readonly id: number;
  /**
   * `link`: what was wrong in a link (the valid part was applied);
   * `replay`: the link replays differently from when it was made;
   * `paste`: nothing could be opened from pasted text (the view is unchanged).
   */
  readonly kind: 'link' | 'replay' | 'paste';
  readonly title: string;
  readonly messages: readonly string[];
}

let noticeId = 0;

export const LINK_TITLE = 'This link has problems; everything valid in it was applied';
export const NOTHING_TITLE = 'Nothing was opened: no usable racelanes link was found; the view is unchanged';
export const DEFAULT_SHOWN_TITLE = 'Nothing in this link could be opened; showing the default view';
const OTHER_MODEL_TITLE = 'This link was made with a different version of the model';
const REPLAY_TITLE = 'This link does not replay exactly as it was made';

export function notice(kind: Notice['kind'], title: string, messages: readonly string[]): Notice {
  return { id: ++noticeId, kind, title, messages };
}

/** What the link carried besides its view. */
export interface LinkOrigin {
  readonly errors: readonly LinkError[];
  /** The model fingerprint in the link, if any. */
  readonly model: string | null;
  /** False when nothing in the link was usable (the page shows its default view). */
  readonly usable?: boolean;
  /** How the link was read, when the user should know (e.g. rebuilt from a text block's header). */
  readonly notes?: readonly string[];
}

/** Notices for a link just opened as `view` and replayed as `trace`. */
export function noticesForLink(view: ViewState, origin: LinkOrigin, trace: Trace): Notice[] {
  const out: Notice[] = [];
  const title = origin.usable === false ? DEFAULT_SHOWN_TITLE : LINK_TITLE;
  if (origin.errors.length) out.push(notice('link', title, origin.errors.map((e) => e.message)));
  const replay = [...(origin.notes ?? []), ...linkNotices({ view, model: origin.model }, trace)];
  if (replay.length) {
    const other = origin.model !== null && replay.some((m) => m.startsWith('This link was made with model'));
    out.push(notice('replay', other ? OTHER_MODEL_TITLE : REPLAY_TITLE, replay));
  }
  return out;
}

/** The notice for text that held nothing usable; the current view stays. */
export function nothingOpened(errors: readonly LinkError[]): Notice {
  return notice('paste', NOTHING_TITLE, errors.length ? errors.map((e) => e.message) : ['the text is empty']);
}
