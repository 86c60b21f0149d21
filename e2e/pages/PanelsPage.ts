import type { Locator, Page } from '@playwright/test';

/** Oops, verdict, code view, details, event log and the help sheet. */
export class PanelsPage {
  readonly oops: Locator;
  readonly oopsText: Locator;
  readonly verdict: Locator;
  readonly verdictTable: Locator;
  readonly eventLog: Locator;
  readonly currentLogRow: Locator;
  readonly details: Locator;
  readonly help: Locator;

  constructor(readonly page: Page) {
    this.oops = page.getByRole('region', { name: 'Oops' });
    this.oopsText = this.oops.locator('pre');
    this.verdict = page.getByTestId('verdict.current');
    this.verdictTable = page.getByTestId('verdict.table');
    this.eventLog = page.getByTestId('eventlog');
    this.currentLogRow = this.eventLog.locator('tbody tr[aria-current="step"]');
    this.details = page.getByTestId('details');
    this.help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  }

  code(task: number): Locator {
    return this.page.getByTestId(`code.${task}`);
  }
}
