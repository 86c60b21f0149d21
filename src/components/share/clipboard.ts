/**
 * Copying text: the async Clipboard API when the browser offers and allows
 * it; otherwise the caller shows the text selected in a read-only box (an
 * insecure origin, a denied permission, an old browser all end there).
 */

export type CopyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export async function copyText(text: string, nav: Pick<Navigator, 'clipboard'> | undefined = globalThis.navigator): Promise<CopyResult> {
  const clip = nav?.clipboard;
  if (!clip || typeof clip.writeText !== 'function') return { ok: false, reason: 'This browser does not let the page write to the clipboard here.' };
  try {
    await clip.writeText(text);
    return { ok: true };
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    return { ok: false, reason: name === 'NotAllowedError' ? 'The browser did not allow the page to write to the clipboard.' : 'Writing to the clipboard failed.' };
  }
}
