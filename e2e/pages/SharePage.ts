import type { Download, Locator, Page } from '@playwright/test';

/** The toolbar's share group: copy, export, open; its status line and dialogs. */
export class SharePage {
  readonly group: Locator;
  readonly copyLink: Locator;
  readonly copyText: Locator;
  readonly exportButton: Locator;
  readonly exportMenu: Locator;
  readonly openButton: Locator;
  readonly status: Locator;
  readonly openDialog: Locator;
  readonly openText: Locator;
  readonly openSubmit: Locator;
  readonly openProblems: Locator;
  readonly fallback: Locator;

  constructor(readonly page: Page) {
    this.group = page.getByTestId('toolbar.share');
    this.copyLink = this.group.getByRole('button', { name: 'Copy link' });
    this.copyText = this.group.getByRole('button', { name: 'Copy as text' });
    this.exportButton = this.group.getByRole('button', { name: 'Export' });
    this.exportMenu = page.getByRole('menu', { name: 'Export' });
    this.openButton = this.group.getByRole('button', { name: 'Open link or text…' });
    this.status = page.getByTestId('share.status');
    this.openDialog = page.getByRole('dialog', { name: 'Open a link or a text block' });
    this.openText = this.openDialog.getByRole('textbox');
    this.openSubmit = this.openDialog.getByRole('button', { name: 'Open', exact: true });
    this.openProblems = this.openDialog.getByRole('alert');
    this.fallback = page.getByTestId('copy.fallback');
  }

  exportItem(name: RegExp): Locator {
    return this.exportMenu.getByRole('menuitem', { name });
  }

  /** Picks an Export menu item and returns the download it starts. */
  async download(name: RegExp): Promise<Download> {
    await this.exportButton.click();
    const started = this.page.waitForEvent('download');
    await this.exportItem(name).click();
    return started;
  }

  /** What the page last put on the clipboard (needs clipboard-read permission). */
  clipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /**
   * Pastes `text` onto the page (focus not in a field), as Ctrl/⌘+V does: a
   * `paste` event carrying the text, dispatched on the focused element.
   */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }
}
