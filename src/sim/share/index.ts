/**
 * Sharing: canonical links, the model fingerprint, notices for links made with
 * another model, the plain-text block for email and the Chrome trace export.
 * Pure and deterministic, like the rest of src/sim.
 */
export { encodeView, decodeLink, normalizeView, LINK_FORMAT, type DecodeResult } from './canonical.ts';
export { modelFingerprint, fnv1a32 } from './fingerprint.ts';
export { linkNotices, type LinkFacts } from './notices.ts';
// decodeFragment (a link or a pasted text block) and parseTextBlock are imported from './decode.ts' and
// './paste.ts' directly (CLI, the page's lazy block reader): the page's address bar never holds a block.
// textBlock / oopsHead are imported from './textBlock.ts' directly (CLI, lazy page chunk):
// re-exporting them here would pull the text renderer into the page's first-load bundle.
export { toChromeTrace, type ChromeTrace, type ChromeEvent } from './chromeTrace.ts';
export { checkBase, linkAt, isLocalBase } from './base.ts';
